package backprop.grader.suites;

import backprop.grader.checks.KnownMistake;
import backprop.grader.checks.Numeric;
import backprop.grader.checks.Seeds;
import backprop.reference.DenseSpec;
import backprop.reference.LayerTrace;
import backprop.reference.ReferenceActivation;
import backprop.reference.ReferenceNetwork;
import java.util.List;
import java.util.Random;

/**
 * One dense-layer situation: input X (N × in), weights W (out × in), bias b, a Gaussian upstream
 * gradient G (never all ones), and what the reference computes from them. Pre-activations stay at
 * least 1e-3 away from a kink at 0.
 */
record DenseCase(long seed, ReferenceActivation activation, double[][] x, double[][] w, double[] b, double[][] g,
                 LayerTrace expected) {
    static final int N = 4;
    static final int IN = 3;
    static final int OUT = 5;

    static DenseCase random(ReferenceActivation activation, long seed) {
        return random(activation, seed, 1.0);
    }

    /**
     * @param baseSeed the check's fixed seed ({@link Seeds#of} shifts it in the grader's property tests)
     * @param zScale   multiplies W and b of all outputs but the last two, to push their pre-activations to
     *                 extremes; the last two stay moderate, so that the right gradients are not all zero
     *                 (a backward that returns zeros must not pass)
     */
    static DenseCase random(ReferenceActivation activation, long baseSeed, double zScale) {
        long seed = Seeds.of(baseSeed);
        Random random = new Random(seed);
        double[][] w = Numeric.scale(Numeric.gaussian(OUT, IN, random), 1 / Math.sqrt(IN));
        double[] b = Numeric.scale(Numeric.gaussian(1, OUT, random), 0.1)[0];
        for (int o = 0; o < OUT - (zScale == 1 ? 0 : 2); o++) {
            b[o] *= zScale;
            for (int k = 0; k < IN; k++) {
                w[o][k] *= zScale;
            }
        }
        double[][] x;
        do {
            x = Numeric.gaussian(N, IN, random);
        } while (minAbsZ(x, w, b) < 1e-3);
        double[][] g = Numeric.gaussian(N, OUT, random);
        LayerTrace trace = network(activation, w, b).backpropagate(x, g, 0.1).layers().get(0);
        return new DenseCase(seed, activation, x, w, b, g, trace);
    }

    static ReferenceNetwork network(ReferenceActivation activation, double[][] w, double[] b) {
        return new ReferenceNetwork(List.of(new DenseSpec(w, b, activation)));
    }

    String describe() {
        return "batch " + N + ", in " + IN + ", out " + OUT + ", " + activation.name() + ", seed " + seed;
    }

    /** Σ G ⊙ f(X·Wᵀ + b): the scalar whose gradients the layer's backward computes. */
    double objective(double[][] x, double[][] w, double[] b) {
        return Numeric.dot(network(activation, w, b).forward(x), g);
    }

    /** The classic wrong versions of dW, db and dX, derived from wrong dZ's. */
    List<KnownMistake> mistakes(String quantity) {
        return mistakes(activation, x, w, expected.z(), g, quantity);
    }

    /**
     * The classic wrong versions of one dense layer's gradient {@code quantity} ("dW", "db", "dZ" or
     * "dX"), for input {@code x}, weights {@code w}, pre-activations {@code z} and upstream {@code g}:
     * f' missing, f' taken at the activation, the upstream gradient ignored.
     */
    static List<KnownMistake> mistakes(ReferenceActivation activation, double[][] x, double[][] w, double[][] z,
                                       double[][] g, String quantity) {
        int n = x.length;
        int out = w.length;
        double[][] noDerivative = new double[n][out];
        double[][] atActivation = new double[n][out];
        double[][] upstreamIgnored = new double[n][out];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < out; j++) {
                noDerivative[i][j] = g[i][j];
                atActivation[i][j] = g[i][j] * activation.derivative(activation.value(z[i][j]));
                upstreamIgnored[i][j] = activation.derivative(z[i][j]);
            }
        }
        String missing = activation.kind().equals("sigmoid")
                ? "activation derivative missing: dZ must be G ⊙ σ'(Z), but your result equals G used as dZ. The shortcut"
                + " δ = ŷ − y (no σ') holds only for BCE + sigmoid, where the σ' of the layer cancels the 1/(p(1 − p)) of"
                + " BinaryCrossEntropy.gradient; the layer itself must always multiply by σ'(Z), whatever the loss (MSE too)"
                : "activation derivative missing: dZ must be G ⊙ f'(Z), but your result equals G used as dZ";
        double[][] dz = new double[n][out];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < out; j++) {
                dz[i][j] = g[i][j] * activation.derivative(z[i][j]);
            }
        }
        return List.of(
                new KnownMistake(missing, fromDz(noDerivative, quantity, x, w)),
                new KnownMistake(lastTermOnlyDiagnosis(quantity), lastTermOnly(dz, quantity, x, w)),
                new KnownMistake("activation derivative at the wrong variable: f'(A) (at the activation) instead of f'(Z)"
                        + " (at the pre-activation)", fromDz(atActivation, quantity, x, w)),
                new KnownMistake("upstream gradient ignored: your result equals f'(Z) alone; multiply by gradOutput",
                        fromDz(upstreamIgnored, quantity, x, w)));
    }

    /** Why a loop keeps only its last term: "=" where "+=" belongs. */
    private static String lastTermOnlyDiagnosis(String quantity) {
        String what = switch (quantity) {
            case "dX" -> "only the last output unit's term dZ[n][out−1]·W[out−1][i] is left in dX: the sum over the output"
                    + " units";
            case "dW" -> "only the last sample's term dZ[N−1][o]·X[N−1][i] is left in dW: the sum over the batch";
            case "db" -> "only the last sample's dZ[N−1][o] is left in db: the sum over the batch";
            default -> "only the last term is left: the sum";
        };
        return "overwritten instead of accumulated: " + what + " must add every term (+=, not =), starting from 0";
    }

    /** The result of a loop that assigns each term instead of adding it (null where that is the right answer). */
    private static double[][] lastTermOnly(double[][] dz, String quantity, double[][] x, double[][] w) {
        int n = x.length;
        int out = w.length;
        int in = w[0].length;
        switch (quantity) {
            case "dW" -> {
                if (n < 2) {
                    return null;
                }
                double[][] dw = new double[out][in];
                for (int o = 0; o < out; o++) {
                    for (int k = 0; k < in; k++) {
                        dw[o][k] = dz[n - 1][o] * x[n - 1][k];
                    }
                }
                return dw;
            }
            case "db" -> {
                return n < 2 ? null : new double[][] {dz[n - 1].clone()};
            }
            case "dX" -> {
                if (out < 2) {
                    return null;
                }
                double[][] dx = new double[n][in];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < in; k++) {
                        dx[i][k] = dz[i][out - 1] * w[out - 1][k];
                    }
                }
                return dx;
            }
            default -> {
                return null;
            }
        }
    }

    private static double[][] fromDz(double[][] dz, String quantity, double[][] x, double[][] w) {
        int n = x.length;
        int out = w.length;
        int in = w[0].length;
        switch (quantity) {
            case "dZ" -> {
                return dz;
            }
            case "dW" -> {
                double[][] dw = new double[out][in];
                for (int i = 0; i < n; i++) {
                    for (int o = 0; o < out; o++) {
                        for (int k = 0; k < in; k++) {
                            dw[o][k] += dz[i][o] * x[i][k];
                        }
                    }
                }
                return dw;
            }
            case "db" -> {
                double[][] db = new double[1][out];
                for (double[] row : dz) {
                    for (int o = 0; o < out; o++) {
                        db[0][o] += row[o];
                    }
                }
                return db;
            }
            default -> {
                double[][] dx = new double[n][in];
                for (int i = 0; i < n; i++) {
                    for (int o = 0; o < out; o++) {
                        for (int k = 0; k < in; k++) {
                            dx[i][k] += dz[i][o] * w[o][k];
                        }
                    }
                }
                return dx;
            }
        }
    }

    private static double minAbsZ(double[][] x, double[][] w, double[] b) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] row : x) {
            for (int o = 0; o < w.length; o++) {
                double z = b[o];
                for (int k = 0; k < row.length; k++) {
                    z += w[o][k] * row[k];
                }
                min = Math.min(min, Math.abs(z));
            }
        }
        return min;
    }
}
