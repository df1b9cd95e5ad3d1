package backprop.grader.checks;

import backprop.driver.Wire;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the kind of mistake behind a wrong result, by comparing it with the expected one: a known
 * wrong formula it matches, a transpose, a constant factor c = ⟨a,e⟩/⟨e,e⟩ with a tiny residual
 * (N, 1/N, −1, 2, ½), tiny uniform errors of float arithmetic; for parameter updates the same on
 * the change (after − before); for exceptions the shapes of a failed matrix operation.
 *
 * <p>Every diagnosis is a sentence in the student's terms that starts with the mistake's short
 * name ("batch scaling: …", "sign flipped: …", "float instead of double: …"), so reports can be
 * grepped and the bug catalogue (docs/bug-catalogue.md) can list them.
 */
public final class Diagnoser {
    /** A known mistake matches when every element agrees to this relative precision. */
    private static final double MATCH = 1e-6;
    /** A constant factor is recognised when the fit leaves a relative residual below this. */
    private static final double FACTOR_RESIDUAL = 1e-4;

    private static final Pattern MULTIPLY = Pattern.compile("cannot multiply (\\d+)x(\\d+) by (\\d+)x(\\d+)");
    private static final Pattern ELEMENTWISE = Pattern.compile("cannot (add|subtract|multiply element-wise|[a-z -]+) a (\\d+)x(\\d+)"
            + " matrix and a (\\d+)x(\\d+) matrix");
    private static final Pattern GRAD_OUTPUT = Pattern.compile("gradOutput must have the shape of this layer's output, (\\d+)x(\\d+),"
            + " but it is (\\d+)x(\\d+)");

    private Diagnoser() {
    }

    /** JDK exceptions by the class a diagnosis asks about: the subclasses students meet most. */
    private static final java.util.Map<String, String> SUPERCLASS = java.util.Map.of(
            "java.lang.ArrayIndexOutOfBoundsException", "java.lang.IndexOutOfBoundsException",
            "java.lang.StringIndexOutOfBoundsException", "java.lang.IndexOutOfBoundsException",
            "java.lang.NumberFormatException", "java.lang.IllegalArgumentException");

    /** Whether {@code e} is a {@code type} (itself or one of the JDK subclasses above). */
    static boolean isA(Wire.Thrown e, String type) {
        return e.className().equals(type) || type.equals(SUPERCLASS.get(e.className()));
    }

    /**
     * @param expected  the right result
     * @param actual    the student's result, same shape, finite
     * @param batchSize N of the batch behind the result (1 if none)
     * @param mistakes  known wrong formulas for this check
     * @return the diagnosis, or "" when nothing is recognised
     */
    public static String explain(double[][] expected, double[][] actual, int batchSize, List<KnownMistake> mistakes) {
        String known = knownMistake(expected, actual, mistakes);
        if (!known.isEmpty()) {
            return known;
        }
        if (expected.length > 1 && expected.length == expected[0].length && !symmetric(expected)
                && close(transpose(expected), actual)) {
            return "transposed: your result is the transpose of the expected one (a_ij = e_ji, rows and columns swapped);"
                    + " for dW compute dZᵀ·X (out x in, like W), not Xᵀ·dZ";
        }
        double ee = dot(expected, expected);
        double aa = dot(actual, actual);
        if (ee == 0) {
            return aa == 0 ? "" : "expected all zeros (e.g. no gradient flows here), but your values are not zero";
        }
        if (aa == 0) {
            return "all zeros: your result is all zeros: is the gradient never computed, or multiplied by zero?";
        }
        double c = dot(actual, expected) / ee;
        double residual = residual(expected, actual, c);
        if (residual < FACTOR_RESIDUAL) {
            String factor = factor(c, batchSize, significant(expected));
            if (!factor.isEmpty()) {
                return factor;
            }
        }
        if (floatLike(expected, actual, c, residual)) {
            return floatDiagnosis(expected, actual);
        }
        return "";
    }

    /**
     * Diagnoses a parameter update: {@code before} the step, the expected and the actual values after
     * it. A known mistake is matched on the values after; the factor rules run on the change
     * (after − before), where "sign flipped" means W + η·dW and a factor 0 means no update at all.
     */
    public static String explainUpdate(double[][] before, double[][] expectedAfter, double[][] actualAfter, int batchSize,
                                       List<KnownMistake> mistakes) {
        String known = knownMistake(expectedAfter, actualAfter, mistakes);
        if (!known.isEmpty()) {
            return known;
        }
        double[][] want = minus(expectedAfter, before);
        double[][] got = minus(actualAfter, before);
        double ww = dot(want, want);
        if (ww == 0) {
            return "";
        }
        if (dot(got, got) <= 1e-30 * ww) {
            return "not updated: the parameters did not change; the step must assign θ − η·dθ (Matrix is immutable:"
                    + " minus returns a new matrix, keep it)";
        }
        double c = dot(got, want) / ww;
        if (residual(want, got, c) < FACTOR_RESIDUAL && near(c, -1)) {
            return "sign flipped in the update: θ + η·dθ climbs the loss; gradient descent subtracts, θ − η·dθ";
        }
        String change = explain(want, got, batchSize, List.of());
        return change.isEmpty() ? "" : change + " (seen in the change of the parameters by the step, after − before)";
    }

    /**
     * Whether {@code diagnosis} names no particular mistake (empty, or only says that shapes do not fit
     * or that training went wrong), so that a more specific one, found by re-checking the parts the
     * check depends on, should replace it.
     */
    public static boolean isGeneric(String diagnosis) {
        return diagnosis == null || diagnosis.isBlank() || diagnosis.contains("a transpose is missing or extra")
                || diagnosis.startsWith("element-wise operation on mismatched shapes") || diagnosis.startsWith("training step wrong")
                || diagnosis.startsWith("training failed") || diagnosis.startsWith("null:");
    }

    /** Whether {@code actual} equals {@code value} (a known mistake's result) to matching precision. */
    public static boolean knownMistakeMatches(double[][] value, double[][] actual) {
        return value != null && actual != null && sameShape(value, actual) && close(value, actual);
    }

    /**
     * Every known mistake that matches {@code actual} (and is not also the right answer), most likely first
     * (the list's order), joined with "; or: " — where two mistakes give the same numbers, both are named,
     * never one confidently wrong; "" when none matches.
     */
    static String knownMistake(double[][] expected, double[][] actual, List<KnownMistake> mistakes) {
        java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>();
        for (KnownMistake m : mistakes) {
            if (m.value() != null && sameShape(m.value(), actual) && close(m.value(), actual) && !close(expected, actual)) {
                found.add(m.diagnosis());
            }
        }
        return String.join("; or: ", found);
    }

    /**
     * A result of the wrong shape: transposed, or one row per sample where one row in all was due
     * (a sum over the batch is missing).
     */
    public static String explainShape(String quantity, int rows, int cols, int actualRows, int actualCols, int batchSize) {
        if (actualRows == cols && actualCols == rows && rows != cols) {
            return "shape transposed: " + quantity + " is " + actualRows + "x" + actualCols + " but must be " + rows + "x" + cols
                    + hintForTranspose(quantity);
        }
        if (rows == 1 && actualCols == cols && actualRows > 1) {
            return (quantity.startsWith("db") || quantity.contains(".db") || quantity.contains("bias")
                    ? "db not summed over the batch: db is the column sums of dZ (dZ.sumRows()), one number per output,"
                    : "not summed over the batch: one row per sample where a single row (the sum over the batch) is due,")
                    + " but yours is " + actualRows + "x" + actualCols;
        }
        return "";
    }

    private static String hintForTranspose(String quantity) {
        if (quantity.startsWith("dW") || quantity.contains(".dW") || quantity.startsWith("W ")) {
            return " (out x in, like W): compute dZᵀ·X, not Xᵀ·dZ";
        }
        if (quantity.startsWith("dX") || quantity.contains(".dX") || quantity.contains("input")) {
            return " (N x in, like the input): compute dZ·W, not Wᵀ·dZᵀ";
        }
        return "";
    }

    /**
     * Names the mistake behind an exception thrown by student code: a matrix product or an
     * element-wise operation on mismatched shapes (a transpose missing or extra, db not summed), a
     * layer handed a gradient of the wrong shape (backward in the wrong order), an index out of range.
     *
     * @param method   the student's method that was called, e.g. "DenseLayer.backward"
     * @param glossary names for shapes, e.g. "4x5" → "dZ (N x out)"; may be {@link Glossary#NONE}
     */
    public static String explainException(String method, Wire.Thrown e, Glossary glossary) {
        String message = String.valueOf(e.message());
        Matcher m = MULTIPLY.matcher(message);
        if (isA(e, "java.lang.IllegalArgumentException") && m.find()) {
            String left = m.group(1) + "x" + m.group(2);
            String right = m.group(3) + "x" + m.group(4);
            String named = "matrix product of mismatched shapes: " + glossary.name(left) + " · " + glossary.name(right)
                    + " cannot be multiplied (the inner sizes " + m.group(2) + " and " + m.group(3) + " differ)";
            String which = glossary.product(left, right);
            return named + (which.isEmpty()
                    ? "; a transpose is missing or extra. With W out x in, X N x in and dZ N x out: dW = dZᵀ·X, dX = dZ·W"
                    : "; " + which);
        }
        m = ELEMENTWISE.matcher(message);
        if (isA(e, "java.lang.IllegalArgumentException") && m.find()) {
            int r1 = Integer.parseInt(m.group(2));
            int c1 = Integer.parseInt(m.group(3));
            int r2 = Integer.parseInt(m.group(4));
            int c2 = Integer.parseInt(m.group(5));
            String shapes = " (" + m.group(1) + " " + r1 + "x" + c1 + " and " + r2 + "x" + c2 + ")";
            if (r1 == c2 && c1 == r2) {
                return "shape transposed: an element-wise operation on a matrix and a transposed one" + shapes
                        + "; a stored gradient must have the shape of its parameter: dW out x in like W (dZᵀ·X, not Xᵀ·dZ)";
            }
            if (c1 == c2 && (r1 == 1) != (r2 == 1)) {
                return "db not summed over the batch: the bias is 1 x out but its gradient has one row per sample" + shapes
                        + "; db is the column sums of dZ (dZ.sumRows())";
            }
            return "element-wise operation on mismatched shapes" + shapes + ": a gradient or parameter has the wrong shape";
        }
        m = GRAD_OUTPUT.matcher(message);
        if (isA(e, "java.lang.IllegalArgumentException") && m.find()) {
            String shapes = " a gradient of shape " + m.group(3) + "x" + m.group(4) + " for its " + m.group(1) + "x" + m.group(2)
                    + " output";
            if (method.startsWith("Network") || method.startsWith("Trainer")) {
                return "returned gradient dropped, or backward in the wrong order: a layer got" + shapes + ", the gradient"
                        + " for another layer; Network.backward must go from the last layer"
                        + " to the first, passing each layer's returned gradient to the layer before it";
            }
            return "gradient of the wrong shape: a layer got" + shapes;
        }
        if (isA(e, "java.lang.IndexOutOfBoundsException")) {
            return "index out of range: a loop runs over the wrong dimension (rows vs columns, in vs out, N vs out?)";
        }
        if (isA(e, "java.lang.NullPointerException")) {
            return "null: a field used before it was assigned (did backward store the gradients, did forward store its input?)";
        }
        if (isA(e, "java.lang.IllegalStateException") && message.contains("step called before backward")) {
            if (method.startsWith("Trainer")) {
                return "order of the training step: step ran before backward (or without it); the order is forward,"
                        + " loss, backward, then step";
            }
            return "no gradients stored: backward must assign the fields behind gradWeights() and gradBias()";
        }
        return "";
    }

    /** Names the matrices of a check by their shapes, so a failed product can be told in the student's terms. */
    public record Glossary(int n, int in, int out) {
        /** No names known: shapes are printed as they are. */
        public static final Glossary NONE = new Glossary(0, 0, 0);

        /** The glossary of a dense layer with batch {@code n}; names are given only when the sizes differ. */
        public static Glossary dense(int n, int in, int out) {
            return n == in || in == out || n == out ? NONE : new Glossary(n, in, out);
        }

        String name(String shape) {
            if (this == NONE || n == 0) {
                return shape;
            }
            String name = switch (kind(shape)) {
                case "N x in" -> "X";
                case "in x N" -> "Xᵀ";
                case "out x in" -> "W";
                case "in x out" -> "Wᵀ";
                case "N x out" -> "dZ (or gradOutput)";
                case "out x N" -> "dZᵀ";
                default -> "";
            };
            return name.isEmpty() ? shape : name + " " + shape + " (" + kind(shape) + ")";
        }

        String product(String left, String right) {
            if (this == NONE || n == 0) {
                return "";
            }
            String l = kind(left);
            String r = kind(right);
            boolean dz = isDz(l) || isDz(r);
            if (l.equals("N x out") && r.equals("in x out")) {
                return "dX computed with Wᵀ: in this course W is out x in, so dX = dZ·W (N x out · out x in = N x in),"
                        + " the batch form of the documents' dx = Wᵀ·dz";
            }
            if (dz && (l.startsWith("out x in") || l.startsWith("in x out") || r.equals("out x in") || r.equals("in x out"))) {
                return "dX with a transpose missing or misplaced: with one sample per row, dX = dZ·W (N x out · out x in)";
            }
            if (dz && (l.contains("N x in") || l.contains("in x N") || r.contains("N x in") || r.contains("in x N"))) {
                return "dW with a transpose missing or misplaced: dW = dZᵀ·X (out x N · N x in = out x in, like W)";
            }
            return "";
        }

        private static boolean isDz(String kind) {
            return kind.equals("N x out") || kind.equals("out x N");
        }

        private String kind(String shape) {
            String[] p = shape.split("x");
            String r = dim(Integer.parseInt(p[0]));
            String c = dim(Integer.parseInt(p[1]));
            return r.isEmpty() || c.isEmpty() ? "" : r + " x " + c;
        }

        private String dim(int d) {
            return d == n ? "N" : d == in ? "in" : d == out ? "out" : "";
        }
    }

    private static int count(double[][] m) {
        return m.length * m[0].length;
    }

    /** How many elements are within a factor 1000 of the largest: a fit dominated by one element proves nothing. */
    private static int significant(double[][] m) {
        double max = 0;
        for (double[] row : m) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        int k = 0;
        for (double[] row : m) {
            for (double v : row) {
                k += Math.abs(v) >= 1e-3 * max ? 1 : 0;
            }
        }
        return k;
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
        if (n > 1 && near(c, -n) || n > 1 && near(c, -1.0 / n)) {
            return "sign flipped and batch scaling: your values are " + format(c) + " times the expected ones";
        }
        if (near(c, -2) || near(c, -0.5)) {
            return "sign flipped and a factor " + (near(c, -2) ? "2 too large" : "2 too small")
                    + ": your values are " + format(c) + " times the expected ones";
        }
        if (Math.abs(c) < 1e-12) {
            return "";
        }
        if (Math.abs(c - 1) > 1e-3 && elements >= 3) {
            return "constant factor: your values are all " + format(c) + " times the expected ones";
        }
        return "";
    }

    /**
     * Float arithmetic leaves tiny errors on most elements (relative 1e-8..1e-4), not a constant
     * factor and not a few wrong elements. Double code differs from the reference by ~1e-15.
     */
    private static boolean floatLike(double[][] expected, double[][] actual, double c, double residual) {
        if (Math.abs(c - 1) > 1e-3 || residual > 1e-3) {
            return false;
        }
        double[] errors = relativeErrors(expected, actual);
        if (errors.length == 0) {
            return false;
        }
        double worst = errors[errors.length - 1];
        double median = errors[errors.length / 2];
        return worst < 3e-4 && median > 5e-11;
    }

    private static String floatDiagnosis(double[][] expected, double[][] actual) {
        double[] errors = relativeErrors(expected, actual);
        double median = errors[errors.length / 2];
        boolean allFloats = true;
        for (double[] row : actual) {
            for (double v : row) {
                allFloats &= (double) (float) v == v;
            }
        }
        if (allFloats) {
            return "float instead of double: tiny errors on almost every element (median relative error " + sci(median)
                    + ", float has about 7 significant digits, double 16); every value you return is exactly a float:"
                    + " some computation uses float (a float variable, a (float) cast, an f literal); use double throughout";
        }
        return "tiny errors on almost every element (median relative error " + sci(median) + "): float instead of double"
                + " somewhere (a float variable, a (float) cast, an f literal), or an approximation such as a finite"
                + " difference where the exact formula belongs";
    }

    /** Sorted relative errors of the elements that are not negligible compared with the largest. */
    private static double[] relativeErrors(double[][] expected, double[][] actual) {
        double max = 0;
        for (double[] row : expected) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        double floor = max * 1e-6;
        double[] errors = new double[count(expected)];
        int k = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                if (Math.abs(expected[i][j]) > floor) {
                    errors[k++] = Tolerance.relativeError(expected[i][j], actual[i][j]);
                }
            }
        }
        double[] out = Arrays.copyOf(errors, k);
        Arrays.sort(out);
        return out;
    }

    private static double residual(double[][] expected, double[][] actual, double c) {
        double ee = dot(expected, expected);
        double r = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double d = actual[i][j] - c * expected[i][j];
                r += d * d;
            }
        }
        return Math.sqrt(r / ee) / Math.max(1, Math.abs(c));
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.1e", v);
    }

    private static boolean near(double c, double target) {
        return Math.abs(c - target) <= 1e-4 * Math.max(1, Math.abs(target));
    }

    private static boolean sameShape(double[][] a, double[][] b) {
        return a.length == b.length && a[0].length == b[0].length;
    }

    private static boolean symmetric(double[][] m) {
        return close(m, transpose(m));
    }

    /**
     * Element-wise agreement to {@link #MATCH}, relative to each element, with a floor relative to
     * the largest element of both matrices: so that results whose values are all tiny (1e-10 at
     * saturated sigmoids) are still told apart, while exact zeros match values that are zero but
     * for rounding.
     */
    static boolean close(double[][] a, double[][] b) {
        if (!sameShape(a, b)) {
            return false;
        }
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                largest = Math.max(largest, Math.max(Math.abs(a[i][j]), Math.abs(b[i][j])));
            }
        }
        double floor = Math.max(largest * 1e-9, Double.MIN_NORMAL);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double scale = Math.max(floor, Math.max(Math.abs(a[i][j]), Math.abs(b[i][j])));
                if (Math.abs(a[i][j] - b[i][j]) > MATCH * scale) {
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

    private static double[][] minus(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] - b[i][j];
            }
        }
        return out;
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
