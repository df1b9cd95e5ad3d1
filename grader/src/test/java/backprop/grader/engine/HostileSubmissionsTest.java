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
import backprop.grader.results.Visibility;
import backprop.grader.run.RunOptions;
import backprop.grader.suites.HiddenInputs;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Submissions that attack the grader or break things on purpose (fixtures under
 * src/test/resources/fixtures): each is graded to a complete report in bounded time, earns nothing it
 * did not compute, and every other check keeps its points.
 *
 * <p>Which checks a mistake may cost follows from the grader's design (docs/trust-model.md): code that
 * uses API outside the allowlist is refused before it runs and its file is graded as the starter's
 * stub (status not_compiled); the layer, network and training checks use the grader's stand-in
 * activations and losses, so a broken activation or loss costs only its own checks and the worked
 * examples (5.x, end-to-end with the student's own classes; all four use ReLU and sigmoid, 5.1 and 5.2
 * use MSE); a check that runs out of CPU time or memory costs only itself, and the next check of its
 * part runs in a fresh student JVM.
 */
class HostileSubmissionsTest {
    private static final Duration BOUND = Duration.ofSeconds(90);
    /** Short compiler budget for the javac bomb: the bomb needs minutes, an honest file well under a second. */
    static final RunOptions BOMB = SHORT.withCompileCpu(Duration.ofSeconds(4));

    static final String[] TANH = {"1.3", "1.8", "1.12"};
    static final String[] IDENTITY = {"1.1", "1.6"};
    static final String[] LEAKY = {"1.5", "1.10", "1.13"};
    static final String[] WORKED = {"5.1", "5.2", "5.3", "5.4"};
    static final String[] SIGMOID = join(new String[] {"1.2", "1.7", "1.11"}, WORKED);
    static final String[] RELU = join(new String[] {"1.4", "1.9", "1.13"}, WORKED);
    static final String[] MSE = {"2.1", "2.4", "2.7", "5.1", "5.2"};
    static final String[] ALL_DENSE_AND_NETWORK = join(new String[] {"3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8",
            "4.1", "4.2", "4.3", "4.4", "4.5", "4.6"}, WORKED);

    /** A hostile fixture, how it is graded, the checks it must lose, how they end, and for a refused file the API named. */
    enum Hostile {
        // ---- refused before running: the bytecode check ------------------------------------------
        /** The attack of issue 8: MethodType.fromMethodDescriptorString reaching the reference oracle. */
        SIGMOID_ORACLE_VIA_METHODTYPE("sigmoid-oracle-via-methodtype", "java.lang.invoke.MethodType", SIGMOID),
        SIGMOID_CALLS_REFERENCE("sigmoid-calls-reference", "java.lang.Class.forName", SIGMOID),
        /** sun.misc.Unsafe and /proc/self/fd: the way to forge the answers of a student JVM. */
        IDENTITY_BREAKS_ENCAPSULATION("identity-breaks-encapsulation", "java.lang.Class.getDeclaredField", IDENTITY),
        IDENTITY_WRITES_RAW_STDOUT("identity-writes-raw-stdout", "java.io.FileOutputStream", IDENTITY),
        TANH_FORGED_RESULTS("tanh-forged-results", "java.io.FileOutputStream", TANH),
        SIGMOID_SYSTEM_EXIT("sigmoid-system-exit", "java.lang.System.exit", SIGMOID),
        RELU_HALT("relu-halt", "java.lang.Runtime", RELU),
        RELU_SPAWNS_PROCESS("relu-spawns-process", "java.lang.ProcessBuilder", RELU),
        /** A detached process (setsid) that would rewrite the gradebook after the batch. */
        RELU_SETSID_DETACHED("relu-setsid-detached", "java.lang.ProcessBuilder", RELU),
        LEAKYRELU_KILLS_GRADER("leakyrelu-kills-grader", "java.lang.ProcessHandle", LEAKY),
        SIGMOID_LINGERING_THREAD("sigmoid-lingering-thread", "java.lang.Thread", SIGMOID),
        SIGMOID_PARALLEL_STREAM("sigmoid-parallel-stream", "java.util.stream.DoubleStream.parallel", SIGMOID),

        // ---- budgets, crashes, floods ------------------------------------------------------------
        TANH_ENDLESS_LOOP("tanh-endless-loop", Layout.MAVEN, SHORT, Status.TIMEOUT, TANH),
        LEAKYRELU_OUT_OF_MEMORY("leakyrelu-out-of-memory", Layout.MAVEN, NORMAL, Status.ERROR, LEAKY),
        SIGMOID_ENDLESS_RECURSION("sigmoid-endless-recursion", Layout.MAVEN, NORMAL, Status.FAILED, SIGMOID),
        IDENTITY_STDOUT_FLOOD("identity-stdout-flood", Layout.MAVEN, NORMAL, Status.PASSED),
        /** Prints fake verdicts and bytes shaped like the driver's answers, through System.out and System.err. */
        TANH_FORGED_OUTPUT("tanh-forged-output", Layout.MAVEN, NORMAL, Status.FAILED, TANH),
        /** An exception message of 20 million characters. */
        MSE_HUGE_MESSAGE("mse-huge-message", Layout.MAVEN, NORMAL, Status.FAILED, MSE),
        /** backward returns a 3000 × 3000 matrix: more than the grader reads back. */
        DENSE_HUGE_MATRIX("dense-huge-matrix", Layout.MAVEN, NORMAL, Status.FAILED, ALL_DENSE_AND_NETWORK),
        /** A few kilobytes of nested generic calls that keep javac busy for minutes. */
        TANH_JAVAC_BOMB("tanh-javac-bomb", Layout.MAVEN, BOMB, Status.NOT_COMPILED, TANH),
        /** A constant folded to 64 GB of text: javac runs out of memory, not time. */
        TANH_JAVAC_MEMORY_BOMB("tanh-javac-memory-bomb", Layout.MAVEN, BOMB, Status.NOT_COMPILED, TANH),
        /** A class backprop.nn.System, which would take java.lang.System's place in the given Matrix.java. */
        SYSTEM_HOOKS_GIVEN_CODE("system-hooks-given-code", Layout.MAVEN, NORMAL, Status.PASSED),
        /** An exception whose message and stack trace pretend to be the grader's diagnosis and total. */
        SIGMOID_SPOOFS_DIAGNOSIS("sigmoid-spoofs-diagnosis", Layout.MAVEN, NORMAL, Status.FAILED, SIGMOID),

        // ---- trivial, hard-coded or leaking code -------------------------------------------------
        /** Right dW and db, but backward returns null: the "backward leaves its inputs alone" check (3.6) earns nothing. */
        DENSE_BACKWARD_RETURNS_NULL("dense-backward-returns-null", Layout.MAVEN, NORMAL, Status.FAILED, join(new String[] {
                "3.3", "3.4", "3.5", "3.6", "3.8", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6"}, WORKED)),
        /**
         * Gradients made up from the upstream alone: repeatable, zero for a zero upstream, inputs left alone,
         * so the property checks (3.5, 3.6) must not pay for them; step (3.7) and Network.step (4.3) are
         * right on their own.
         */
        DENSE_MADE_UP_GRADIENTS("dense-made-up-gradients", Layout.MAVEN, NORMAL, Status.FAILED, join(new String[] {
                "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.8", "4.1", "4.2", "4.4", "4.5", "4.6"}, WORKED)),
        /** fit ignores the data and writes weights that classify XOR. */
        TRAINER_FIT_HARDCODES_XOR("trainer-fit-hardcodes-xor", Layout.MAVEN, NORMAL, Status.FAILED, "4.5", "4.6"),
        /** Prints every layer's weights it has seen: a hidden check's inputs must never show in a visible check. */
        DENSE_LEAKS_HIDDEN_INPUTS("dense-leaks-hidden-inputs", Layout.MAVEN, NORMAL, Status.PASSED),

        // ---- wrong results and broken files -------------------------------------------------------
        SIGMOID_NAN("sigmoid-nan", Layout.NESTED, NORMAL, Status.FAILED, SIGMOID),
        MSE_NULL_GRADIENT("mse-null-gradient", Layout.MAVEN, NORMAL, Status.FAILED, MSE),
        /** dW and everything built on it; db (3.2), dX (3.3) and "W unchanged" (3.6) keep their points. */
        DENSE_TRANSPOSED_DW("dense-transposed-dw", Layout.MAVEN, NORMAL, Status.FAILED, join(
                new String[] {"3.1", "3.4", "3.5", "3.7", "3.8", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6"}, WORKED)),
        /**
         * The gradients of one backward are right (3.1–3.4, 3.8, 4.1–4.3 pass), but W changes in backward
         * (3.6), a second backward sees new weights (3.5), and every update is doubled.
         */
        DENSE_BACKWARD_UPDATES_WEIGHTS("dense-backward-updates-weights", Layout.MAVEN, NORMAL, Status.FAILED, join(
                new String[] {"3.5", "3.6", "3.7", "4.4", "4.5", "4.6"}, WORKED)),
        TANH_COMPILE_ERROR("tanh-compile-error", Layout.FLAT, NORMAL, Status.NOT_COMPILED, TANH),
        MISSING_NETWORK("missing-network", Layout.ZIP, NORMAL, Status.NOT_IMPLEMENTED, "4.1", "4.2", "4.3", "4.4", "4.5", "4.6"),
        /** A permissive Tolerance in the grader's package, disguised from a package regex; Tanh returns 0. */
        TANH_PACKAGE_ESCAPE("tanh-package-escape", Layout.FLAT, NORMAL, Status.FAILED, TANH);

        final String fixture;
        final Layout layout;
        final RunOptions options;
        final Status status;
        final Set<String> affected;
        /** For a fixture refused by the bytecode check: an API its feedback must name. */
        final String refusedApi;

        Hostile(String fixture, Layout layout, RunOptions options, Status status, String... affected) {
            this(fixture, layout, options, status, null, Set.of(affected));
        }

        Hostile(String fixture, String refusedApi, String... affected) {
            this(fixture, Layout.MAVEN, NORMAL, Status.NOT_COMPILED, refusedApi, Set.of(affected));
        }

        Hostile(String fixture, Layout layout, RunOptions options, Status status, String refusedApi, Set<String> affected) {
            this.fixture = fixture;
            this.layout = layout;
            this.options = options;
            this.status = status;
            this.refusedApi = refusedApi;
            this.affected = affected;
        }

        GradedSubmissions.Grading grading() {
            return GradedSubmissions.fixture(fixture, layout, options);
        }

        GradeReport report() {
            return grading().get();
        }
    }

    static String[] join(String[] a, String[] b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
    }

    /** Grades every fixture two at a time before the tests read them: each grading is a few seconds of mostly JVM start-up. */
    @BeforeAll
    static void gradeAllInParallel() {
        GradedSubmissions.prefetch(Arrays.stream(Hostile.values()).map(h -> (Runnable) h::grading).toList());
    }

    // ---- every hostile fixture -----------------------------------------------------------------

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

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Hostile.class, names = {"SIGMOID_ORACLE_VIA_METHODTYPE", "SIGMOID_CALLS_REFERENCE",
            "IDENTITY_BREAKS_ENCAPSULATION", "IDENTITY_WRITES_RAW_STDOUT", "TANH_FORGED_RESULTS", "SIGMOID_SYSTEM_EXIT",
            "RELU_HALT", "RELU_SPAWNS_PROCESS", "RELU_SETSID_DETACHED", "LEAKYRELU_KILLS_GRADER", "SIGMOID_LINGERING_THREAD",
            "SIGMOID_PARALLEL_STREAM"})
    void codeThatReachesOutsideTheComputationIsRefusedBeforeItRunsNamingFileLineAndApi(Hostile h) {
        GradeReport report = h.report();
        String file = Fixtures.fixtureFiles(h.fixture).keySet().iterator().next();

        assertThat(report.diagnostics()).as("refusals are reported like compiler errors").isNotEmpty()
                .allSatisfy(d -> {
                    assertThat(d.kind()).isEqualTo("refused");
                    assertThat(d.file()).endsWith(file);
                    assertThat(d.line()).isPositive();
                    assertThat(d.message()).endsWith("which graded code may not use");
                })
                .anySatisfy(d -> assertThat(d.message()).contains(h.refusedApi));
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).startsWith(file).contains("which graded code may not use")
                .endsWith("its starter stub was graded instead"));
        for (String number : h.affected) {
            CheckResult c = check(report, number);
            assertThat(c.feedback()).as(number).startsWith(file + " was not run: " + file)
                    .contains("which graded code may not use");
        }
        assertThat(report.notes()).as("nothing of the file ran, so no student JVM had to be replaced")
                .noneMatch(n -> n.contains("student JVMs"));
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

    // ---- one behaviour per fixture -------------------------------------------------------------

    @Test
    void endlessLoopInTanhDerivativeRunsOutOfCpuTimeAndTheRestRunInAFreshJvm() {
        GradeReport report = Hostile.TANH_ENDLESS_LOOP.report();

        for (String number : TANH) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.TIMEOUT);
            assertThat(c.feedback()).contains("more than 2 s of CPU time").contains("endless loop");
        }
        assertThat(report.notes()).contains("the checks of Activations (visible) needed 3 student JVMs: a check timed out or"
                + " ended its JVM, and the next one ran in a fresh JVM");
        // 3 budgets of 2 s CPU and a few JVM starts: far below the 120 s global limit.
        assertThat(Hostile.TANH_ENDLESS_LOOP.grading().elapsed()).isLessThan(Duration.ofSeconds(45));
    }

    @Test
    void outOfMemoryInLeakyReLUIsAnErrorAboutMemory() {
        GradeReport report = Hostile.LEAKYRELU_OUT_OF_MEMORY.report();

        for (String number : LEAKY) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.ERROR);
            assertThat(c.feedback()).contains("ran out of memory").contains("OutOfMemoryError");
        }
        // 1.13 is an after-due-date check: notes about JVMs name parts and visibilities, never checks.
        assertThat(report.notes()).anyMatch(n -> n.startsWith("the checks of Activations (visible) needed 2 student JVMs"))
                .noneMatch(n -> n.contains("reluExtremes") || n.contains("1.13"));
    }

    @Test
    void endlessRecursionIsNamedAsSuch() {
        GradeReport report = Hostile.SIGMOID_ENDLESS_RECURSION.report();

        assertThat(check(report, "1.2").feedback()).startsWith("Sigmoid.derivative recursed without end (StackOverflowError)")
                .contains("(at Sigmoid.java:");
    }

    @Test
    void stdoutFloodIsTruncatedAndTheCorrectIdentityStillPasses(@TempDir Path out) throws IOException {
        GradeReport report = Hostile.IDENTITY_STDOUT_FLOOD.report();

        for (String number : IDENTITY) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.PASSED);
            assertThat(c.output()).startsWith("flood flood").containsPattern("\\[\\.\\.\\. [0-9]{6,} more characters not shown\\]$");
            assertThat(c.output().length()).isLessThan(4_200);
        }
        assertThat(report.score()).isEqualTo(report.maxScore());
        for (Path p : Reports.writeAll(report, out)) {
            assertThat(Files.size(p)).as(p.getFileName().toString()).isPositive().isLessThan(256 * 1024);
        }
    }

    @Test
    void fakeVerdictsPrintedByStudentCodeAreJustItsOutput() {
        GradeReport report = Hostile.TANH_FORGED_OUTPUT.report();

        for (String number : TANH) {
            CheckResult c = check(report, number);
            assertThat(c.status()).isEqualTo(Status.FAILED);
            assertThat(c.feedback()).contains("Tanh.derivative").contains("is wrong");
        }
        assertThat(check(report, "1.3").output()).contains("PASSED 1.3").contains("\"status\":\"SUCCESSFUL\"")
                .contains("PASSED 1.12");
    }

    @Test
    void aHugeExceptionMessageIsCutShortAndTheReportStaysSmall(@TempDir Path out) throws IOException {
        GradeReport report = Hostile.MSE_HUGE_MESSAGE.report();

        CheckResult c = check(report, "2.1");
        assertThat(c.feedback()).startsWith("MeanSquaredError.gradient threw IllegalStateException: xxxx")
                .contains("more characters]").hasSizeLessThan(9_000);
        for (Path p : Reports.writeAll(report, out)) {
            assertThat(Files.size(p)).as(p.getFileName().toString()).isLessThan(512 * 1024);
        }
    }

    @Test
    void aMatrixTooLargeToCheckFailsSayingSo() {
        GradeReport report = Hostile.DENSE_HUGE_MATRIX.report();

        assertThat(check(report, "3.3").feedback()).contains("DenseLayer.backward returned").contains("too large to check");
    }

    @Test
    void aFileThatKeepsTheCompilerBusyIsGradedAsItsStubAndTheRestIsGraded() {
        GradedSubmissions.Grading grading = Hostile.TANH_JAVAC_BOMB.grading();
        GradeReport report = grading.get();

        assertThat(report.diagnostics()).anySatisfy(d -> assertThat(d.toString()).contains("Tanh.java")
                .contains("the compiler did not finish within 4 s of CPU time on this file"));
        assertThat(report.notes()).contains("Tanh.java did not compile; its starter stub was graded instead");
        assertThat(check(report, "1.3").feedback()).startsWith("Tanh.java did not compile");
        // One run of javac on everything, one on Tanh.java alone (4 s of CPU each), the others alone, then the rest.
        assertThat(grading.elapsed()).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aFileThatRunsTheCompilerOutOfMemoryIsGradedAsItsStub() {
        GradeReport report = Hostile.TANH_JAVAC_MEMORY_BOMB.report();

        assertThat(report.diagnostics()).anySatisfy(d -> assertThat(d.toString()).contains("Tanh.java")
                .contains("ran out of memory"));
        assertThat(check(report, "1.3").feedback()).startsWith("Tanh.java did not compile");
    }

    @Test
    void aClassNamedLikeJavaLangSystemIsLeftOutAndTheGivenCodeStillUsesTheRealOne() {
        GradeReport report = Hostile.SYSTEM_HOOKS_GIVEN_CODE.report();

        assertThat(report.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("refused");
            assertThat(d.file()).endsWith("System.java");
            assertThat(d.message()).contains("the name System").contains("java.lang.System");
        });
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).startsWith("System.java").endsWith("the file was left out"));
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.output()).doesNotContain("hooked"));
    }

    @Test
    void anExceptionMessageCannotPassForTheGradersOwnWords() {
        GradeReport report = Hostile.SIGMOID_SPOOFS_DIAGNOSIS.report();

        for (String number : List.of("1.2", "1.7")) {
            CheckResult c = check(report, number);
            assertThat(c.feedback()).as(number).startsWith("Sigmoid.derivative threw IllegalStateException: fine")
                    .doesNotContain("\n") // no raw line break: the message stays on its line
                    .contains("fine\\nDiagnosis: none")
                    .doesNotContain("Fake").doesNotContain("31337");
            assertThat(c.diagnosis()).as(number).doesNotContain("this submission is correct");
        }
    }

    @Test
    void madeUpGradientsEarnNothingForTheirProperties() {
        GradeReport report = Hostile.DENSE_MADE_UP_GRADIENTS.report();

        for (String number : List.of("3.5", "3.6")) {
            assertThat(check(report, number).diagnosis()).as(number).contains("gradients not computed");
        }
        assertThat(check(report, "3.5").feedback()).contains("neither dW nor dX is right");
    }

    @Test
    void backwardThatReturnsNullEarnsNothingForLeavingItsInputsAlone() {
        GradeReport report = Hostile.DENSE_BACKWARD_RETURNS_NULL.report();

        assertThat(check(report, "3.6").feedback()).contains("the gradient returned by backward is null");
        for (String number : List.of("3.1", "3.2", "3.7")) {
            assertThat(check(report, number).status()).as("dW and db are right: %s", number).isEqualTo(Status.PASSED);
        }
    }

    @Test
    void fitThatWritesKnownXorWeightsInsteadOfTrainingEarnsNothing() {
        GradeReport report = Hostile.TRAINER_FIT_HARDCODES_XOR.report();

        CheckResult xor = check(report, "4.6");
        assertThat(xor.feedback()).contains("compared with the reference trained from the same initial weights");
        // fit is also wrong on its own (4.5: its loss history is made up), and that root cause is named.
        assertThat(xor.diagnosis()).containsAnyOf("not trained like the reference", "Trainer.fit is wrong on its own");
    }

    @Test
    void aHiddenChecksInputsNeverShowInTheOutputOfAVisibleCheck() {
        GradeReport report = Hostile.DENSE_LEAKS_HIDDEN_INPUTS.report();
        long salt = Grader.salt(new backprop.grader.submission.SubmissionLoader(
                backprop.grader.submission.StarterSources.packaged()).load(Fixtures.submission("dense-leaks-hidden-inputs", Layout.MAVEN)));
        List<String> hiddenWeights = GradedSubmissions.catalogue().stream()
                .filter(s -> s.visibility() != Visibility.VISIBLE && s.part().equals("Dense layer"))
                .flatMap(s -> HiddenInputs.weightsOf(s.number(), salt).stream()).toList();
        assertThat(hiddenWeights).as("the hidden dense-layer checks' first weights").isNotEmpty();

        List<CheckResult> visible = report.checks().stream().filter(c -> c.visibility() == Visibility.VISIBLE).toList();
        assertThat(visible).anySatisfy(c -> assertThat(c.output()).contains("layers seen:"));
        for (CheckResult c : visible) {
            for (String w : hiddenWeights) {
                assertThat(c.output()).as("output of visible check %s", c.number()).doesNotContain(w);
            }
        }
        // ...while the hidden check itself does print them: the fixture really records what it sees.
        assertThat(check(report, "3.6").output()).contains(HiddenInputs.weightsOf("3.6", salt).get(0));
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
    void nanFromSigmoidDerivativeFailsWithFeedbackNamingNaN() {
        GradeReport report = Hostile.SIGMOID_NAN.report();

        for (String number : List.of("1.2", "1.7", "1.11")) {
            CheckResult c = check(report, number);
            assertThat(c.feedback()).contains("Sigmoid.derivative").contains("is NaN");
        }
        assertThat(check(report, "1.2").diagnosis()).startsWith("NaN");
    }

    @Test
    void nullFromMseGradientFailsWithFeedbackNamingNull() {
        GradeReport report = Hostile.MSE_NULL_GRADIENT.report();

        for (String number : MSE) {
            assertThat(check(report, number).feedback())
                    .containsPattern("MeanSquaredError\\.gradient( \\(times 0\\.5, the document's ½\\))? gave null");
        }
        assertThat(check(report, "2.1").feedback()).contains("expected a 4x3 matrix");
    }

    @Test
    void compileErrorInTanhCostsOnlyTheTanhChecks() {
        GradeReport report = Hostile.TANH_COMPILE_ERROR.report();
        int line = Fixtures.lineOf("tanh-compile-error", "Tanh.java", "return 1.0 - t * t");

        assertThat(report.diagnostics()).isNotEmpty()
                .allSatisfy(d -> assertThat(d.toString()).contains("Tanh.java:" + line).contains("';' expected"));
        for (String number : TANH) {
            assertThat(check(report, number).feedback()).contains("Tanh.java did not compile").contains("Tanh.java:" + line);
        }
        assertThat(report.notes()).contains("Tanh.java did not compile; its starter stub was graded instead");
    }

    @Test
    void missingNetworkIsNotedAndItsChecksAreNotImplemented() {
        GradeReport report = Hostile.MISSING_NETWORK.report();

        assertThat(report.notes()).anyMatch(n -> n.startsWith("missing Network.java"));
        for (String number : Hostile.MISSING_NETWORK.affected) {
            assertThat(check(report, number).feedback()).containsPattern("Network\\.(backward|step) is not implemented yet");
        }
        assertThat(report.diagnostics()).isEmpty();
    }

    @Test
    void aClassDisguisedIntoTheGradersPackageIsIgnoredAndCannotShadowIt() {
        GradeReport report = Hostile.TANH_PACKAGE_ESCAPE.report();

        assertThat(report.notes()).anyMatch(n -> n.contains("Tolerance.java") && n.contains("backprop.grader.checks"));
        for (String number : TANH) {
            assertThat(check(report, number).feedback()).contains("Tanh.derivative").contains("is wrong");
        }
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
