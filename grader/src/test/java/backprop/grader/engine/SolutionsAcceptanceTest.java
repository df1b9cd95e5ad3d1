package backprop.grader.engine;

import static backprop.grader.engine.GradedSubmissions.assertComplete;
import static backprop.grader.engine.GradedSubmissions.summary;
import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import backprop.grader.results.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The solutions earn every point, however the files are arranged. */
class SolutionsAcceptanceTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fixtures.Layout.class)
    void solutionsEarnFullMarksInEveryLayout(Fixtures.Layout layout) {
        GradeReport report = GradedSubmissions.solutions(layout).get();

        assertComplete(report);
        assertThat(report.checks()).as(summary(report)).allSatisfy(c -> {
            assertThat(c.status()).as("status of %s", c.number()).isEqualTo(Status.PASSED);
            assertThat(c.score()).as("score of %s", c.number()).isEqualTo(c.maxScore());
            assertThat(c.feedback()).isEmpty();
            assertThat(c.diagnosis()).isEmpty();
        });
        assertThat(report.score()).isEqualTo(report.maxScore()).isEqualTo(GradedSubmissions.maxScore()).isPositive();
        assertThat(report.diagnostics()).isEmpty();
        assertThat(report.notes()).as("notes").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fixtures.Layout.class)
    void submissionIsNamedAfterItsFolderOrZip(Fixtures.Layout layout) {
        GradeReport report = GradedSubmissions.solutions(layout).get();

        assertThat(report.submissionId()).isEqualTo("solutions-" + layout.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(report.finishedAt()).isAfterOrEqualTo(report.startedAt());
        assertThat(report.checks()).extracting(CheckResult::durationMillis).allSatisfy(ms -> assertThat(ms).isNotNegative());
    }
}
