package backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The "Worked Example with Numbers" of the backpropagation walkthrough,
 * {@code 001_69cf991a5fec35a8.txt}: one sample x = [0.5, 0.8] through 2 → 2 ReLU → 1 sigmoid, target
 * t = 1.
 *
 * <p>The document's loss is ½(y − t)², which is not one of the course's losses (our
 * {@link MeanSquaredError} has no ½). Its gradient is dL/dy = y − t, so this test computes that
 * upstream gradient itself and hands it straight to {@link Network#backward}.
 *
 * <p>The document prints every number rounded to 3 decimals (and rounds between steps), so the
 * comparison allows half a unit in the third decimal.
 */
@org.junit.jupiter.api.extension.ExtendWith(WhatToDoNext.class)
@DisplayName("Worked example of 001_69cf991a5fec35a8.txt")
class WorkedExampleTest {
    private static final double THREE_DECIMALS = 5e-4;
    private static final String CONTEXT = "document 001 worked example, x = [0.5, 0.8], t = 1, rounded to 3 decimals";

    private final DenseLayer hidden = new DenseLayer(
            Matrix.of(new double[][] {{0.4, 0.3}, {-0.2, 0.5}}), Matrix.row(0.1, -0.1), new ReLU());
    private final DenseLayer output = new DenseLayer(
            Matrix.of(new double[][] {{0.6, -0.4}}), Matrix.row(0.2), new Sigmoid());
    private final Network network = Network.of(hidden, output);
    private final Matrix x = Matrix.row(0.5, 0.8);
    private final Matrix t = Matrix.row(1.0);

    /** Forward, then backward with the document's dL/dy = y − t. */
    private Matrix forwardAndBackward() {
        Matrix y = network.forward(x);
        return network.backward(y.minus(t));
    }

    @Test
    void backwardReproducesTheDocumentsGradients() {
        forwardAndBackward();

        // the forward pass of the document (given code, checked so that a typo here is not blamed on you)
        assertThat(hidden.preActivation().get(0, 0)).as("z1[0] of the document").isCloseTo(0.54, within(1e-12));
        assertThat(hidden.preActivation().get(0, 1)).as("z1[1] of the document").isCloseTo(0.20, within(1e-12));
        assertThat(output.preActivation().get(0, 0)).as("z2 of the document").isCloseTo(0.444, within(1e-12));

        // Step 3: dL/dW2 = dL/dz2 · h, dL/db2 = dL/dz2 = −0.391 · 0.238 = −0.093
        GradientCheck.assertMatrixClose("Network.backward: dW2 (output layer)", CONTEXT,
                Matrix.row(-0.050, -0.019), output.gradWeights(), THREE_DECIMALS);
        GradientCheck.assertMatrixClose("Network.backward: db2 (output layer)", CONTEXT,
                Matrix.row(-0.093), output.gradBias(), THREE_DECIMALS);
        // Steps 4-6: dL/dh = dL/dz2 · W2 = [−0.056, 0.037]; ReLU passes it (both z1 > 0); times x
        GradientCheck.assertMatrixClose("Network.backward: dW1 (hidden layer)", CONTEXT,
                Matrix.of(new double[][] {{-0.028, -0.045}, {0.019, 0.030}}), hidden.gradWeights(), THREE_DECIMALS);
        GradientCheck.assertMatrixClose("Network.backward: db1 (hidden layer)", CONTEXT,
                Matrix.row(-0.056, 0.037), hidden.gradBias(), THREE_DECIMALS);
    }

    @Test
    void backwardReturnsTheGradientOfTheInput() {
        Matrix dX = forwardAndBackward();
        // not in the document, but the same chain one step further: dL/dx = dL/dz1 · W1
        // = [−0.0558·0.4 + 0.0372·(−0.2), −0.0558·0.3 + 0.0372·0.5]
        GradientCheck.assertMatrixClose("Network.backward: returned dL/dx", CONTEXT,
                Matrix.row(-0.030, 0.002), dX, THREE_DECIMALS);
    }

    @Test
    void stepReproducesTheDocumentsWeightUpdate() {
        forwardAndBackward();
        network.step(0.1);
        // "w₁₂_new = 0.3 − (0.1 × −0.045) = 0.3045"
        assertThat(hidden.weights().get(0, 1))
                .as("Network.step(0.1): w12 of the hidden layer after the document's update 0.3 − 0.1·(−0.045) (%s)", CONTEXT)
                .isCloseTo(0.3045, within(THREE_DECIMALS / 10));
    }
}
