package backprop.nn;

import static org.assertj.core.api.Assertions.fail;

import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Helpers shared by the public tests: finite differences, and matrix comparisons whose failure
 * message names the worst element, the expected and the actual value and both errors.
 *
 * <p>A gradient check compares your analytic gradient with the central difference
 * (f(x + h) − f(x − h)) / 2h, h = {@value #H}. Floating-point rounding makes the two differ a
 * little, so an element only counts as wrong when <b>both</b> its relative error is above
 * {@value #RELATIVE_TOLERANCE} <b>and</b> its absolute error is above
 * {@value #ABSOLUTE_TOLERANCE}·max(1, |numeric|).
 */
final class GradientCheck {
    /** The step of the central differences. */
    static final double H = 1e-5;
    static final double RELATIVE_TOLERANCE = 1e-5;
    static final double ABSOLUTE_TOLERANCE = 1e-8;

    private GradientCheck() {
    }

    /** (f(x + h) − f(x − h)) / 2h. */
    static double centralDifference(DoubleUnaryOperator f, double x) {
        return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
    }

    /**
     * The numeric gradient of the scalar function {@code f} at {@code at}: one central difference
     * per element, every other element held fixed. If {@code f} sets the matrix into a layer, the
     * layer is left holding the last perturbed copy: use a fresh layer for each check.
     */
    static Matrix numericGradient(ToDoubleFunction<Matrix> f, Matrix at) {
        double[][] grad = new double[at.rows()][at.cols()];
        for (int i = 0; i < at.rows(); i++) {
            for (int j = 0; j < at.cols(); j++) {
                double x = at.get(i, j);
                double plus = f.applyAsDouble(at.with(i, j, x + H));
                double minus = f.applyAsDouble(at.with(i, j, x - H));
                grad[i][j] = (plus - minus) / (2 * H);
            }
        }
        return Matrix.of(grad);
    }

    /** |a − b| / max(|a|, |b|), and 0 when both are 0. */
    static double relativeError(double a, double b) {
        double scale = Math.max(Math.abs(a), Math.abs(b));
        return scale == 0 ? 0 : Math.abs(a - b) / scale;
    }

    /** The tolerance rule of gradient checks (see the class comment). */
    static boolean agrees(double analytic, double numeric) {
        if (!Double.isFinite(analytic)) {
            return false;
        }
        double absolute = Math.abs(analytic - numeric);
        return relativeError(analytic, numeric) <= RELATIVE_TOLERANCE
                || absolute <= ABSOLUTE_TOLERANCE * Math.max(1.0, Math.abs(numeric));
    }

    /** A rows × cols matrix of standard Gaussian samples drawn from {@code new Random(seed)}. */
    static Matrix gaussian(int rows, int cols, long seed) {
        return Matrix.gaussian(rows, cols, 1.0, new Random(seed));
    }

    /**
     * Σ upstream ⊙ output: a scalar "probe loss" whose gradient with respect to {@code output} is
     * exactly {@code upstream}. Feeding {@code upstream} to backward and finite-differencing this
     * probe checks backward for that upstream gradient.
     */
    static double probe(Matrix upstream, Matrix output) {
        return upstream.hadamard(output).sum();
    }

    /**
     * Fails unless {@code analytic} has the shape of {@code numeric} and agrees with it element by
     * element under the gradient-check tolerance.
     *
     * @param what    what is compared, starting with the method under test, e.g. {@code "DenseLayer.backward: dW"}
     * @param context what a student needs to reproduce it, e.g. {@code "tanh, seed 42"}
     */
    static void assertGradientMatches(String what, String context, Matrix analytic, Matrix numeric) {
        compare(what, context, analytic, numeric, "finite differences give", true, 0);
    }

    /** Fails unless {@code actual} has the shape of {@code expected} and every element is within {@code tolerance}. */
    static void assertMatrixClose(String what, String context, Matrix expected, Matrix actual, double tolerance) {
        compare(what, context, actual, expected, "expected", false, tolerance);
    }

    private static void compare(String what, String context, Matrix actual, Matrix expected, String expectedLabel,
            boolean gradientRule, double tolerance) {
        if (actual == null) {
            fail("%s (%s) is null; expected a %s matrix", what, context, expected.shape());
        }
        if (!actual.hasShape(expected.rows(), expected.cols())) {
            fail("%s (%s) has shape %s but must have shape %s", what, context, actual.shape(), expected.shape());
        }
        int wrong = 0;
        int worstRow = -1;
        int worstCol = -1;
        double worstScore = -1;
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                double a = actual.get(i, j);
                double e = expected.get(i, j);
                boolean ok = gradientRule ? agrees(a, e) : Double.isFinite(a) && Math.abs(a - e) <= tolerance;
                if (!ok) {
                    wrong++;
                    double score = Double.isFinite(a) ? Math.abs(a - e) : Double.POSITIVE_INFINITY;
                    if (score > worstScore) {
                        worstScore = score;
                        worstRow = i;
                        worstCol = j;
                    }
                }
            }
        }
        if (wrong > 0) {
            double a = actual.get(worstRow, worstCol);
            double e = expected.get(worstRow, worstCol);
            String rule = gradientRule
                    ? String.format(Locale.ROOT, "allowed: relative %.0e or absolute %.0e·max(1,|numeric|)",
                            RELATIVE_TOLERANCE, ABSOLUTE_TOLERANCE)
                    : String.format(Locale.ROOT, "allowed: absolute %.1e", tolerance);
            fail(String.format(Locale.ROOT,
                    "%s[%d][%d] (shape %s, %s): yours is %s but %s %s (relative error %.2e, absolute error %.2e; %s)."
                            + " %d of %d elements are off.%nyours:    %s%n%s: %s",
                    what, worstRow, worstCol, expected.shape(), context, fmt(a), expectedLabel, fmt(e),
                    relativeError(a, e), Math.abs(a - e), rule, wrong, expected.rows() * expected.cols(),
                    actual, gradientRule ? "numeric" : "expected", expected));
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.9g", v);
    }
}
