package backprop.nn;

import java.util.Random;

/**
 * The XOR problem of {@code 002_fd0fc83796376f1d.txt}: four points no single line separates, the
 * smallest task that needs a hidden layer. The hyperparameters below train it to 4/4 for every seed
 * the tests try.
 */
public final class Xor {
    public static final int HIDDEN = 8;
    public static final double LEARNING_RATE = 0.5;
    public static final int EPOCHS = 3000;

    private Xor() {
    }

    /** The four inputs, one per row. */
    public static Matrix inputs() {
        return Matrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    }

    /** The XOR of each input row. */
    public static Matrix targets() {
        return Matrix.of(new double[][] {{0}, {1}, {1}, {0}});
    }

    /** 2 → {@link #HIDDEN} tanh → 1 sigmoid, initialised from {@code seed}. */
    public static Network newNetwork(long seed) {
        Random random = new Random(seed);
        return Network.of(
                DenseLayer.random(2, HIDDEN, new Tanh(), random),
                DenseLayer.random(HIDDEN, 1, new Sigmoid(), random));
    }

    /** How many of the four points the network classifies correctly (output &gt; 0.5 means 1). */
    public static int correct(Network network) {
        Matrix out = network.forward(inputs());
        Matrix y = targets();
        int correct = 0;
        for (int i = 0; i < 4; i++) {
            if ((out.get(i, 0) > 0.5) == (y.get(i, 0) > 0.5)) {
                correct++;
            }
        }
        return correct;
    }
}
