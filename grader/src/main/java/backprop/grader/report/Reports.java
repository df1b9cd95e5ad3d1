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
 * Reports.writeAll(report, Path.of("grading"));   // report.json, results.json, classroom.json, junit.xml, report.html
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

    /**
     * Renders every report of a small made-up grading in memory and throws the text away: the classes,
     * templates and JSON machinery are then loaded and compiled before a real report needs them (a
     * grading calls this while javac runs, when its JVM has nothing else to do).
     */
    public static void warmUp() {
        java.time.Instant now = java.time.Instant.now();
        backprop.grader.results.CheckResult check = new backprop.grader.results.CheckResult("1.1", "warm-up", "Warm-up", 0, 1,
                backprop.grader.results.Status.FAILED, "expected 1.0, got 0.5", "a diagnosis",
                backprop.grader.results.Visibility.VISIBLE, 1, "printed");
        GradeReport report = new GradeReport("warm-up", "warm-up", now, now,
                List.of(new backprop.grader.results.PartResult("Warm-up", List.of(check))), List.of(), List.of("a note"), "");
        for (ReportWriter writer : ReportWriter.all()) {
            writer.render(report);
        }
        HtmlReports.studentReport(report);
        consoleSummary(report);
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
