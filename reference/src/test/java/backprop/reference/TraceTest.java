package backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a trace reports, and that neither the network nor the trace can be changed from outside. */
class TraceTest {
    private static final WorkedExample EXAMPLE = WorkedExamples.byId("001-worked-example");

    @Test
    void everyQuantityHasTheShapeOfTheStudentApi() {
        Trace t = EXAMPLE.run(); // 1 sample, 2 -> 2 -> 1
        assertThat(t.quantity("layers[0].dW")).hasDimensions(2, 2);
        assertThat(t.quantity("layers[1].dW")).hasDimensions(1, 2);
        assertThat(t.quantity("layers[0].db")).hasDimensions(1, 2);
        assertThat(t.quantity("layers[1].biasAfter")).hasDimensions(1, 1);
        assertThat(t.quantity("layers[0].dX")).hasDimensions(1, 2);
        assertThat(t.quantity("loss")).hasDimensions(1, 1);
        for (String q : Trace.LAYER_QUANTITIES) {
            assertThat(Trace.isQuantity("layers[1]." + q)).isTrue();
        }
        assertThat(Trace.isQuantity("layers[0].gradient")).isFalse();
    }

    @Test
    void lossScaleMultipliesLossAndGradientButLossUnscaledUndoesIt() {
        Trace t = EXAMPLE.run();
        double unscaled = ReferenceLoss.MSE.value(t.output(), EXAMPLE.y());
        assertThat(t.loss()).isEqualTo(0.5 * unscaled);
        assertThat(t.quantity("lossUnscaled")[0][0]).isCloseTo(unscaled, within(1e-15));
        assertThat(t.lossGradient()[0][0]).isCloseTo(t.output()[0][0] - 1.0, within(1e-15));
    }

    @Test
    void lossAfterIsTheLossOfTheUpdatedNetworkOnTheSameBatch() {
        ReferenceNetwork network = EXAMPLE.referenceNetwork();
        Trace t = network.trainStep(EXAMPLE.x(), EXAMPLE.y(), ReferenceLoss.MSE, 0.5, 0.1);
        ReferenceNetwork updated = network.withUpdates(t);
        assertThat(t.lossAfter()).isEqualTo(updated.loss(EXAMPLE.x(), EXAMPLE.y(), ReferenceLoss.MSE, 0.5));
        assertThat(t.lossAfter()).isLessThan(t.loss());
        assertThat(updated.layers().get(0).weights()).isDeepEqualTo(t.layers().get(0).updatedWeights());
    }

    @Test
    void anExplicitUpstreamGradientGivesTheSameBackwardPassAsTheLoss() {
        ReferenceNetwork network = EXAMPLE.referenceNetwork();
        Trace withLoss = EXAMPLE.run();
        Trace explicit = network.backpropagate(EXAMPLE.x(), withLoss.lossGradient(), EXAMPLE.learningRate());
        assertThat(explicit.quantity("layers[0].dW")).isDeepEqualTo(withLoss.quantity("layers[0].dW"));
        assertThat(explicit.loss()).isNaN();
    }

    @Test
    void arraysReturnedOrPassedInCannotChangeTheNetworkOrTheTrace() {
        double[][] w = {{1, 2}};
        DenseSpec spec = new DenseSpec(w, new double[] {0}, "identity");
        w[0][0] = 99;
        spec.weights()[0][1] = 99;
        assertThat(spec.weights()).isDeepEqualTo(new double[][] {{1, 2}});
        Trace t = new ReferenceNetwork(List.of(spec)).backpropagate(new double[][] {{1, 1}}, new double[][] {{1}}, 0.1);
        t.layers().get(0).dW()[0][0] = 99;
        t.output()[0][0] = 99;
        assertThat(t.layers().get(0).dW()).isDeepEqualTo(new double[][] {{1, 1}});
        assertThat(t.output()).isDeepEqualTo(new double[][] {{3}});
    }

    @Test
    void unprintedElementsOfAFixtureAreNaNAndSkipped() {
        Step w12 = EXAMPLE.steps().stream().filter(s -> s.name().equals("w₁₂_new")).findFirst().orElseThrow();
        assertThat(w12.printed()[0][0]).isNaN();
        assertThat(w12.printed()[0][1]).isEqualTo(0.3045);
        assertThat(w12.agreesWith(new double[][] {{123, 0.30446}, {4, 5}})).isTrue();
        assertThat(w12.agreesWith(new double[][] {{123, 0.3046}, {4, 5}})).isFalse();
    }
}
