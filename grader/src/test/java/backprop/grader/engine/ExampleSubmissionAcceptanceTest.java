package backprop.grader.engine;

import static backprop.grader.engine.GradedSubmissions.assertComplete;
import static backprop.grader.engine.GradedSubmissions.check;
import static backprop.grader.engine.GradedSubmissions.summary;
import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import backprop.grader.results.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled example (examples/submission, README lists its planted mistakes): each mistake costs
 * the checks it breaks, is named in the feedback, and everything that is right keeps its points.
 */
class ExampleSubmissionAcceptanceTest {

    private static GradeReport report() {
        return GradedSubmissions.example().get();
    }

    /** Checks whose name starts with {@code prefix}, e.g. "Tanh." for every Tanh.derivative check. */
    private static List<CheckResult> named(String prefix) {
        List<CheckResult> checks = report().checks().stream().filter(c -> c.name().startsWith(prefix)).toList();
        assertThat(checks).as("checks named %s*", prefix).isNotEmpty();
        return checks;
    }

    @Test
    void exampleEarnsAPartialScore() {
        GradeReport report = report();

        assertComplete(report);
        assertThat(report.score()).as(summary(report)).isGreaterThan(0.0).isLessThan(report.maxScore());
        assertThat(report.score()).isEqualTo(report.checks().stream().filter(CheckResult::passed).mapToDouble(CheckResult::maxScore).sum());
        assertThat(report.submissionId()).isEqualTo("submission");
        assertThat(report.diagnostics()).isEmpty();
    }

    @Test
    void tanhLeftAsTodoIsNotImplemented() {
        assertThat(named("Tanh.")).extracting(CheckResult::number).containsExactly("1.3", "1.8", "1.12");
        assertThat(named("Tanh.")).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(Status.NOT_IMPLEMENTED);
            assertThat(c.score()).isZero();
            assertThat(c.feedback()).contains("Tanh.derivative is not implemented yet");
        });
    }

    @Test
    void mseWithoutTheFactorTwoFailsWithFactorTwoDiagnosis() {
        assertThat(named("MeanSquaredError.")).allSatisfy(c -> {
            assertThat(c.status()).as(c.number()).isEqualTo(Status.FAILED);
            assertThat(c.score()).isZero();
            assertThat(c.feedback()).contains("MeanSquaredError.gradient");
        });
        for (String number : List.of("2.1", "2.4")) {
            assertThat(check(report(), number).diagnosis()).as(number).contains("factor 2");
        }
    }

    /**
     * Check 2.7 grades MSE on a batch of N = 2 rows, where "half the expected values" is both the
     * missing factor 2 and "N times too small"; the Diagnoser tries batch scaling first and names the
     * wrong one. Enable once backprop.grader.checks.Diagnoser (or the 2.7 batch) is fixed.
     */
    @Test
    void mseExtremesWithoutTheFactorTwoAreDiagnosedAsFactorTwo() {
        assertThat(check(report(), "2.7").diagnosis()).contains("factor 2").doesNotContain("batch scaling");
    }

    @Test
    void sigmoidAtTheWrongVariableFailsWithWrongVariableDiagnosis() {
        assertThat(named("Sigmoid.")).allSatisfy(c -> {
            assertThat(c.status()).as(c.number()).isEqualTo(Status.FAILED);
            assertThat(c.score()).isZero();
            assertThat(c.feedback()).contains("Sigmoid.derivative");
        });
        for (String number : List.of("1.2", "1.7")) {
            assertThat(check(report(), number).diagnosis()).as(number).contains("wrong variable");
        }
    }

    @Test
    void denseLayerBiasGradientDividedTwiceFailsWithBatchScalingDiagnosis() {
        List<CheckResult> dense = report().checks().stream().filter(c -> c.part().equals("Dense layer")).toList();
        assertThat(dense.stream().filter(c -> !c.passed())).extracting(CheckResult::number).containsExactly("3.2", "3.4");
        for (String number : List.of("3.2", "3.4")) {
            CheckResult c = check(report(), number);
            assertThat(c.status()).isEqualTo(Status.FAILED);
            assertThat(c.feedback()).contains("db (gradBias())");
            assertThat(c.diagnosis()).contains("batch scaling").contains("times too small");
        }
    }

    @Test
    void correctActivationsAndLossesKeepTheirPoints() {
        for (String prefix : List.of("Identity.", "ReLU.", "ReLU and LeakyReLU", "LeakyReLU.", "BinaryCrossEntropy.",
                "SoftmaxCrossEntropy.")) {
            assertThat(named(prefix)).allSatisfy(c -> {
                assertThat(c.status()).as(c.number() + " " + c.name()).isEqualTo(Status.PASSED);
                assertThat(c.score()).isEqualTo(c.maxScore());
            });
        }
    }

    @Test
    void correctDenseLayerPartsKeepTheirPoints() {
        for (String number : List.of("3.1", "3.3", "3.5", "3.6", "3.7", "3.8", "4.3")) {
            assertThat(check(report(), number).status()).as(number + "\n" + summary(report())).isEqualTo(Status.PASSED);
        }
    }

    /** The wrong db still lets XOR train, but not like gradient descent does: 4.6 compares with the reference's run. */
    @Test
    void xorTrainedWithAWrongBiasGradientIsNotTrainedLikeTheReference() {
        CheckResult c = check(report(), "4.6");
        assertThat(c.status()).isEqualTo(Status.FAILED);
        assertThat(c.feedback()).contains("final parameters compared with the reference trained from the same initial weights");
        assertThat(c.diagnosis()).contains("averaged over the batch twice");
    }

    @Test
    void workedExamplesStopAtTheFirstWrongStepAndNameTheMistake() {
        for (String number : List.of("5.1", "5.2")) {
            CheckResult c = check(report(), number);
            assertThat(c.status()).isEqualTo(Status.FAILED);
            assertThat(c.feedback()).contains("the first wrong step").contains("lossGradient");
            assertThat(c.diagnosis()).contains("factor 2");
        }
        for (String number : List.of("5.3", "5.4")) {
            CheckResult c = check(report(), number);
            assertThat(c.status()).isEqualTo(Status.FAILED);
            assertThat(c.feedback()).contains("the first wrong step").contains("derivative");
            assertThat(c.diagnosis()).contains("wrong variable");
        }
    }
}
