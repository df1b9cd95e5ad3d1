package backprop.grader.engine;

import static backprop.grader.engine.GradedSubmissions.assertComplete;
import static backprop.grader.engine.GradedSubmissions.summary;
import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.results.GradeReport;
import backprop.grader.results.Status;
import org.junit.jupiter.api.Test;

/** The generated starter, handed in untouched, earns nothing and is told what is still to do. */
class StarterAcceptanceTest {

    @Test
    void untouchedStarterScoresZero() {
        GradeReport report = GradedSubmissions.starter().get();

        assertComplete(report);
        assertThat(report.score()).isZero();
        assertThat(report.maxScore()).isEqualTo(GradedSubmissions.maxScore());
    }

    @Test
    void everyCheckOfTheStarterIsNotImplementedYet() {
        GradeReport report = GradedSubmissions.starter().get();

        assertThat(report.checks()).as(summary(report)).allSatisfy(c -> {
            assertThat(c.status()).as("status of %s", c.number()).isEqualTo(Status.NOT_IMPLEMENTED);
            assertThat(c.score()).isZero();
            assertThat(c.feedback()).as("feedback of %s", c.number()).contains("is not implemented yet");
        });
    }

    @Test
    void starterCompilesCleanlyAndNothingIsReportedMissing() {
        GradeReport report = GradedSubmissions.starter().get();

        assertThat(report.diagnostics()).isEmpty();
        assertThat(report.notes()).noneMatch(n -> n.startsWith("missing "));
        assertThat(report.submissionId()).isEqualTo("assignments");
    }
}
