package backprop.grader.report;

import backprop.grader.results.CheckResult;
import backprop.grader.results.CompileDiagnostic;
import backprop.grader.results.GradeReport;
import backprop.grader.results.PartResult;
import backprop.grader.results.Status;
import backprop.grader.results.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built grade reports, realistic and hostile, shared by the report tests. */
final class Fixtures {
    static final Instant STARTED = Instant.parse("2025-03-14T09:26:53.589Z");
    static final Instant FINISHED = Instant.parse("2025-03-14T09:27:05.089Z");

    /** Feedback a careless toString() of a broken gradient can produce. */
    static final String NAN_FEEDBACK = "dW[0][1] is NaN, expected 0.25 (finite differences); db is Infinity, -Infinity in row 2";
    /** Quotes, backslashes, control characters, an escape sequence, emoji, a lone surrogate, U+2028. */
    static final String NASTY = "He said \"hi\" \\ back\\slash\ttab\r\nCRLF\u0000NUL\u0007BEL\u001B[31mred\u001B[0m "
            + "\u00e9\u4e2d\ud83d\ude00 lone:\ud800 end\u2028sep </script> & <b>";

    private Fixtures() {
    }

    static CheckResult check(String number, String name, String part, double points, Status status,
                             String feedback, String diagnosis, Visibility visibility, long millis, String output) {
        return new CheckResult(number, name, part, status == Status.PASSED ? points : 0.0, points, status,
                feedback, diagnosis, visibility, millis, output);
    }

    static CheckResult passed(String number, String name, String part, double points) {
        return check(number, name, part, points, Status.PASSED, "", "", Visibility.VISIBLE, 12, "");
    }

    /**
     * Three parts, points 0.5, 1, 2 and 3, every status, hidden and after-due-date checks, NaN text
     * in feedback, compile warnings and notes. Score 9 of 19.5.
     */
    static GradeReport mixed() {
        String act = "Activations";
        String dense = "Dense layer";
        String train = "Training";
        List<CheckResult> activations = List.of(
                passed("1.1", "Sigmoid.forward matches the definition", act, 1),
                passed("1.2", "Sigmoid.backward matches finite differences", act, 2),
                check("1.3", "ReLU.backward at zero", act, 0.5, Status.FAILED,
                        "ReLU'(0) should be 0, got 1.0", "uses >= instead of >", Visibility.VISIBLE, 3, ""),
                passed("1.4", "Tanh.forward matches Math.tanh", act, 0.5));
        List<CheckResult> denseChecks = List.of(
                passed("3.1", "DenseLayer.forward: Z = X·Wᵀ + b", dense, 2),
                check("3.2", "DenseLayer.backward: dW matches finite differences", dense, 2, Status.FAILED,
                        NAN_FEEDBACK, "dW is not divided by the batch size", Visibility.VISIBLE, 41,
                        "debug: W=[[0.1, NaN]]\n"),
                check("3.3", "DenseLayer.backward: db matches finite differences", dense, 3, Status.ERROR,
                        "java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3\n"
                                + "    at backprop.nn.DenseLayer.backward(DenseLayer.java:57)",
                        "", Visibility.VISIBLE, 7, ""),
                check("3.4", "DenseLayer.backward: dX shape", dense, 1, Status.NOT_IMPLEMENTED,
                        "DenseLayer.backward is not implemented yet", "", Visibility.VISIBLE, 1, ""));
        List<CheckResult> training = List.of(
                passed("5.1", "Trainer reduces the loss on XOR", train, 3),
                check("5.2", "Trainer reaches 95% accuracy on the hidden data set", train, 3, Status.TIMEOUT,
                        "secret: the hidden data set is the spiral with 7 arms", "", Visibility.HIDDEN, 10_000, ""),
                check("5.3", "Network.predict agrees with the reference network", train, 1, Status.FAILED,
                        "predictions differ in 12 of 200 rows", "", Visibility.AFTER_DUE_DATE, 250, ""),
                check("5.4", "Gradient check passes for a 3-layer network", train, 0.5, Status.PASSED,
                        "", "", Visibility.AFTER_PUBLISHED, 90, ""));
        return new GradeReport("alice-hw3", "0.1.0-SNAPSHOT", STARTED, FINISHED,
                List.of(new PartResult(act, activations), new PartResult(dense, denseChecks),
                        new PartResult(train, training)),
                List.of(new CompileDiagnostic("src/main/java/backprop/nn/Network.java", 88, "warning",
                        "[unchecked] unchecked conversion: List<Double> to List")),
                List.of("extra file ignored: notes.txt", "DenseLayer.java was replaced by the starter stub"),
                "Exception in thread \"main\" java.lang.OutOfMemoryError\n");
    }

    /** No parts, no checks: the submission could not be graded at all. */
    static GradeReport empty() {
        return new GradeReport("bob", "0.1.0-SNAPSHOT", STARTED, FINISHED, List.of(),
                List.of(new CompileDiagnostic("src/main/java/backprop/nn/Loss.java", 12, "error",
                        "cannot find symbol\n  symbol: class Matrx")),
                List.of("no Java sources found in the submission"), "");
    }

    /** Every string field as hostile as it gets, and very long output. */
    static GradeReport nasty() {
        String longOutput = ("NaN Infinity -Infinity \"quoted\" \u0001\u001F " + NASTY + "\n").repeat(20_000);
        CheckResult failed = check("9.1", "Nasty " + NASTY, "Part " + NASTY, 2, Status.FAILED,
                NASTY + "\n" + NAN_FEEDBACK, NASTY, Visibility.VISIBLE, 5, longOutput);
        CheckResult passed = check("9.2", "NaN", "Part " + NASTY, 0.5, Status.PASSED, "", "",
                Visibility.VISIBLE, 5, longOutput);
        CheckResult timeout = check("9.3", "Infinity", "Part " + NASTY, 1, Status.TIMEOUT, longOutput, longOutput,
                Visibility.VISIBLE, Long.MAX_VALUE, longOutput);
        return new GradeReport(NASTY, NASTY, STARTED, FINISHED,
                List.of(new PartResult("Part " + NASTY, List.of(failed, passed, timeout))),
                List.of(new CompileDiagnostic(NASTY, -1, NASTY, NASTY)),
                List.of(NASTY, "NaN", longOutput), longOutput);
    }

    /** All checks passed: 1 + 2 + 0.5 points. */
    static GradeReport allPassed() {
        return single(List.of(passed("1.1", "a", "P", 1), passed("1.2", "b", "P", 2), passed("1.3", "c", "P", 0.5)));
    }

    /** The submission did not compile: every check is not_compiled. */
    static GradeReport notCompiled() {
        return single(List.of(
                check("1.1", "a", "P", 1, Status.NOT_COMPILED, "the submission did not compile", "",
                        Visibility.VISIBLE, 0, ""),
                check("1.2", "b", "P", 2, Status.NOT_COMPILED, "the submission did not compile", "",
                        Visibility.VISIBLE, 0, "")));
    }

    /** One part holding {@code checks}. */
    static GradeReport single(List<CheckResult> checks) {
        return new GradeReport("s", "v", STARTED, FINISHED, List.of(new PartResult("P", checks)),
                List.of(), List.of(), "");
    }

    /** Checks worth {@code points[i]}, passed where {@code passed[i]}. */
    static GradeReport withPoints(double[] points, boolean[] passed) {
        List<CheckResult> checks = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            checks.add(check("1." + (i + 1), "check " + (i + 1), "P", points[i],
                    passed[i] ? Status.PASSED : Status.FAILED, passed[i] ? "" : "wrong", "",
                    Visibility.VISIBLE, 1, ""));
        }
        return single(checks);
    }

    static List<GradeReport> all() {
        return List.of(mixed(), empty(), nasty(), allPassed(), notCompiled());
    }
}
