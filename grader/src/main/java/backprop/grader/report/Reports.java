package backprop.grader.report;

import backprop.grader.html.HtmlReports;
import backprop.grader.results.GradeReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Entry point of the report writers: everything the CLI needs once a submission is graded.
 *
 * <pre>{@code
 * Reports.writeAll(report, Path.of("grading"));   // report.json, results.json, classroom.json, report.html
 * System.out.print(Reports.consoleSummary(report));
 * }</pre>
 */
public final class Reports {
    private Reports() {
    }

    /**
     * Writes {@code report.json}, {@code results.json}, {@code classroom.json} and the student's HTML
     * report {@code report.html} ({@link HtmlReports}) into {@code dir}, creating it if needed and
     * replacing files of the same names.
     *
     * @return the files written, in that order
     */
    public static List<Path> writeAll(GradeReport report, Path dir) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(dir, "dir");
        List<Path> written = new ArrayList<>();
        for (ReportWriter writer : ReportWriter.all()) {
            written.add(writer.write(report, dir));
        }
        written.add(HtmlReports.write(report, dir));
        return List.copyOf(written);
    }

    /** Plain-text summary for the console; hidden checks are shown by number only. */
    public static String consoleSummary(GradeReport report) {
        return consoleSummary(report, SummaryOptions.DEFAULT);
    }

    /** Text summary for the console, coloured and/or revealing hidden checks as {@code options} say. */
    public static String consoleSummary(GradeReport report, SummaryOptions options) {
        return ConsoleSummary.render(Objects.requireNonNull(report, "report"), options);
    }
}
