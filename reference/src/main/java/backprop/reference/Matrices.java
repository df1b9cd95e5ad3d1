package backprop.reference;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.DefaultRealMatrixChangingVisitor;
import org.apache.commons.math3.linear.RealMatrix;

/** Conversions between the {@code double[][]} boundary and {@link RealMatrix}, with shape checks. */
final class Matrices {
    private Matrices() {
    }

    /** A checked copy of {@code values}: non-null, non-empty, rectangular. */
    static RealMatrix of(double[][] values, String what) {
        requireRectangular(values, what);
        return new Array2DRowRealMatrix(values, true);
    }

    /** Throws an exception naming {@code what} unless {@code values} is a non-empty rectangle. */
    static void requireRectangular(double[][] values, String what) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(what + " must have at least one row, but it is "
                    + (values == null ? "null" : "0x?"));
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null || values[i].length == 0) {
                throw new IllegalArgumentException(what + ": row " + i + " is "
                        + (values[i] == null ? "null" : "empty") + "; every row needs at least one column");
            }
            if (values[i].length != values[0].length) {
                throw new IllegalArgumentException(what + " is not rectangular: row 0 has " + values[0].length
                        + " columns but row " + i + " has " + values[i].length);
            }
        }
    }

    /** A deep copy (null stays null). */
    static double[][] copy(double[][] values) {
        if (values == null) {
            return null;
        }
        double[][] out = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? null : values[i].clone();
        }
        return out;
    }

    /** "rows x cols", as printed in exception messages. */
    static String shape(RealMatrix m) {
        return m.getRowDimension() + "x" + m.getColumnDimension();
    }

    /** "rows x cols" of a checked rectangle, or a description of what is wrong with it. */
    static String shape(double[][] values) {
        if (values == null) {
            return "null";
        }
        return values.length + "x" + (values.length == 0 || values[0] == null ? "?" : values[0].length);
    }

    /** An n x 1 column of ones: 1·bᵀ broadcasts a bias, 1ᵀ·dZ sums a batch. */
    static RealMatrix ones(int n) {
        RealMatrix m = new Array2DRowRealMatrix(n, 1);
        for (int i = 0; i < n; i++) {
            m.setEntry(i, 0, 1.0);
        }
        return m;
    }

    /** A new matrix with {@code f} applied to every entry of {@code m}. */
    static RealMatrix map(RealMatrix m, DoubleUnaryOperator f) {
        RealMatrix out = m.copy();
        out.walkInOptimizedOrder(new DefaultRealMatrixChangingVisitor() {
            @Override
            public double visit(int row, int column, double value) {
                return f.applyAsDouble(value);
            }
        });
        return out;
    }

    /** The element-wise (Hadamard) product of two matrices of equal shape. */
    static RealMatrix hadamard(RealMatrix a, RealMatrix b) {
        requireSameShape(a, b, "element-wise product");
        RealMatrix out = a.copy();
        out.walkInOptimizedOrder(new DefaultRealMatrixChangingVisitor() {
            @Override
            public double visit(int row, int column, double value) {
                return value * b.getEntry(row, column);
            }
        });
        return out;
    }

    static void requireSameShape(RealMatrix a, RealMatrix b, String operation) {
        if (a.getRowDimension() != b.getRowDimension() || a.getColumnDimension() != b.getColumnDimension()) {
            throw new IllegalArgumentException(operation + ": shapes " + shape(a) + " and " + shape(b) + " differ");
        }
    }
}
