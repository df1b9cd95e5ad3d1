package backprop.reference;

import java.util.ArrayList;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import java.util.List;

/**
 * Many full-batch gradient-descent steps at once, on plain arrays: the same math as repeating
 * {@link ReferenceNetwork#trainStep} (loss before each step, weights and biases updated), about fifty
 * times faster, for the checks that replay thousands of steps. Agrees with the step-by-step
 * reference to rounding (a test of this module holds it to 1e-12).
 */
public final class ReferenceTraining {
    private ReferenceTraining() {
    }

    /** The layers after the steps, and the loss before each step. */
    public record Result(List<DenseSpec> layers, double[] losses) {
    }

    /** {@code epochs} steps of gradient descent with learning rate {@code lr} on the batch {@code x}, targets {@code y}. */
    public static Result fit(List<DenseSpec> layers, double[][] x, double[][] y, ReferenceLoss loss, double lr, int epochs) {
        new ReferenceNetwork(layers).loss(x, y, loss, 1.0); // checks shapes and targets once
        int count = layers.size();
        double[][][] w = new double[count][][];
        double[][] b = new double[count][];
        ReferenceActivation[] f = new ReferenceActivation[count];
        for (int i = 0; i < count; i++) {
            w[i] = layers.get(i).weights();
            b[i] = layers.get(i).bias();
            f[i] = layers.get(i).activation();
        }
        double[] losses = new double[epochs];
        RealMatrix target = new Array2DRowRealMatrix(y, true);
        double[][][] inputs = new double[count][][];
        double[][][] zs = new double[count][][];
        for (int e = 0; e < epochs; e++) {
            double[][] a = x;
            for (int i = 0; i < count; i++) {
                inputs[i] = a;
                zs[i] = affine(a, w[i], b[i]);
                a = map(zs[i], f[i], false);
            }
            RealMatrix prediction = new Array2DRowRealMatrix(a, false);
            losses[e] = loss.value(prediction, target);
            double[][] g = loss.gradient(prediction, target).getData();
            for (int i = count - 1; i >= 0; i--) {
                double[][] dz = map(zs[i], f[i], true);
                for (int n = 0; n < dz.length; n++) {
                    for (int o = 0; o < dz[0].length; o++) {
                        dz[n][o] *= g[n][o];
                    }
                }
                double[][] dx = new double[dz.length][w[i][0].length];
                for (int n = 0; n < dz.length; n++) {
                    for (int o = 0; o < w[i].length; o++) {
                        for (int k = 0; k < w[i][0].length; k++) {
                            dx[n][k] += dz[n][o] * w[i][o][k];
                        }
                    }
                }
                for (int o = 0; o < w[i].length; o++) {
                    double db = 0;
                    for (double[] row : dz) {
                        db += row[o];
                    }
                    for (int k = 0; k < w[i][0].length; k++) {
                        double dw = 0;
                        for (int n = 0; n < dz.length; n++) {
                            dw += dz[n][o] * inputs[i][n][k];
                        }
                        w[i][o][k] -= lr * dw;
                    }
                    b[i][o] -= lr * db;
                }
                g = dx;
            }
        }
        List<DenseSpec> trained = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            trained.add(new DenseSpec(w[i], b[i], f[i]));
        }
        return new Result(List.copyOf(trained), losses);
    }

    private static double[][] affine(double[][] a, double[][] w, double[] b) {
        double[][] z = new double[a.length][w.length];
        for (int n = 0; n < a.length; n++) {
            for (int o = 0; o < w.length; o++) {
                double s = 0;
                for (int k = 0; k < w[0].length; k++) {
                    s += a[n][k] * w[o][k];
                }
                z[n][o] = s + b[o];
            }
        }
        return z;
    }

    private static double[][] map(double[][] z, ReferenceActivation f, boolean derivative) {
        double[][] out = new double[z.length][z[0].length];
        for (int n = 0; n < z.length; n++) {
            for (int o = 0; o < z[0].length; o++) {
                out[n][o] = derivative ? f.derivative(z[n][o]) : f.value(z[n][o]);
            }
        }
        return out;
    }
}
