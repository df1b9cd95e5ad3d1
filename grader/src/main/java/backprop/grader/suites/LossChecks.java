package backprop.grader.suites;

import backprop.grader.catalogue.Graded;
import backprop.grader.catalogue.Part;
import backprop.grader.checks.CheckFailure;
import backprop.grader.checks.Compare;
import backprop.grader.checks.KnownMistake;
import backprop.grader.checks.Numeric;
import backprop.grader.checks.Seeds;
import backprop.grader.checks.Setting;
import backprop.grader.checks.Tolerance;
import backprop.grader.results.Visibility;
import backprop.reference.ReferenceLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Loss.gradient for each loss: finite differences, the reference, extreme inputs. */
@Part("Losses")
class LossChecks {
    private static final long SEED = 202;

    @Test
    @Graded(number = "2.1", points = 2)
    @DisplayName("MeanSquaredError.gradient matches finite differences")
    void mseFiniteDifferences() {
        finiteDifferences(ReferenceLoss.MSE);
    }

    @Test
    @Graded(number = "2.2", points = 2)
    @DisplayName("BinaryCrossEntropy.gradient matches finite differences")
    void bceFiniteDifferences() {
        finiteDifferences(ReferenceLoss.BCE);
    }

    @Test
    @Graded(number = "2.3", points = 2)
    @DisplayName("SoftmaxCrossEntropy.gradient matches finite differences")
    void softmaxFiniteDifferences() {
        finiteDifferences(ReferenceLoss.SOFTMAX_CROSS_ENTROPY);
    }

    @Test
    @Graded(number = "2.4", points = 2)
    @DisplayName("MeanSquaredError.gradient agrees with the reference (mean over all elements)")
    void mseReference() {
        reference(ReferenceLoss.MSE);
    }

    @Test
    @Graded(number = "2.5", points = 2)
    @DisplayName("BinaryCrossEntropy.gradient agrees with the reference (mean over all elements)")
    void bceReference() {
        reference(ReferenceLoss.BCE);
    }

    @Test
    @Graded(number = "2.6", points = 2)
    @DisplayName("SoftmaxCrossEntropy.gradient agrees with the reference (mean over the batch)")
    void softmaxReference() {
        reference(ReferenceLoss.SOFTMAX_CROSS_ENTROPY);
    }

    @Test
    @Graded(number = "2.7", points = 2, visibility = Visibility.AFTER_DUE_DATE)
    @DisplayName("MeanSquaredError.gradient is correct for large predictions (±1e6)")
    void mseExtremes() {
        extremes(ReferenceLoss.MSE, jitter(new double[][] {{1e6, -1e6}, {3e5, 0}, {-4e5, 2e5}}, 1),
                new double[][] {{0, 1}, {-2e5, 1}, {1, -1}}); // 3 rows: 1/N must not look like the factor ½
    }

    @Test
    @Graded(number = "2.8", points = 2, visibility = Visibility.AFTER_DUE_DATE)
    @DisplayName("BinaryCrossEntropy.gradient is finite for probabilities of exactly 0 and 1")
    void bceExtremes() {
        extremes(ReferenceLoss.BCE, new double[][] {{0, 1}, {1, 0}, {jitter(new double[][] {{0.5}}, 2)[0][0], 1e-300}},
                new double[][] {{0, 1}, {0, 1}, {1, 0}});
    }

    @Test
    @Graded(number = "2.9", points = 2, visibility = Visibility.AFTER_DUE_DATE)
    @DisplayName("SoftmaxCrossEntropy.gradient is finite for logits of ±1000")
    void softmaxExtremes() {
        extremes(ReferenceLoss.SOFTMAX_CROSS_ENTROPY, jitter(new double[][] {{1000, -1000, 0}, {-1000, -999, -1000},
                        {800, 800, 800}}, 3),
                new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}});
    }

    // ---- shared ------------------------------------------------------------------------------

    /**
     * {@code m} with every element moved by up to ±10 % (rows moved together, so that equal logits stay
     * equal), for the submission's own seed: no table of answers for fixed inputs can pass.
     */
    static double[][] jitter(double[][] m, long which) {
        Random random = new Random(Seeds.of(SEED + 10 + which));
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            double factor = 0.9 + 0.2 * random.nextDouble();
            out[i] = m[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] *= factor;
            }
        }
        return out;
    }

    /** A batch of 4 samples with 3 outputs: predictions valid for {@code loss}, targets of the right kind. */
    static double[][][] batch(ReferenceLoss loss, int n, int k, Random random) {
        double[][] prediction = new double[n][k];
        double[][] target = new double[n][k];
        for (int i = 0; i < n; i++) {
            int hot = random.nextInt(k);
            for (int j = 0; j < k; j++) {
                switch (loss) {
                    case MSE -> {
                        prediction[i][j] = random.nextGaussian();
                        target[i][j] = random.nextGaussian();
                    }
                    case BCE -> {
                        prediction[i][j] = 0.05 + 0.9 * random.nextDouble();
                        target[i][j] = random.nextBoolean() ? 1 : 0;
                    }
                    case SOFTMAX_CROSS_ENTROPY -> {
                        prediction[i][j] = 2 * random.nextGaussian();
                        target[i][j] = j == hot ? 1 : 0;
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
        return new double[][][] {prediction, target};
    }

    static void finiteDifferences(ReferenceLoss reference) {
        long seed = Seeds.of(SEED);
        Random random = new Random(seed);
        double[][][] b = batch(reference, 4, 3, random);
        double[][] numeric = Numeric.gradient(p -> reference.value(p, b[1]), b[0]);
        double[][] actual = studentGradient(reference, b[0], b[1]);
        Compare.matrix(new Setting(Students.className(reference) + ".gradient", "dL/dprediction",
                        "batch 4 x 3 outputs, seed " + seed + ", compared with central differences of the loss, h = 1e-5"),
                numeric, actual, Tolerance.GRADIENT_CHECK, 4, mistakes(reference, b[0], b[1]));
    }

    static void reference(ReferenceLoss reference) {
        long seed = Seeds.of(SEED + 1);
        Random random = new Random(seed);
        double[][][] b = batch(reference, 5, 2, random);
        Compare.matrix(new Setting(Students.className(reference) + ".gradient", "dL/dprediction", "batch 5 x 2 outputs, seed "
                        + seed), reference.gradient(b[0], b[1]), studentGradient(reference, b[0], b[1]),
                Tolerance.REFERENCE, 5, mistakes(reference, b[0], b[1]));
    }

    static void extremes(ReferenceLoss reference, double[][] prediction, double[][] target) {
        String method = Students.className(reference) + ".gradient";
        double[][] actual = studentGradient(reference, prediction, target);
        if (actual != null) {
            for (double[] row : actual) {
                for (double v : row == null ? new double[0] : row) {
                    if (!Double.isFinite(v)) {
                        throw new CheckFailure(method + " returned " + v + " for the extreme inputs "
                                + java.util.Arrays.deepToString(prediction), reference == ReferenceLoss.SOFTMAX_CROSS_ENTROPY
                                ? "softmax without subtracting each row's maximum: exp(1000) overflows to Infinity and"
                                + " Infinity/Infinity is NaN; use SoftmaxCrossEntropy.softmax"
                                : reference == ReferenceLoss.BCE
                                ? "log(0) or division by 0: probabilities of exactly 0 or 1 must be clamped first"
                                + " (BinaryCrossEntropy.clamp)" : "");
                    }
                }
            }
        }
        Compare.matrix(new Setting(method, "dL/dprediction", "extreme inputs " + java.util.Arrays.deepToString(prediction)),
                reference.gradient(prediction, target), actual, new Tolerance(1e-6, 1e-12), prediction.length,
                mistakes(reference, prediction, target));
    }

    static double[][] studentGradient(ReferenceLoss reference, double[][] prediction, double[][] target) {
        return Students.loss(reference).gradient(prediction, target);
    }

    /** Wrong formulas: sum instead of mean, mean over rows only, the 2 of MSE, softmax forgotten, the BCE + sigmoid shortcut. */
    static List<KnownMistake> mistakes(ReferenceLoss reference, double[][] prediction, double[][] target) {
        double[][] right = reference.gradient(prediction, target);
        int n = prediction.length;
        int k = prediction[0].length;
        List<KnownMistake> list = new ArrayList<>();
        if (reference == ReferenceLoss.MSE) {
            double[][] raw = new double[n][k];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    raw[i][j] = prediction[i][j] - target[i][j];
                }
            }
            list.add(new KnownMistake("ŷ − y alone: that is the BCE + sigmoid shortcut δ, not the gradient of the squared error;"
                    + " the MSE gradient is 2(ŷ − y)/(N·K), with N·K = " + (n * k) + " here", raw));
            list.add(new KnownMistake("factor 2 dropped: (ŷ − y)/(N·K) is half the MSE gradient 2(ŷ − y)/(N·K): the 2 from"
                    + " d/dŷ (ŷ − y)² is missing (ŷ − y alone is the BCE + sigmoid shortcut δ, not the gradient of the squared"
                    + " error)", Numeric.scale(right, 0.5)));
            list.add(new KnownMistake("factor 2 doubled: 4(ŷ − y)/(N·K) is twice the MSE gradient 2(ŷ − y)/(N·K)" + (k == 2
                    ? "; or batch scaling: divided by the batch size N = " + n + " only instead of N·K (with K = 2 outputs"
                    + " both give twice the gradient)" : ""), Numeric.scale(right, 2)));
        }
        if (reference != ReferenceLoss.SOFTMAX_CROSS_ENTROPY) {
            if (n * k > 1) {
                list.add(new KnownMistake("batch scaling: summed over all " + n + "x" + k + " elements instead of averaged"
                        + " (missing the 1/(N·K) of the mean)", Numeric.scale(right, n * k)));
            }
            if (k > 1) {
                list.add(new KnownMistake("batch scaling: divided by the batch size N = " + n + " only; this loss is a mean over"
                        + " all N·K = " + (n * k) + " elements", Numeric.scale(right, k)));
            }
            if (n > 1) {
                list.add(new KnownMistake("batch scaling: averaged twice: divided by N·K and again by N = " + n,
                        Numeric.scale(right, 1.0 / n)));
            }
        } else {
            if (n > 1) {
                list.add(new KnownMistake("batch scaling: summed over the batch instead of averaged (missing the 1/N)",
                        Numeric.scale(right, n)));
                list.add(new KnownMistake("batch scaling: divided by N·K = " + (n * k) + " instead of N = " + n
                        + ": softmax cross-entropy is a mean over the N samples", Numeric.scale(right, 1.0 / k)));
            }
            double[][] noSoftmax = new double[n][k];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    noSoftmax[i][j] = (prediction[i][j] - target[i][j]) / n;
                }
            }
            list.add(new KnownMistake("softmax forgotten: (z − y)/N uses the logits z where the probabilities softmax(z)"
                    + " belong; dL/dz = (softmax(z) − y)/N", noSoftmax));
        }
        if (reference == ReferenceLoss.BCE) {
            double[][] shortcut = new double[n][k];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    shortcut[i][j] = (prediction[i][j] - target[i][j]) / (n * k);
                }
            }
            list.add(new KnownMistake("BCE + sigmoid shortcut used as dL/dp, so σ' is double-counted: (p − y)/(N·K) is"
                    + " already dL/dz of a sigmoid output, and the sigmoid layer multiplies by σ'(z) once more."
                    + " BinaryCrossEntropy.gradient must return dL/dp = (p − y)/(p(1 − p))/(N·K); the layer's σ' then turns"
                    + " it into (p − y)/(N·K)", shortcut));
        }
        return list;
    }
}
