package backprop.grader.checks;

import backprop.driver.Wire;
import java.util.List;

/**
 * What comes back from the student JVM, as the checks use it: a matrix as its rows (or null), a
 * number, a list. A value of an unexpected kind fails the check with what it was.
 */
public final class Values {
    private Values() {
    }

    /** The rows of a returned matrix (a {@link Wire.Value} or a double[][]), or null for null. */
    public static double[][] rows(String method, Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Wire.Value value) {
            return value.rows();
        }
        if (v instanceof double[][] rows) {
            return rows;
        }
        throw new CheckFailure(method + " returned " + describe(v) + " where a matrix was expected");
    }

    /** A returned double[] (or null). */
    public static double[] doubles(String method, Object v) {
        if (v == null || v instanceof double[]) {
            return (double[]) v;
        }
        throw new CheckFailure(method + " returned " + describe(v) + " where a double[] was expected");
    }

    /** A returned double. */
    public static double number(String method, Object v) {
        if (v instanceof Double d) {
            return d;
        }
        throw new CheckFailure(method + " returned " + describe(v) + " where a number was expected");
    }

    /** A returned object that stays in the student JVM. */
    public static Wire.Ref ref(String method, Object v) {
        if (v instanceof Wire.Ref r) {
            return r;
        }
        throw new CheckFailure(method + " returned " + describe(v) + " where an object was expected");
    }

    /** A returned list. */
    public static List<?> list(String method, Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new CheckFailure(method + " returned " + describe(v) + " where a list was expected");
    }

    /** Whether {@code m} is a non-null rectangular rows × cols matrix. */
    public static boolean hasShape(double[][] m, int rows, int cols) {
        if (m == null || m.length != rows) {
            return false;
        }
        for (double[] row : m) {
            if (row == null || row.length != cols) {
                return false;
            }
        }
        return true;
    }

    /** "4x3", or "null", or "jagged" for rows of different lengths. */
    public static String shape(double[][] m) {
        if (m == null) {
            return "null";
        }
        int cols = m.length == 0 || m[0] == null ? 0 : m[0].length;
        return hasShape(m, m.length, cols) ? m.length + "x" + cols : "jagged " + m.length + "-row";
    }

    /** Σ |m_ij| (0 for null). */
    public static double sumAbs(double[][] m) {
        double s = 0;
        if (m != null) {
            for (double[] row : m) {
                if (row != null) {
                    for (double v : row) {
                        s += Math.abs(v);
                    }
                }
            }
        }
        return s;
    }

    /** Element-wise equality (same shape, same doubles). */
    public static boolean same(double[][] a, double[][] b) {
        return java.util.Arrays.deepEquals(a, b);
    }

    private static String describe(Object v) {
        if (v instanceof Wire.Ref r) {
            return "an object of class " + r.type();
        }
        String type = v instanceof Wire.Value value ? value.type() : v == null ? null : v.getClass().getSimpleName();
        return type == null ? "null" : ("AEIOUaeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }
}
