package backprop.grader.html;

import backprop.grader.report.ReportFiles;
import backprop.grader.results.GradeReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * The student report {@code report.html}: one self-contained page (inline CSS and SVG, no scripts, no
 * external resources) with the total, a score bar per part, every check that did not pass with its
 * feedback, diagnosis, captured output and, for worked examples, the network with expected and
 * submitted gradients; then the passed checks, compile problems and notes.
 *
 * <pre>{@code
 * HtmlReports.write(report, Path.of("grading"));      // grading/report.html, replaced atomically
 * String html = HtmlReports.studentReport(report);    // the same page as a string
 * }</pre>
 *
 * <p>Checks that are not {@code visible} are shown as "hidden check N" with their status and points
 * only, as in {@code classroom.json} and the console summary; {@link #report(GradeReport, boolean)} with
 * {@code revealHidden} shows everything (for instructors). Thread-safe.
 */
public final class HtmlReports {
    /** The conventional file name of the student report. */
    public static final String FILE_NAME = "report.html";

    private HtmlReports() {
    }

    /** The student page: hidden checks by number and status only. */
    public static String studentReport(GradeReport report) {
        return report(report, false);
    }

    /** The page, revealing the names and feedback of hidden checks when {@code revealHidden} (instructors only). */
    public static String report(GradeReport report, boolean revealHidden) {
        Objects.requireNonNull(report, "report");
        return Templates.render("report", StudentReportView.of(report, revealHidden));
    }

    /**
     * Writes {@link #studentReport(GradeReport)} to {@code dir/report.html} as UTF-8, creating {@code dir}
     * if needed and replacing the file atomically where the file system allows.
     *
     * @return the file written
     */
    public static Path write(GradeReport report, Path dir) throws IOException {
        return ReportFiles.writeAtomically(dir.resolve(FILE_NAME), studentReport(report));
    }
}
