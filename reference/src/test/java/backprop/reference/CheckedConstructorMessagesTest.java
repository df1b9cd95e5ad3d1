package backprop.reference;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Invalid arguments are rejected with messages that print the actual shapes and values. */
class CheckedConstructorMessagesTest {
    private static final DenseSpec TWO_TO_THREE = new DenseSpec(new double[3][2], new double[3], "relu");

    @Test
    void aBiasOfTheWrongLengthIsRejectedWithTheWeightsShape() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DenseSpec(new double[2][3], new double[3], "tanh"))
                .withMessageContaining("weights are 2x3").withMessageContaining("length 2")
                .withMessageContaining("has length 3");
    }

    @Test
    void raggedOrEmptyWeightsAreRejectedWithTheOffendingRow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DenseSpec(new double[][] {{1, 2}, {3}}, new double[2], "relu"))
                .withMessageContaining("row 0 has 2 columns but row 1 has 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DenseSpec(new double[0][0], new double[0], "relu"))
                .withMessageContaining("at least one row");
    }

    @Test
    void consecutiveLayersWhoseSizesDoNotMatchAreRejectedWithBothShapes() {
        DenseSpec fourToOne = new DenseSpec(new double[1][4], new double[1], "sigmoid");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReferenceNetwork(List.of(TWO_TO_THREE, fourToOne)))
                .withMessageContaining("layer 1 has weights 1x4").withMessageContaining("takes 4 inputs")
                .withMessageContaining("layer 0 outputs 3");
    }

    @Test
    void inputsAndTargetsOfTheWrongShapeAreRejectedWithTheirShapes() {
        ReferenceNetwork network = new ReferenceNetwork(List.of(TWO_TO_THREE));
        assertThatIllegalArgumentException().isThrownBy(() -> network.forward(new double[4][5]))
                .withMessageContaining("takes 2 inputs").withMessageContaining("x is 4x5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> network.trainStep(new double[4][2], new double[4][2], ReferenceLoss.MSE, 1, 0.1))
                .withMessageContaining("must be 4x3").withMessageContaining("it is 4x2");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> network.backpropagate(new double[4][2], new double[3][3], 0.1))
                .withMessageContaining("shape 4x3").withMessageContaining("it is 3x3");
    }

    @Test
    void lossesRejectMismatchedShapesAndInvalidTargetsWithTheValues() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReferenceLoss.MSE.value(new double[2][3], new double[3][2]))
                .withMessageContaining("prediction is 2x3 but target is 3x2");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReferenceLoss.BCE.gradient(new double[][] {{0.5}}, new double[][] {{1.5}}))
                .withMessageContaining("target[0][0] = 1.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReferenceLoss.SOFTMAX_CROSS_ENTROPY.value(new double[1][2], new double[][] {{0.5, 0.2}}))
                .withMessageContaining("row 0 sums to 0.7");
        assertThatIllegalArgumentException().isThrownBy(() -> ReferenceLoss.parse("hinge"))
                .withMessageContaining("'hinge'");
    }

    @Test
    void unknownActivationsAndInvalidSlopesAreRejectedWithTheName() {
        assertThatIllegalArgumentException().isThrownBy(() -> ReferenceActivation.parse("softplus"))
                .withMessageContaining("'softplus'");
        assertThatIllegalArgumentException().isThrownBy(() -> ReferenceActivation.parse("leaky_relu(abc)"))
                .withMessageContaining("'abc' is not a number");
        assertThatIllegalArgumentException().isThrownBy(() -> ReferenceActivation.leakyRelu(1.5))
                .withMessageContaining("1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> new ReferenceActivation("relu", 0.2))
                .withMessageContaining("0.2");
    }

    @Test
    void invalidHyperparametersAreRejectedWithTheirValue() {
        ReferenceNetwork network = new ReferenceNetwork(List.of(TWO_TO_THREE));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> network.trainStep(new double[1][2], new double[1][3], ReferenceLoss.MSE, 0, 0.1))
                .withMessageContaining("lossScale").withMessageContaining("0.0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> network.trainStep(new double[1][2], new double[1][3], ReferenceLoss.MSE, 1, Double.NaN))
                .withMessageContaining("learning rate").withMessageContaining("NaN");
    }

    @Test
    void fixtureRecordsRejectUnknownQuantitiesAndTraceLookupsOutOfRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Step("x", "layers[0].gradient", new double[][] {{1}}, 2, "here", null))
                .withMessageContaining("'layers[0].gradient'");
        Trace trace = new ReferenceNetwork(List.of(TWO_TO_THREE)).backpropagate(new double[1][2], new double[1][3], 0);
        assertThatIllegalArgumentException().isThrownBy(() -> trace.quantity("layers[1].dW"))
                .withMessageContaining("1 layers");
        assertThatIllegalStateException().isThrownBy(() -> trace.quantity("loss"))
                .withMessageContaining("without a loss");
    }
}
