package backprop.grader.checks;

import backprop.nn.Matrix;
import java.util.List;
import java.util.Locale;

/**
 * Compares a student's result with the expected one and, when they differ, fails with feedback that
 * names the method, the quantity, the shapes and inputs, the worst element with expected and actual
 * values and both error measures, and a diagnosis when the mistake is recognisable.
 */
public final class Compare {
    private Compare() {
    }

    /** Fails unless {@code actual} matches {@code expected} under {@code tolerance}. */
    public static void matrix(Setting s, double[][] expected, Matrix actual, Tolerance tolerance, int batchSize,
                              List<KnownMistake> mistakes) {
        matrix(s, expected, actual, tolerance, batchSize, mistakes, (i, j) -> "");
    }

    /** Names an element for feedback, e.g. "(z = 0.25)"; empty for none. */
    @FunctionalInterface
    public interface ElementLabel {
        String describe(int row, int col);
    }

    /** As {@link #matrix(Setting, double[][], Matrix, Tolerance, int, List)}, naming the failing element with {@code label}. */
    public static void matrix(Setting s, double[][] expected, Matrix actual, Tolerance tolerance, int batchSize,
                              List<KnownMistake> mistakes, ElementLabel label) {
        int rows = expected.length;
        int cols = expected[0].length;
        if (actual == null) {
            throw new CheckFailure(s.method() + " gave null for " + s.quantity() + "; expected a " + rows + "x" + cols
                    + " matrix" + s.where());
        }
        if (actual.rows() != rows || actual.cols() != cols) {
            String diagnosis = actual.rows() == cols && actual.cols() == rows
                    ? "shape transposed: " + s.quantity() + " is " + actual.shape() + " but must be " + rows + "x" + cols
                    + hintForTranspose(s.quantity())
                    : "";
            throw new CheckFailure(s.method() + ": " + s.quantity() + " has shape " + actual.shape() + " but should be "
                    + rows + "x" + cols + s.where(), diagnosis);
        }
        double[][] a = actual.toArray();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new CheckFailure(s.method() + ": " + s.quantity() + "[" + i + "][" + j + "]" + label.describe(i, j)
                            + " is " + a[i][j]
                            + " (expected " + num(expected[i][j]) + ")" + s.where(),
                            Double.isNaN(a[i][j]) ? "NaN: a 0/0, ∞ − ∞ or log of a negative number; an exp that overflowed?"
                                    : "Infinity: an overflow (exp of a large number?) or a division by zero");
                }
            }
        }
        int wi = -1;
        int wj = -1;
        double worst = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (!tolerance.accepts(expected[i][j], a[i][j])) {
                    double badness = Math.abs(expected[i][j] - a[i][j]) / Math.max(1, Math.abs(expected[i][j]));
                    if (wi < 0 || badness > worst) {
                        worst = badness;
                        wi = i;
                        wj = j;
                    }
                }
            }
        }
        if (wi < 0) {
            return;
        }
        double e = expected[wi][wj];
        double v = a[wi][wj];
        String feedback = s.method() + ": " + s.quantity() +  " is wrong at [" + wi + "][" + wj + "]" + label.describe(wi, wj) + ": expected " + num(e)
                + ", got " + num(v) + " (absolute error " + sci(Math.abs(e - v)) + ", relative error "
                + sci(Tolerance.relativeError(e, v)) + "); shape " + rows + "x" + cols + s.where();
        throw new CheckFailure(feedback, Diagnoser.explain(expected, a, batchSize, mistakes));
    }

    /** Fails unless the scalar {@code actual} matches {@code expected}. */
    public static void scalar(Setting s, double expected, double actual, Tolerance tolerance, List<KnownMistake> mistakes) {
        matrix(s, new double[][] {{expected}}, Matrix.of(new double[][] {{actual}}), tolerance, 1, mistakes);
    }

    private static String hintForTranspose(String quantity) {
        if (quantity.startsWith("dW")) {
            return " (out x in, like W): compute dZᵀ·X, not Xᵀ·dZ";
        }
        if (quantity.startsWith("dX") || quantity.contains("input")) {
            return " (N x in, like the input): compute dZ·W, not Wᵀ·dZᵀ";
        }
        return "";
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
