package backprop.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.engine.Fixtures;
import backprop.grader.results.GradeReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSummaryTest {
    @TempDir
    Path tmp;

    private static final GradeReport EXAMPLE = backprop.grader.engine.Grader.withDefaults().grade(Fixtures.EXAMPLE);

    @Test
    void onGitHubTheSummaryIsAppendedToTheStepSummaryFile() throws IOException {
        Path summary = Files.writeString(tmp.resolve("step_summary.md"), "## An earlier step\n");

        JobSummary.append(EXAMPLE, Map.of("GITHUB_STEP_SUMMARY", summary.toString(), "GRADER_REPORT_ARTIFACT", "grading-report"));

        String md = Files.readString(summary);
        assertThat(md).startsWith("## An earlier step\n")
                .contains("## Backprop grader: ` submission ` scored 35 / 82 points (42.7%)")
                .contains("| Activations | 7 / 13 |")
                .contains("1.2 Sigmoid.derivative matches finite differences")
                .contains("Diagnosis: derivative at the wrong variable")
                .contains("artifact \"grading-report\"");
    }

    @Test
    void withoutTheVariableNothingIsWritten() throws IOException {
        JobSummary.append(EXAMPLE, Map.of());

        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anUnwritableSummaryIsOnlyAWarning() throws IOException {
        Path aFolder = Files.createDirectories(tmp.resolve("a-folder"));

        JobSummary.append(EXAMPLE, Map.of("GITHUB_STEP_SUMMARY", aFolder.toString()));

        assertThat(aFolder).isEmptyDirectory();
    }

    @Test
    void aSubmissionThatCannotBeGradedSaysSoInTheSummary() throws IOException {
        Path summary = tmp.resolve("step_summary.md");

        JobSummary.notGraded("empty folder: no files at all", Map.of("GITHUB_STEP_SUMMARY", summary.toString()));

        assertThat(Files.readString(summary)).contains("not graded (0 points)").contains("empty folder: no files at all");
    }
}
