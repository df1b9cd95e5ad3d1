package backprop.grader.checks;

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
    public static void matrix(Setting s, double[][] expected, double[][] actual, Tolerance tolerance, int batchSize,
                              List<KnownMistake> mistakes) {
        matrix(s, expected, actual, tolerance, batchSize, mistakes, (i, j) -> "");
    }

    /** Names an element for feedback, e.g. "(z = 0.25)"; empty for none. */
    @FunctionalInterface
    public interface ElementLabel {
        String describe(int row, int col);
    }

    /** As {@link #matrix(Setting, double[][], double[][], Tolerance, int, List)}, naming the failing element with {@code label}. */
    public static void matrix(Setting s, double[][] expected, double[][] actual, Tolerance tolerance, int batchSize,
                              List<KnownMistake> mistakes, ElementLabel label) {
        int rows = expected.length;
        int cols = expected[0].length;
        if (actual == null) {
            throw new CheckFailure(s.method() + " gave null for " + s.quantity() + "; expected a " + rows + "x" + cols
                    + " matrix" + s.where(), s.quantity().startsWith("dW") || s.quantity().startsWith("db")
                    ? "gradient never stored: backward must assign the fields that gradWeights() and gradBias() return" : "");
        }
        int actualRows = actual.length;
        int actualCols = actualRows == 0 || actual[0] == null ? 0 : actual[0].length;
        for (double[] row : actual) {
            if (row == null || row.length != actualCols) {
                throw new CheckFailure(s.method() + ": " + s.quantity() + " is not a rectangular matrix (its rows have"
                        + " different lengths or are null); expected " + rows + "x" + cols + s.where());
            }
        }
        if (actualRows != rows || actualCols != cols) {
            throw new CheckFailure(s.method() + ": " + s.quantity() + " has shape " + actualRows + "x" + actualCols
                    + " but should be " + rows + "x" + cols + s.where(),
                    Diagnoser.explainShape(s.quantity(), rows, cols, actualRows, actualCols, batchSize));
        }
        double[][] a = actual;
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

    /**
     * Fails unless the parameters {@code actual} after an update match {@code expectedAfter}; a
     * failure is diagnosed on the change from {@code before} (no change, sign flipped, a factor).
     */
    public static void update(Setting s, double[][] before, double[][] expectedAfter, double[][] actual, Tolerance tolerance,
                              int batchSize, List<KnownMistake> mistakes) {
        try {
            matrix(s, expectedAfter, actual, tolerance, batchSize, List.of());
        } catch (CheckFailure f) {
            if (!Values.hasShape(actual, expectedAfter.length, expectedAfter[0].length) || !finite(actual)) {
                throw f;
            }
            throw new CheckFailure(f.feedback(), Diagnoser.explainUpdate(before, expectedAfter, actual, batchSize, mistakes));
        }
    }

    /** Fails unless the scalar {@code actual} matches {@code expected}. */
    public static void scalar(Setting s, double expected, double actual, Tolerance tolerance, List<KnownMistake> mistakes) {
        matrix(s, new double[][] {{expected}}, new double[][] {{actual}}, tolerance, 1, mistakes);
    }

    private static boolean finite(double[][] m) {
        for (double[] row : m) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
