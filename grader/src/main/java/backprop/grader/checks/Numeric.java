package backprop.grader.checks;

import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Central finite differences, h = 1e-5, in double precision: the numeric gradient that an analytic
 * gradient must match. Also the random inputs the checks use (Gaussian, fixed printed seeds).
 */
public final class Numeric {
    public static final double H = 1e-5;

    private Numeric() {
    }

    /** ∂f/∂x for every element of {@code x}, by (f(x + h) − f(x − h)) / 2h; {@code x} is left unchanged. */
    public static double[][] gradient(ToDoubleFunction<double[][]> f, double[][] x) {
        double[][] grad = new double[x.length][x[0].length];
        double[][] probe = copy(x);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                double original = probe[i][j];
                probe[i][j] = original + H;
                double plus = f.applyAsDouble(probe);
                probe[i][j] = original - H;
                double minus = f.applyAsDouble(probe);
                probe[i][j] = original;
                grad[i][j] = (plus - minus) / (2 * H);
            }
        }
        return grad;
    }

    /** A rows × cols matrix of standard Gaussian samples. */
    public static double[][] gaussian(int rows, int cols, Random random) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return m;
    }

    /** Gaussian samples whose absolute value is at least {@code gap} (away from a kink at 0). */
    public static double[][] gaussianAwayFromZero(int rows, int cols, double gap, Random random) {
        double[][] m = gaussian(rows, cols, random);
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                while (Math.abs(row[j]) < gap) {
                    row[j] = random.nextGaussian();
                }
            }
        }
        return m;
    }

    /** Σ a ⊙ b, the scalar whose gradient with respect to a is b. */
    public static double dot(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                s += a[i][j] * b[i][j];
            }
        }
        return s;
    }

    public static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    public static double[][] zeros(int rows, int cols) {
        return new double[rows][cols];
    }

    public static double[][] scale(double[][] m, double factor) {
        double[][] c = copy(m);
        for (double[] row : c) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
        return c;
    }

    public static double[][] row(double[] v) {
        return new double[][] {v.clone()};
    }

    /** a − b, element-wise (same shapes). */
    public static double[][] minus(double[][] a, double[][] b) {
        double[][] c = copy(a);
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c[i].length; j++) {
                c[i][j] -= b[i][j];
            }
        }
        return c;
    }

    public static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
