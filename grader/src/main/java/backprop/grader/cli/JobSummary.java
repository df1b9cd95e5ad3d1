package backprop.grader.cli;

import backprop.grader.report.MarkdownSummary;
import backprop.grader.results.GradeReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The grading as a GitHub Actions job summary: when {@code GITHUB_STEP_SUMMARY} names a file (GitHub
 * sets it in every step), the Markdown of {@link MarkdownSummary} is appended to it, and the student
 * sees the result on the run's page without opening a log. {@code GRADER_REPORT_ARTIFACT}, if set, is
 * the name of the artifact the workflow keeps report.html in.
 */
final class JobSummary {
    static final String SUMMARY_FILE = "GITHUB_STEP_SUMMARY";
    static final String ARTIFACT = "GRADER_REPORT_ARTIFACT";

    private JobSummary() {
    }

    /** On GitHub, says in the job summary that the submission could not be graded, and why. */
    static void notGraded(String reason, Map<String, String> env) {
        String file = env.get(SUMMARY_FILE);
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), MarkdownSummary.notGraded(reason) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            System.err.println("grader: warning: could not write the job summary to " + file + ": " + e.getMessage());
        }
    }

    /** Appends the summary if the environment asks for one; a failure to write is a warning, never an error. */
    static void append(GradeReport report, Map<String, String> env) {
        String file = env.get(SUMMARY_FILE);
        if (file == null || file.isBlank()) {
            return;
        }
        String artifact = env.get(ARTIFACT);
        String hint = artifact == null || artifact.isBlank()
                ? "The full report is report.html, next to report.json in the grader's output folder."
                : "The full report, report.html, is in this run's artifact \"" + artifact.strip()
                + "\": open the run's Summary page and download it under Artifacts.";
        try {
            Files.writeString(Path.of(file), MarkdownSummary.render(report, hint) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            System.err.println("grader: warning: could not write the job summary to " + file + ": " + e.getMessage());
        }
    }
}
