package backprop.nn;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * An immutable matrix of doubles, just big enough to write backpropagation the way the
 * documents write it in numpy: {@code dZ.transpose().times(X)} is {@code dZ.T @ X}.
 *
 * <p>Conventions used everywhere in this course:
 * <ul>
 *   <li>a batch is a matrix with <b>one sample per row</b> (N × features);</li>
 *   <li>weights are <b>out × in</b>, so a dense layer computes Z = X·Wᵀ + b;</li>
 *   <li>a bias is a 1 × out row vector, added to every row ({@link #plusRow}).</li>
 * </ul>
 * Every operation returns a new matrix; none changes its operands. Operations whose shapes do
 * not fit throw an {@link IllegalArgumentException} that prints both shapes.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final double[] data; // row-major

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A copy of {@code values}; every row must have the same, non-zero length. */
    public static Matrix of(double[][] values) {
        if (values == null || values.length == 0 || values[0] == null || values[0].length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column");
        }
        int cols = values[0].length;
        double[] data = new double[values.length * cols];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null || values[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has "
                        + (values[i] == null ? "no" : values[i].length) + " columns, row 0 has " + cols);
            }
            System.arraycopy(values[i], 0, data, i * cols, cols);
        }
        return new Matrix(values.length, cols, data);
    }

    /** A 1 × n row vector. */
    public static Matrix row(double... values) {
        return of(new double[][] {values});
    }

    /** A rows × cols matrix of zeros. */
    public static Matrix zeros(int rows, int cols) {
        checkShape(rows, cols);
        return new Matrix(rows, cols, new double[rows * cols]);
    }

    /** A rows × cols matrix filled with {@code value}. */
    public static Matrix filled(int rows, int cols, double value) {
        checkShape(rows, cols);
        double[] data = new double[rows * cols];
        Arrays.fill(data, value);
        return new Matrix(rows, cols, data);
    }

    /** A rows × cols matrix of independent Gaussian samples with standard deviation {@code std}. */
    public static Matrix gaussian(int rows, int cols, double std, Random random) {
        checkShape(rows, cols);
        double[] data = new double[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = std * random.nextGaussian();
        }
        return new Matrix(rows, cols, data);
    }

    private static void checkShape(int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("a matrix needs positive dimensions, got " + rows + "x" + cols);
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The shape as {@code rows x cols}, the way error messages print it. */
    public String shape() {
        return rows + "x" + cols;
    }

    public boolean hasShape(int rows, int cols) {
        return this.rows == rows && this.cols == cols;
    }

    public double get(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("index (" + row + ", " + col + ") is outside a " + shape() + " matrix");
        }
        return data[row * cols + col];
    }

    /** A copy of this matrix with the element at (row, col) replaced. */
    public Matrix with(int row, int col, double value) {
        get(row, col);
        double[] copy = data.clone();
        copy[row * cols + col] = value;
        return new Matrix(rows, cols, copy);
    }

    /** The matrix product this · other (numpy: {@code this @ other}). */
    public Matrix times(Matrix other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by " + other.shape()
                    + ": the left matrix has " + cols + " columns but the right one has " + other.rows + " rows");
        }
        double[] out = new double[rows * other.cols];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols; k++) {
                double a = data[i * cols + k];
                for (int j = 0; j < other.cols; j++) {
                    out[i * other.cols + j] += a * other.data[k * other.cols + j];
                }
            }
        }
        return new Matrix(rows, other.cols, out);
    }

    /** The transpose (numpy: {@code .T}). */
    public Matrix transpose() {
        double[] out = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = data[i * cols + j];
            }
        }
        return new Matrix(cols, rows, out);
    }

    public Matrix plus(Matrix other) {
        return zip(other, Double::sum, "add");
    }

    public Matrix minus(Matrix other) {
        return zip(other, (a, b) -> a - b, "subtract");
    }

    /** Element-wise (Hadamard) product, numpy's {@code *} between equal shapes. */
    public Matrix hadamard(Matrix other) {
        return zip(other, (a, b) -> a * b, "multiply element-wise");
    }

    /** Every element multiplied by {@code factor}. */
    public Matrix scale(double factor) {
        return map(v -> v * factor);
    }

    /** Adds the 1 × cols row vector {@code rowVector} to every row (numpy broadcasting of a bias). */
    public Matrix plusRow(Matrix rowVector) {
        if (rowVector.rows != 1 || rowVector.cols != cols) {
            throw new IllegalArgumentException("cannot add a " + rowVector.shape() + " row vector to every row of a "
                    + shape() + " matrix: expected a 1x" + cols + " row vector");
        }
        double[] out = data.clone();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] += rowVector.data[j];
            }
        }
        return new Matrix(rows, cols, out);
    }

    /** The 1 × cols row of column sums (numpy: {@code .sum(axis=0, keepdims=True)}). */
    public Matrix sumRows() {
        double[] out = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j] += data[i * cols + j];
            }
        }
        return new Matrix(1, cols, out);
    }

    /** The sum of all elements. */
    public double sum() {
        double s = 0;
        for (double v : data) {
            s += v;
        }
        return s;
    }

    /** Applies {@code f} to every element. */
    public Matrix map(DoubleUnaryOperator f) {
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = f.applyAsDouble(data[i]);
        }
        return new Matrix(rows, cols, out);
    }

    /** Combines two matrices of the same shape element by element. */
    public Matrix zip(Matrix other, DoubleBinaryOperator f, String operation) {
        if (rows != other.rows || cols != other.cols) {
            throw new IllegalArgumentException("cannot " + operation + " a " + shape() + " matrix and a "
                    + other.shape() + " matrix: the shapes must be equal");
        }
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = f.applyAsDouble(data[i], other.data[i]);
        }
        return new Matrix(rows, cols, out);
    }

    /** The row at {@code index} as a 1 × cols matrix. */
    public Matrix rowAt(int index) {
        get(index, 0);
        return new Matrix(1, cols, Arrays.copyOfRange(data, index * cols, (index + 1) * cols));
    }

    /** A fresh copy of the elements as a {@code double[rows][cols]}. */
    public double[][] toArray() {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data, i * cols, out[i], 0, cols);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix ").append(shape()).append(' ');
        sb.append(Arrays.deepToString(toArray()));
        return sb.toString();
    }
}
