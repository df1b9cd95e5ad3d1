package backprop.grader.checks;

import java.util.List;

/**
 * Names the kind of mistake behind a wrong result, by comparing it with the expected one: a
 * known wrong formula it matches, a transpose, or a constant factor c = ⟨a,e⟩/⟨e,e⟩ with a tiny residual.
 */
public final class Diagnoser {
    private static final double MATCH = 1e-6;

    private Diagnoser() {
    }

    /**
     * @param expected  the right result
     * @param actual    the student's result, same shape, finite
     * @param batchSize N of the batch behind the result (1 if none)
     * @param mistakes  known wrong formulas for this check
     * @return the diagnosis, or "" when nothing is recognised
     */
    public static String explain(double[][] expected, double[][] actual, int batchSize, List<KnownMistake> mistakes) {
        for (KnownMistake m : mistakes) {
            if (m.value() != null && sameShape(m.value(), actual) && close(m.value(), actual) && !close(expected, actual)) {
                return m.diagnosis();
            }
        }
        if (expected.length > 1 && expected.length == expected[0].length && close(transpose(expected), actual)) {
            return "your result is the transpose of the expected one (rows and columns swapped)";
        }
        double ee = dot(expected, expected);
        double aa = dot(actual, actual);
        if (ee == 0) {
            return aa == 0 ? "" : "expected all zeros (e.g. no gradient flows here), but your values are not zero";
        }
        if (aa == 0) {
            return "your result is all zeros: is the gradient never computed, or multiplied by zero?";
        }
        double c = dot(actual, expected) / ee;
        double residual = Math.sqrt(Math.max(0, dot(actual, actual) - 2 * c * dot(actual, expected) + c * c * ee) / ee);
        if (residual < 1e-4) {
            String factor = factor(c, batchSize, count(expected));
            if (!factor.isEmpty()) {
                return factor;
            }
        }
        if (residual < 1e-3 && Math.abs(c - 1) < 1e-3 && floatLike(expected, actual)) {
            return "tiny uniform errors of about 1e-7 relative: some computation uses float instead of double";
        }
        return "";
    }

    private static int count(double[][] m) {
        return m.length * m[0].length;
    }

    private static String factor(double c, int n, int elements) {
        if (near(c, -1)) {
            return "sign flipped: your result is the negative of the expected one (e.g. y − ŷ instead of ŷ − y,"
                    + " or adding the gradient in the update instead of subtracting it)";
        }
        if (n > 1 && near(c, n)) {
            return "batch scaling: your values are N = " + n + " times too large: summed over the batch instead of averaged";
        }
        if (n > 1 && near(c, 1.0 / n)) {
            return "batch scaling: your values are N = " + n + " times too small: averaged over the batch twice"
                    + " (the loss already divides by N; the layer must not divide again)";
        }
        if (near(c, 2)) {
            return "factor 2: your values are twice the expected ones (a doubled term, or the 2 of the square where the loss has ½)";
        }
        if (near(c, 0.5)) {
            return "factor 2 dropped: your values are half the expected ones (the 2 from d/dŷ (ŷ − y)² is missing)";
        }
        if (near(c, -2) || near(c, -0.5)) {
            return "sign flipped and a factor " + (near(c, -2) ? "2 too large" : "2 too small")
                    + ": your values are " + format(c) + " times the expected ones";
        }
        if (Math.abs(c - 1) > 1e-3 && elements >= 3) {
            return "your values are all " + format(c) + " times the expected ones: a constant factor is wrong";
        }
        return "";
    }

    private static boolean floatLike(double[][] expected, double[][] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Tolerance.relativeError(expected[i][j], actual[i][j]));
            }
        }
        return worst > 1e-9 && worst < 1e-5;
    }

    static String format(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    private static boolean near(double c, double target) {
        return Math.abs(c - target) <= 1e-4 * Math.max(1, Math.abs(target));
    }

    private static boolean sameShape(double[][] a, double[][] b) {
        return a.length == b.length && a[0].length == b[0].length;
    }

    private static boolean close(double[][] a, double[][] b) {
        if (!sameShape(a, b)) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double scale = Math.max(1e-12, Math.max(Math.abs(a[i][j]), Math.abs(b[i][j])));
                if (Math.abs(a[i][j] - b[i][j]) > MATCH * Math.max(1, scale) && Math.abs(a[i][j] - b[i][j]) / scale > MATCH) {
                    return false;
                }
            }
        }
        return true;
    }

    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static double dot(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                s += a[i][j] * b[i][j];
            }
        }
        return s;
    }
}
