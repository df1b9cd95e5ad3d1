package backprop.grader.engine;

import static backprop.grader.engine.GradedSubmissions.NORMAL;
import static backprop.grader.engine.GradedSubmissions.SHORT;
import static backprop.grader.engine.GradedSubmissions.assertComplete;
import static backprop.grader.engine.GradedSubmissions.check;
import static backprop.grader.engine.GradedSubmissions.summary;
import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.catalogue.CheckSpec;
import backprop.grader.engine.Fixtures.Layout;
import backprop.grader.report.Reports;
import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import backprop.grader.results.Status;
import backprop.grader.run.IsolatedRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Submissions that break things on purpose (fixtures under src/test/resources/fixtures): each is
 * graded to a complete report in bounded time, gains nothing on the checks it breaks, and every
 * other check keeps its points.
 *
 * <p>Which checks a mistake may cost follows from the grader's design (docs/notes.md): the dense
 * layer, network and training checks use the reference's activations and losses, so a broken
 * activation or loss costs only its own checks and the worked examples (5.x, end-to-end with the
 * student's own activations and losses; all four use ReLU and sigmoid, 5.1 and 5.2 use MSE). A
 * broken DenseLayer costs the checks that read what it got wrong. A crash, halt or timeout costs
 * only the check that was running: the rest run in a fresh JVM.
 */
class HostileSubmissionsTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static final String[] TANH = {"1.3", "1.8", "1.12"};
    private static final String[] WORKED = {"5.1", "5.2", "5.3", "5.4"};

    /** A hostile fixture, how it is graded, the checks it must lose and how they end. */
    enum Hostile {
        TANH_ENDLESS_LOOP("tanh-endless-loop", Layout.MAVEN, SHORT, Status.TIMEOUT, TANH),
        SIGMOID_SYSTEM_EXIT("sigmoid-system-exit", Layout.MAVEN, NORMAL, Status.ERROR, join(new String[] {"1.2", "1.7", "1.11"}, WORKED)),
        RELU_HALT("relu-halt", Layout.MAVEN, NORMAL, Status.FAILED, join(new String[] {"1.4", "1.9", "1.13"}, WORKED)),
        IDENTITY_STDOUT_FLOOD("identity-stdout-flood", Layout.MAVEN, NORMAL, Status.PASSED),
        TANH_FORGED_RESULTS("tanh-forged-results", Layout.MAVEN, NORMAL, Status.FAILED, TANH),
        LEAKYRELU_OUT_OF_MEMORY("leakyrelu-out-of-memory", Layout.MAVEN, NORMAL, Status.ERROR, "1.5", "1.10", "1.13"),
        SIGMOID_LINGERING_THREAD("sigmoid-lingering-thread", Layout.MAVEN, NORMAL, Status.PASSED),
        SIGMOID_NAN("sigmoid-nan", Layout.NESTED, NORMAL, Status.FAILED, join(new String[] {"1.2", "1.7", "1.11"}, WORKED)),
        MSE_NULL_GRADIENT("mse-null-gradient", Layout.MAVEN, NORMAL, Status.FAILED, "2.1", "2.4", "2.7", "5.1", "5.2"),
        /** dW and everything built on it; db (3.2), dX (3.3) and "W unchanged" (3.6) keep their points. */
        DENSE_TRANSPOSED_DW("dense-transposed-dw", Layout.MAVEN, NORMAL, Status.FAILED, join(
                new String[] {"3.1", "3.4", "3.5", "3.7", "3.8", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6"}, WORKED)),
        /**
         * The gradients of one backward are right (3.1–3.4, 3.8, 4.1–4.3 pass, and XOR still trains), but
         * W changes in backward (3.6), a second backward sees new weights (3.5), and every update is doubled.
         */
        DENSE_BACKWARD_UPDATES_WEIGHTS("dense-backward-updates-weights", Layout.MAVEN, NORMAL, Status.FAILED, join(
                new String[] {"3.5", "3.6", "3.7", "4.4", "4.5"}, WORKED)),
        TANH_COMPILE_ERROR("tanh-compile-error", Layout.FLAT, NORMAL, Status.NOT_COMPILED, TANH),
        MISSING_NETWORK("missing-network", Layout.ZIP, NORMAL, Status.NOT_IMPLEMENTED, "4.1", "4.2", "4.3", "4.4", "4.5", "4.6"),
        /** sun.misc.Unsafe and /proc/self/fd: the way to forge the results channel. */
        IDENTITY_BREAKS_ENCAPSULATION("identity-breaks-encapsulation", Layout.MAVEN, NORMAL, Status.FAILED, "1.1", "1.6"),
        SIGMOID_CALLS_REFERENCE("sigmoid-calls-reference", Layout.MAVEN, NORMAL, Status.FAILED,
                join(new String[] {"1.2", "1.7", "1.11"}, WORKED)),
        RELU_SPAWNS_PROCESS("relu-spawns-process", Layout.MAVEN, NORMAL, Status.FAILED, join(new String[] {"1.4", "1.9", "1.13"}, WORKED)),
        LEAKYRELU_KILLS_GRADER("leakyrelu-kills-grader", Layout.MAVEN, NORMAL, Status.FAILED, "1.5", "1.10", "1.13"),
        /** A permissive Tolerance in the grader's package, disguised from a package regex; Tanh returns 0. */
        TANH_PACKAGE_ESCAPE("tanh-package-escape", Layout.FLAT, NORMAL, Status.FAILED, TANH);

        final String fixture;
        final Layout layout;
        final IsolatedRunner.Options options;
        final Status status;
        final Set<String> affected;

        Hostile(String fixture, Layout layout, IsolatedRunner.Options options, Status status, String... affected) {
            this.fixture = fixture;
            this.layout = layout;
            this.options = options;
            this.status = status;
            this.affected = Set.of(affected);
        }

        GradedSubmissions.Grading grading() {
            return GradedSubmissions.fixture(fixture, layout, options);
        }

        GradeReport report() {
            return grading().get();
        }

        private static String[] join(String[] a, String[] b) {
            return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
        }
    }

    // ---- every hostile fixture -----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Hostile.class, names = {"IDENTITY_BREAKS_ENCAPSULATION", "SIGMOID_CALLS_REFERENCE",
            "RELU_SPAWNS_PROCESS", "LEAKYRELU_KILLS_GRADER"})
    void theSandboxStopsWhatGradedCodeMayNotDoAndSaysSo(Hostile h) {
        GradeReport report = h.report();

        for (String number : h.affected) {
            CheckResult c = check(report, number);
            assertThat(c.feedback()).as("%s of %s", number, h.fixture).contains("stopped by the grader's sandbox")
                    .contains("access denied");
            assertThat(c.diagnosis()).as("%s of %s", number, h.fixture).startsWith("forbidden operation");
        }
        assertThat(report.notes()).as("one test JVM, never killed").isEmpty();
    }

    /** Every method returns zeros (of the right shapes) or does nothing: no math at all. */
    private static final String CONSTANT_ZEROS = "constant-zeros";

    @Test
    void codeThatOnlyReturnsZerosEarnsNothing() {
        GradeReport report = GradedSubmissions.fixture(CONSTANT_ZEROS, Layout.MAVEN, NORMAL).get();

        assertComplete(report);
        assertThat(report.checks()).as("checks passed by code without any math").noneMatch(CheckResult::passed);
        assertThat(report.score()).isZero();
    }

    @Test
    void aClassDisguisedIntoTheGradersPackageIsIgnoredAndCannotShadowIt() {
        GradeReport report = Hostile.TANH_PACKAGE_ESCAPE.report();

        assertThat(report.notes()).anyMatch(n -> n.contains("Tolerance.java") && n.contains("backprop.grader.checks"));
        for (String number : TANH) {
            assertThat(check(report, number).feedback()).contains("Tanh.derivative").contains("is wrong");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Hostile.class)
    void gradesToACompleteReportInBoundedTime(Hostile h) {
        GradedSubmissions.Grading grading = h.grading();
        GradeReport report = grading.get();

        assertComplete(report);
        assertThat(grading.elapsed()).as("time to grade %s", h.fixture).isLessThan(BOUND);
        assertThat(report.submissionId()).startsWith(h.fixture);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Hostile.class)
    void onlyTheAffectedChecksLosePoints(Hostile h) {
        GradeReport report = h.report();

        assertThat(GradedSubmissions.numbers()).as("affected checks exist").containsAll(h.affected);
        for (CheckResult c : report.checks()) {
            if (h.affected.contains(c.number())) {
                assertThat(c.status()).as("%s of %s%n%s", c.number(), h.fixture, summary(report)).isEqualTo(h.status);
                assertThat(c.score()).as("score of %s", c.number()).isZero();
            } else {
                assertThat(c.status()).as("%s of %s (not affected)%n%s", c.number(), h.fixture, summary(report))
                        .isEqualTo(Status.PASSED);
                assertThat(c.score()).isEqualTo(c.maxScore());
            }
        }
        double lost = GradedSubmissions.catalogue().stream().filter(s -> h.affected.contains(s.number()))
                .mapToDouble(CheckSpec::points).sum();
        assertThat(report.score()).isEqualTo(report.maxScore() - lost);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Hostile.class)
    void notesNameChecksByNumberNeverByJUnitId(Hostile h) {
        assertThat(h.report().notes()).noneMatch(n -> n.contains("[engine:") || n.contains("backprop.grader.suites"));
    }

    // ---- one behaviour per fixture -------------------------------------------------------------

    @Test
    void endlessLoopInTanhDerivativeTimesOutAndTheRestRunInAFreshJvm() {
        GradeReport report = Hostile.TANH_ENDLESS_LOOP.report();

        for (String number : TANH) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.TIMEOUT);
            assertThat(c.feedback()).contains("did not finish in time").contains("endless loop");
        }
        assertThat(report.notes()).anyMatch(n -> n.contains("test JVMs"));
        // 3 timeouts of 2 s and 4 JVM starts: far below the 120 s global limit.
        assertThat(Hostile.TANH_ENDLESS_LOOP.grading().elapsed()).isLessThan(Duration.ofSeconds(40));
    }

    @Test
    void systemExitInSigmoidInitialiserIsRefusedByTheSandboxAndCostsOnlyTheChecksUsingSigmoid() {
        GradeReport report = Hostile.SIGMOID_SYSTEM_EXIT.report();

        assertThat(check(report, "1.2").feedback()).contains("sandbox").contains("exiting the JVM");
        for (String number : Hostile.SIGMOID_SYSTEM_EXIT.affected) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.ERROR);
            assertThat(c.feedback()).containsAnyOf("exiting the JVM", "Sigmoid cannot be used", "static initialiser failed");
        }
        assertThat(report.notes()).as("the JVM was not allowed to exit, so one JVM ran every check").isEmpty();
    }

    @Test
    void haltInReLUDerivativeIsRefusedByTheSandboxAndCostsOnlyTheReLUChecks() {
        GradeReport report = Hostile.RELU_HALT.report();

        for (String number : Hostile.RELU_HALT.affected) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Hostile.RELU_HALT.status);
            assertThat(c.feedback()).contains("sandbox").contains("exiting the JVM");
        }
        assertThat(report.notes()).as("the JVM was not allowed to halt, so one JVM ran every check").isEmpty();
    }

    @Test
    void stdoutFloodIsTruncatedAndTheCorrectIdentityStillPasses(@TempDir Path out) throws IOException {
        GradeReport report = Hostile.IDENTITY_STDOUT_FLOOD.report();

        for (String number : List.of("1.1", "1.6")) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.PASSED);
            assertThat(c.score()).isEqualTo(c.maxScore());
            assertThat(c.output()).startsWith("flood flood").contains("more bytes of output not shown");
            assertThat(c.output().length()).isLessThan(5_000);
        }
        // 8 MB written straight to the JVM's stdout, bypassing System.out: kept to 16,000 characters,
        // and the note counts what was left out.
        assertThat(report.output()).startsWith("flood flood").containsPattern("\\[\\.\\.\\. [0-9]{7,} more bytes not shown\\]$");
        assertThat(report.output().length()).isLessThan(17_000);
        assertThat(report.score()).isEqualTo(report.maxScore());

        for (Path p : Reports.writeAll(report, out)) {
            assertThat(Files.size(p)).as(p.getFileName().toString()).isPositive().isLessThan(256 * 1024);
        }
    }

    @Test
    void forgedPassLinesOnStdoutDoNotTurnAWrongTanhIntoAPass() {
        GradeReport report = Hostile.TANH_FORGED_RESULTS.report();

        for (String number : TANH) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.FAILED);
            assertThat(c.score()).isZero();
            // Its attempt to find and use the results channel is stopped by the sandbox (or, had it got that
            // far, the wrong value would fail the comparison).
            assertThat(c.feedback()).contains("Tanh.derivative").containsAnyOf("sandbox", "is wrong");
        }
        // What it printed through System.out is kept as the output of the check that printed it...
        assertThat(Arrays.stream(TANH).map(n -> check(report, n).output()))
                .anyMatch(o -> o.contains("\"status\":\"SUCCESSFUL\"") && o.contains("PASSED 1.8"));
        // ...and what it wrote to the process's own stdout is just the JVM's output.
        assertThat(report.output()).contains("\"status\":\"SUCCESSFUL\"");
    }

    @Test
    void outOfMemoryInLeakyReLUIsAnErrorAboutMemory() {
        GradeReport report = Hostile.LEAKYRELU_OUT_OF_MEMORY.report();

        for (String number : Hostile.LEAKYRELU_OUT_OF_MEMORY.affected) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.ERROR);
            assertThat(c.feedback()).contains("out of memory").contains("OutOfMemoryError");
        }
        // 1.13 is a hidden (after the due date) check: the notes about the crashed JVMs must not give away its name.
        assertThat(report.notes()).anyMatch(n -> n.startsWith("check 1.5:")).anyMatch(n -> n.startsWith("check (hidden):"))
                .noneMatch(n -> n.contains("reluExtremes"));
    }

    @Test
    void lingeringNonDaemonThreadDoesNotKeepGradingAlive() {
        GradedSubmissions.Grading grading = Hostile.SIGMOID_LINGERING_THREAD.grading();
        GradeReport report = grading.get();

        assertThat(report.score()).isEqualTo(report.maxScore());
        assertThat(report.notes()).as("one test JVM ran every check, and ended").isEmpty();
        assertThat(grading.elapsed()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void nanFromSigmoidDerivativeFailsWithFeedbackNamingNaN() {
        GradeReport report = Hostile.SIGMOID_NAN.report();

        for (String number : Hostile.SIGMOID_NAN.affected) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.FAILED);
            assertThat(c.feedback()).contains("Sigmoid.derivative").contains("is NaN");
        }
        assertThat(check(report, "1.2").diagnosis()).startsWith("NaN");
    }

    @Test
    void nullFromMseGradientFailsWithFeedbackNamingNull() {
        GradeReport report = Hostile.MSE_NULL_GRADIENT.report();

        for (String number : Hostile.MSE_NULL_GRADIENT.affected) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.FAILED);
            assertThat(c.feedback()).containsPattern("MeanSquaredError\\.gradient( \\(times 0\\.5, the document's ½\\))? gave null");
        }
        assertThat(check(report, "2.1").feedback()).contains("expected a 4x3 matrix");
    }

    @Test
    void transposedWeightGradientFailsWithBothShapesInTheFeedback() {
        GradeReport report = Hostile.DENSE_TRANSPOSED_DW.report();

        for (String number : List.of("3.1", "3.4")) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.FAILED);
            assertThat(c.feedback()).contains("dW").contains("3x5").contains("5x3");
            assertThat(c.diagnosis()).contains("transposed");
        }
        assertThat(check(report, "3.7").feedback()).contains("fix backward first");
    }

    @Test
    void backwardThatAlsoStepsFailsTheUnchangedParametersCheck() {
        GradeReport report = Hostile.DENSE_BACKWARD_UPDATES_WEIGHTS.report();

        CheckResult c = check(report, "3.6");
        assertThat(c.status()).isEqualTo(Status.FAILED);
        assertThat(c.feedback()).contains("W after backward");
        assertThat(c.diagnosis()).contains("backward changed the parameters");
        for (String number : List.of("3.1", "3.2", "3.3", "3.4")) {
            assertThat(check(report, number).status()).as(number).isEqualTo(Status.PASSED);
        }
    }

    @Test
    void compileErrorInTanhCostsOnlyTheTanhChecks() {
        GradeReport report = Hostile.TANH_COMPILE_ERROR.report();
        int line = Fixtures.lineOf("tanh-compile-error", "Tanh.java", "return 1.0 - t * t");

        assertThat(report.diagnostics()).isNotEmpty()
                .allSatisfy(d -> assertThat(d.toString()).contains("Tanh.java:" + line).contains("';' expected"));
        for (String number : TANH) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.NOT_COMPILED);
            assertThat(c.feedback()).contains("Tanh.java did not compile").contains("Tanh.java:" + line);
        }
        assertThat(report.notes()).contains("Tanh.java did not compile; its starter stub was graded instead");
    }

    @Test
    void missingNetworkIsNotedAndItsChecksAreNotImplemented() {
        GradeReport report = Hostile.MISSING_NETWORK.report();

        assertThat(report.notes()).anyMatch(n -> n.startsWith("missing Network.java"));
        for (String number : Hostile.MISSING_NETWORK.affected) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.NOT_IMPLEMENTED);
            assertThat(c.feedback()).containsPattern("Network\\.(backward|step) is not implemented yet");
        }
        assertThat(report.diagnostics()).isEmpty();
    }

    // ---- the fixtures themselves ---------------------------------------------------------------

    @Test
    void everyFixtureFolderIsGradedBySomeTest() {
        Set<String> used = Arrays.stream(Hostile.values()).map(h -> h.fixture).collect(Collectors.toCollection(TreeSet::new));
        used.add(CONSTANT_ZEROS);
        used.addAll(SubmissionLoaderTest.FIXTURES);
        assertThat(Fixtures.names()).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void everyFixtureChangesTheSolutions() {
        for (String fixture : Fixtures.names()) {
            assertThat(Fixtures.files(fixture)).as(fixture).isNotEqualTo(Fixtures.solutionFiles());
            Fixtures.fixtureFiles(fixture).forEach((name, text) -> {
                assertThat(text).as(fixture + "/" + name).doesNotContain("// BEGIN SOLUTION");
                if (Fixtures.solutionFiles().containsKey(name)) {
                    assertThat(text).as(fixture + "/" + name + " differs from the solution").isNotEqualTo(Fixtures.solutionFiles().get(name));
                }
            });
        }
    }
}
