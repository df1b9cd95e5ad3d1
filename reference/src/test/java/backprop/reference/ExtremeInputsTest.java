package backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Saturated activations, huge logits and certain probabilities give finite numbers, never NaN or Infinity. */
class ExtremeInputsTest {

    private static void assertAllFinite(double[][] m, String what) {
        assertThat(Arrays.stream(m).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite))
                .as("%s = %s is finite", what, Arrays.deepToString(m)).isTrue();
    }

    @Test
    void sigmoidAtPlusAndMinus800IsFiniteAndSaturated() {
        ReferenceActivation s = ReferenceActivation.SIGMOID;
        assertThat(s.value(800)).isEqualTo(1.0);
        assertThat(s.value(-800)).isFinite().isBetween(0.0, 1e-300);
        assertThat(s.derivative(800)).isFinite().isBetween(0.0, 1e-300);
        assertThat(s.derivative(-800)).isFinite().isBetween(0.0, 1e-300);
        assertThat(ReferenceActivation.TANH.value(-800)).isEqualTo(-1.0);
        assertThat(ReferenceActivation.TANH.derivative(800)).isEqualTo(0.0);
    }

    @Test
    void softmaxCrossEntropyWithLogitsOfPlusAndMinus1000IsFinite() {
        double[][] logits = {{1000, -1000, 0}, {-1000, 1000, 1000}};
        double[][] target = {{0, 1, 0}, {1, 0, 0}};
        double loss = ReferenceLoss.SOFTMAX_CROSS_ENTROPY.value(logits, target);
        // row 0: lse = 1000, −log softmax₁ = 2000; row 1: lse = 1000 + ln 2, −log softmax₀ = 2000 + ln 2
        assertThat(loss).isCloseTo((2000 + 2000 + Math.log(2)) / 2, within(1e-9));
        double[][] gradient = ReferenceLoss.SOFTMAX_CROSS_ENTROPY.gradient(logits, target);
        assertAllFinite(gradient, "gradient");
        assertThat(gradient[0]).containsExactly(0.5, -0.5, 0.0);
        assertThat(gradient[1]).containsExactly(-0.5, 0.25, 0.25);
    }

    @Test
    void binaryCrossEntropyWithProbabilitiesExactlyZeroAndOneIsFinite() {
        double[][] p = {{0.0, 1.0}, {0.0, 1.0}};
        double[][] y = {{1.0, 0.0}, {0.0, 1.0}};
        double loss = ReferenceLoss.BCE.value(p, y);
        // the two wrong elements are clamped to 1e-12 and 1 − 1e-12; in doubles 1 − (1 − 1e-12) ≠ 1e-12 exactly
        double clampedHigh = 1 - 1e-12;
        double expected = (-Math.log(1e-12) - Math.log(1 - clampedHigh)) / 4;
        assertThat(loss).isFinite().isCloseTo(expected, within(1e-9));
        double[][] gradient = ReferenceLoss.BCE.gradient(p, y);
        assertAllFinite(gradient, "gradient");
        assertThat(gradient[0][0]).isNegative();
        assertThat(gradient[0][1]).isPositive();
    }

    @Test
    void aTrainingStepThroughASaturatedSigmoidStaysFinite() {
        ReferenceNetwork network = new ReferenceNetwork(List.of(
                new DenseSpec(new double[][] {{400, -400}}, new double[] {0}, "sigmoid")));
        double[][] x = {{1, -1}, {-1, 1}};
        for (ReferenceLoss loss : List.of(ReferenceLoss.BCE, ReferenceLoss.MSE)) {
            Trace trace = network.trainStep(x, new double[][] {{0}, {1}}, loss, 1, 0.1);
            assertThat(trace.layers().get(0).z()[0][0]).isEqualTo(800);
            assertThat(trace.loss()).isFinite();
            assertThat(trace.lossAfter()).isFinite();
            for (String q : List.of("output", "lossGradient", "layers[0].dZ", "layers[0].dW", "layers[0].db",
                    "layers[0].dX", "layers[0].weightsAfter", "layers[0].biasAfter")) {
                assertAllFinite(trace.quantity(q), loss + " " + q);
            }
        }
    }
}
