package backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferenceTrainingTest {

    @Test
    void manyStepsAtOnceEqualRepeatedTrainSteps() {
        Random random = new Random(7);
        for (ReferenceLoss loss : ReferenceLoss.values()) {
            double[][] w1 = gaussian(random, 5, 3);
            double[][] w2 = gaussian(random, 2, 5);
            List<DenseSpec> layers = List.of(new DenseSpec(w1, new double[] {0.1, -0.2, 0.3, 0, 0.05}, ReferenceActivation.TANH),
                    new DenseSpec(w2, new double[] {0.2, -0.1}, loss == ReferenceLoss.MSE ? ReferenceActivation.IDENTITY
                            : ReferenceActivation.SIGMOID));
            double[][] x = gaussian(random, 6, 3);
            double[][] y = new double[6][2];
            for (int n = 0; n < 6; n++) {
                int hot = random.nextInt(2);
                y[n][hot] = 1;
            }
            ReferenceNetwork net = new ReferenceNetwork(layers);
            double[] losses = new double[40];
            for (int e = 0; e < 40; e++) {
                Trace t = net.trainStep(x, y, loss, 1.0, 0.3);
                losses[e] = t.loss();
                net = net.withUpdates(t);
            }
            ReferenceTraining.Result fast = ReferenceTraining.fit(layers, x, y, loss, 0.3, 40);

            for (int e = 0; e < 40; e++) {
                assertThat(fast.losses()[e]).as("%s loss before step %d", loss, e).isCloseTo(losses[e], within(1e-12));
            }
            for (int i = 0; i < 2; i++) {
                double[][] expected = net.layers().get(i).weights();
                double[][] actual = fast.layers().get(i).weights();
                for (int o = 0; o < expected.length; o++) {
                    for (int k = 0; k < expected[0].length; k++) {
                        assertThat(actual[o][k]).as("%s W%d[%d][%d]", loss, i, o, k).isCloseTo(expected[o][k], within(1e-12));
                    }
                    assertThat(fast.layers().get(i).bias()[o]).isCloseTo(net.layers().get(i).bias()[o], within(1e-12));
                }
            }
        }
    }

    private static double[][] gaussian(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian() * 0.7;
            }
        }
        return m;
    }
}
