package backprop.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random networks, batches and targets for the finite-difference tests. */
final class RandomNetworks {
    /** Pre-activations of ReLU and LeakyReLU layers stay at least this far from the kink at 0. */
    static final double KINK_MARGIN = 1e-3;

    private RandomNetworks() {
    }

    /** A network with layer sizes {@code dims} (inputs first), Gaussian weights of std 1/√in. */
    static List<DenseSpec> network(int[] dims, ReferenceActivation hidden, ReferenceActivation output, Random random) {
        List<DenseSpec> specs = new ArrayList<>();
        for (int l = 0; l + 1 < dims.length; l++) {
            int in = dims[l];
            int out = dims[l + 1];
            specs.add(new DenseSpec(gaussian(out, in, 1 / Math.sqrt(in), random), gaussian(1, out, 0.5, random)[0],
                    l + 2 == dims.length ? output : hidden));
        }
        return specs;
    }

    static double[][] gaussian(int rows, int cols, double std, Random random) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = std * random.nextGaussian();
            }
        }
        return m;
    }

    /** Targets valid for {@code loss}: Gaussian (mse), in (0, 1) (bce), probability rows (softmax CE). */
    static double[][] targets(ReferenceLoss loss, int rows, int cols, Random random) {
        double[][] y = new double[rows][cols];
        for (double[] row : y) {
            double sum = 0;
            for (int k = 0; k < cols; k++) {
                row[k] = switch (loss) {
                    case MSE -> random.nextGaussian();
                    case BCE -> random.nextDouble();
                    case SOFTMAX_CROSS_ENTROPY -> 0.1 + random.nextDouble();
                };
                sum += row[k];
            }
            if (loss == ReferenceLoss.SOFTMAX_CROSS_ENTROPY) {
                for (int k = 0; k < cols; k++) {
                    row[k] /= sum;
                }
            }
        }
        return y;
    }

    /** True if no ReLU/LeakyReLU layer has a pre-activation within {@link #KINK_MARGIN} of 0. */
    static boolean awayFromKinks(List<DenseSpec> specs, double[][] x) {
        Trace trace = new ReferenceNetwork(specs).backpropagate(x, zeros(x.length, specs.get(specs.size() - 1).outputs()), 0);
        for (int l = 0; l < specs.size(); l++) {
            String kind = specs.get(l).activation().kind();
            if (kind.equals("relu") || kind.equals("leaky_relu")) {
                for (double[] row : trace.layers().get(l).z()) {
                    for (double z : row) {
                        if (Math.abs(z) < KINK_MARGIN) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    static double[][] zeros(int rows, int cols) {
        return new double[rows][cols];
    }
}
