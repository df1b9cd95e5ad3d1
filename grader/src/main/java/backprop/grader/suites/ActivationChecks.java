package backprop.grader.suites;

import backprop.grader.catalogue.Graded;
import backprop.grader.catalogue.Part;
import backprop.grader.checks.CheckFailure;
import backprop.grader.checks.Compare;
import backprop.grader.checks.KnownMistake;
import backprop.grader.checks.Seeds;
import backprop.grader.checks.Setting;
import backprop.grader.checks.Tolerance;
import backprop.grader.results.Visibility;
import backprop.reference.ReferenceActivation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Activation.derivative for each activation: finite differences, the reference, extreme inputs. */
@Part("Activations")
class ActivationChecks {
    private static final long SEED = 101;
    private static final ReferenceActivation LEAKY = ReferenceActivation.leakyRelu(0.2); // not the default 0.01: a hard-coded α must fail

    // ---- finite differences ------------------------------------------------------------------

    @Test
    @Graded(number = "1.1", points = 1)
    @DisplayName("Identity.derivative matches finite differences")
    void identityFiniteDifferences() {
        finiteDifferences(ReferenceActivation.IDENTITY);
    }

    @Test
    @Graded(number = "1.2", points = 1)
    @DisplayName("Sigmoid.derivative matches finite differences")
    void sigmoidFiniteDifferences() {
        finiteDifferences(ReferenceActivation.SIGMOID);
    }

    @Test
    @Graded(number = "1.3", points = 1)
    @DisplayName("Tanh.derivative matches finite differences")
    void tanhFiniteDifferences() {
        finiteDifferences(ReferenceActivation.TANH);
    }

    @Test
    @Graded(number = "1.4", points = 1)
    @DisplayName("ReLU.derivative matches finite differences (away from the kink)")
    void reluFiniteDifferences() {
        finiteDifferences(ReferenceActivation.RELU);
    }

    @Test
    @Graded(number = "1.5", points = 1)
    @DisplayName("LeakyReLU.derivative matches finite differences (away from the kink)")
    void leakyReluFiniteDifferences() {
        finiteDifferences(LEAKY);
    }

    // ---- the reference, including the kink convention ----------------------------------------

    @Test
    @Graded(number = "1.6", points = 1)
    @DisplayName("Identity.derivative agrees with the reference")
    void identityReference() {
        reference(ReferenceActivation.IDENTITY);
    }

    @Test
    @Graded(number = "1.7", points = 1)
    @DisplayName("Sigmoid.derivative agrees with the reference")
    void sigmoidReference() {
        reference(ReferenceActivation.SIGMOID);
    }

    @Test
    @Graded(number = "1.8", points = 1)
    @DisplayName("Tanh.derivative agrees with the reference")
    void tanhReference() {
        reference(ReferenceActivation.TANH);
    }

    @Test
    @Graded(number = "1.9", points = 1)
    @DisplayName("ReLU.derivative agrees with the reference, including 0 at z = 0")
    void reluReference() {
        reference(ReferenceActivation.RELU);
    }

    @Test
    @Graded(number = "1.10", points = 1)
    @DisplayName("LeakyReLU.derivative agrees with the reference, including α at z = 0")
    void leakyReluReference() {
        reference(LEAKY);
    }

    // ---- extreme inputs ----------------------------------------------------------------------

    @Test
    @Graded(number = "1.11", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    @DisplayName("Sigmoid.derivative is finite and correct for large |z| (about ±3, ±20, ±50, ±800)")
    void sigmoidExtremes() {
        extremes(ReferenceActivation.SIGMOID);
    }

    @Test
    @Graded(number = "1.12", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    @DisplayName("Tanh.derivative is finite and correct for large |z| (about ±3, ±20, ±50, ±800)")
    void tanhExtremes() {
        extremes(ReferenceActivation.TANH);
    }

    @Test
    @Graded(number = "1.13", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    @DisplayName("ReLU and LeakyReLU derivatives are correct for large |z| (about ±3, ±20, ±50, ±800)")
    void reluExtremes() {
        extremes(ReferenceActivation.RELU);
        extremes(LEAKY);
    }

    // ---- shared ------------------------------------------------------------------------------

    /** Central differences of the reference value (h = 1e-5) at 40 Gaussian points, |z| ≥ 1e-3. */
    static void finiteDifferences(ReferenceActivation reference) {
        StudentActivation student = Students.activation(reference);
        String method = student.className() + ".derivative";
        long seed = Seeds.of(SEED);
        Random random = new Random(seed);
        double[] z = new double[40];
        for (int i = 0; i < z.length; i++) {
            do {
                z[i] = 2.5 * random.nextGaussian();
            } while (Math.abs(z[i]) < 1e-3);
        }
        double[][] numeric = new double[1][z.length];
        for (int i = 0; i < z.length; i++) {
            double h = 1e-5;
            numeric[0][i] = (reference.value(z[i] + h) - reference.value(z[i] - h)) / (2 * h);
        }
        double[][] analytic = {student.derivative(z)};
        Compare.matrix(new Setting(method, "f'(z)", "40 Gaussian z (std 2.5) from seed " + seed
                        + ", compared with central differences, h = 1e-5"),
                numeric, analytic, Tolerance.GRADIENT_CHECK, 1, mistakes(reference, z), atZ(z));
    }

    static void reference(ReferenceActivation reference) {
        StudentActivation student = Students.activation(reference);
        String method = student.className() + ".derivative";
        long seed = Seeds.of(SEED + 1);
        Random random = new Random(seed);
        double[] z = new double[200];
        for (int i = 1; i < z.length; i++) {
            z[i] = 3 * random.nextGaussian();
        }
        z[0] = 0.0; // the kink convention
        double[][] expected = new double[1][z.length];
        for (int i = 0; i < z.length; i++) {
            expected[0][i] = reference.derivative(z[i]);
        }
        double[][] actual = {student.derivative(z)};
        if (reference.kind().contains("relu") && !Tolerance.REFERENCE.accepts(expected[0][0], actual[0][0])
                && rightAwayFromZero(expected[0], actual[0])) {
            throw new CheckFailure(method + "(0) returned " + actual[0][0] + " but this course's convention at the kink z = 0 is "
                    + expected[0][0] + " (see the Javadoc of " + method + ")", "kink convention: the derivative at z = 0 is "
                    + expected[0][0] + " here, use z > 0 (not z >= 0) for the 'positive' branch");
        }
        Compare.matrix(new Setting(method, "f'(z)", "z = 0 and 199 Gaussian z (std 3) from seed " + seed),
                expected, actual, Tolerance.REFERENCE, 1, mistakes(reference, z), atZ(z));
    }

    /** Whether every value but the first (z = 0) is right: then only the kink convention is wrong. */
    private static boolean rightAwayFromZero(double[] expected, double[] actual) {
        for (int i = 1; i < expected.length; i++) {
            if (!Tolerance.REFERENCE.accepts(expected[i], actual[i])) {
                return false;
            }
        }
        return true;
    }

    static void extremes(ReferenceActivation reference) {
        StudentActivation student = Students.activation(reference);
        String method = student.className() + ".derivative";
        // The moderate ones keep a constant 0 from passing; each is moved by up to ±10 % for the submission's
        // own seed, so that no table of answers for fixed inputs can pass.
        Random jitter = new Random(Seeds.of(SEED + 2));
        double[] z = {3, -3, 20, -20, 50, -50, 800, -800};
        for (int i = 0; i < z.length; i++) {
            z[i] *= 0.9 + 0.2 * jitter.nextDouble();
        }
        double[][] expected = new double[1][z.length];
        for (int i = 0; i < z.length; i++) {
            expected[0][i] = reference.derivative(z[i]);
        }
        double[][] actual = {student.derivative(z)};
        Compare.matrix(new Setting(method, "f'(z)", "large pre-activations z = " + java.util.Arrays.toString(z)),
                expected, actual, new Tolerance(1e-6, 1e-12), 1, mistakes(reference, z), atZ(z));
    }

    /** Wrong formulas students write: derivative at the activation instead of z, 1 − z² for tanh. */
    static List<KnownMistake> mistakes(ReferenceActivation reference, double[] z) {
        return mistakes(reference, new double[][] {z});
    }

    /** As {@link #mistakes(ReferenceActivation, double[])}, for pre-activations of any shape. */
    static List<KnownMistake> mistakes(ReferenceActivation reference, double[][] z) {
        List<KnownMistake> list = new ArrayList<>();
        if (reference.kind().equals("sigmoid")) {
            list.add(new KnownMistake("derivative at the wrong variable: z·(1 − z) is a·(1 − a) with z where a = σ(z) belongs;"
                    + " compute s = σ(z) first, then s·(1 − s)", map(z, v -> v * (1 - v))));
            list.add(new KnownMistake("derivative at the wrong variable: σ'(σ(z)) applies the derivative to the activation"
                    + " instead of the pre-activation z", map(z, v -> reference.derivative(reference.value(v)))));
        }
        if (reference.kind().equals("tanh")) {
            list.add(new KnownMistake("derivative at the wrong variable: 1 − z² squares z; the derivative is 1 − tanh²(z)",
                    map(z, v -> 1 - v * v)));
            list.add(new KnownMistake("derivative at the wrong variable: tanh'(tanh(z)) applies the derivative to the"
                    + " activation instead of z", map(z, v -> reference.derivative(reference.value(v)))));
            list.add(new KnownMistake("square missing: 1 − tanh(z) forgets the square; the derivative is 1 − tanh²(z)",
                    map(z, v -> 1 - Math.tanh(v))));
            list.add(new KnownMistake("wrong sign inside: 1 + tanh²(z); the derivative is 1 − tanh²(z)",
                    map(z, v -> 1 + Math.tanh(v) * Math.tanh(v))));
        }
        if (reference.kind().equals("sigmoid")) {
            list.add(new KnownMistake("wrong sign inside: σ(z)·(1 + σ(z)); the derivative is σ(z)·(1 − σ(z))",
                    map(z, v -> reference.value(v) * (1 + reference.value(v)))));
        }
        if (!reference.kind().equals("identity")) {
            list.add(new KnownMistake("sign flipped: your values are −f'(z); check the order of the subtraction"
                    + " (1 − a, not a − 1)", map(z, v -> -reference.derivative(v))));
        }
        if (reference.kind().equals("leaky_relu")) {
            list.add(new KnownMistake("α missing: LeakyReLU'(z) is α (not 0) for z ≤ 0; your values are ReLU's derivative",
                    map(z, v -> v > 0 ? 1.0 : 0.0)));
        }
        if (reference.kind().equals("relu") || reference.kind().equals("leaky_relu")) {
            list.add(new KnownMistake("kink convention: the derivative at z = 0 must be " + reference.derivative(0)
                    + " here; use z > 0 (not z >= 0) for the 'positive' branch",
                    map(z, v -> v >= 0 ? 1.0 : reference.derivative(-1))));
        }
        if (!reference.kind().equals("identity")) {
            list.add(new KnownMistake("returns the activation f(z) instead of its derivative f'(z)", map(z, reference::value)));
        }
        return list;
    }

    private static double[][] map(double[][] z, java.util.function.DoubleUnaryOperator f) {
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            out[i] = new double[z[i].length];
            for (int j = 0; j < z[i].length; j++) {
                out[i][j] = f.applyAsDouble(z[i][j]);
            }
        }
        return out;
    }

    private static Compare.ElementLabel atZ(double[] z) {
        return (row, col) -> " (z = " + fmt(z[col]) + ")";
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
