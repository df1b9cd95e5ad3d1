package backprop.grader.report;

import backprop.grader.results.GradeReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a {@link GradeReport} in one file format. Implementations are stateless and thread-safe;
 * obtain them from the factory methods below.
 */
public interface ReportWriter {

    /** The conventional file name of this format, e.g. {@code "results.json"}. */
    String fileName();

    /** The whole file as text: valid JSON (never NaN or Infinity) or valid XML, as the format is. */
    String render(GradeReport report);

    /**
     * Writes {@link #render(GradeReport)} as UTF-8 to {@code dir/fileName()}, creating {@code dir} if
     * needed. The file is replaced atomically where the file system allows, so a reader never sees half
     * a report.
     *
     * @return the file written
     */
    default Path write(GradeReport report, Path dir) throws IOException {
        return ReportFiles.writeAtomically(dir.resolve(fileName()), render(report));
    }

    /** The grader's own, complete format: {@code report.json}, described by {@code schema/report.schema.json}. */
    static ReportWriter nativeJson() {
        return new NativeJsonWriter();
    }

    /** Gradescope's autograder format: {@code results.json}. */
    static ReportWriter gradescope() {
        return new GradescopeWriter();
    }

    /**
     * The result format read by GitHub Classroom's {@code autograding-grading-reporter}:
     * {@code classroom.json}, to be passed base64-encoded in {@code <RUNNER>_RESULTS}.
     */
    static ReportWriter classroom() {
        return new ClassroomWriter();
    }

    /** JUnit XML ({@code junit.xml}), for test-report actions, GitLab merge requests and Jenkins. */
    static ReportWriter junitXml() {
        return new JUnitXmlWriter();
    }

    /**
     * The Markdown summary ({@code summary.md}, {@link MarkdownSummary}): what a job summary, a pull
     * request comment or a release body shows.
     */
    static ReportWriter markdown() {
        return new ReportWriter() {
            @Override
            public String fileName() {
                return "summary.md";
            }

            @Override
            public String render(GradeReport report) {
                return MarkdownSummary.render(report, "The full report is report.html, next to this file.");
            }
        };
    }

    /** All file formats, in the order {@link Reports#writeAll} writes them. */
    static List<ReportWriter> all() {
        return List.of(nativeJson(), gradescope(), classroom(), junitXml(), markdown());
    }
}
