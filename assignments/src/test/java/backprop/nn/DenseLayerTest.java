package backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DenseLayer.backward and DenseLayer.step on a small, deliberately non-square case: a batch of
 * N = 4 samples, 3 inputs, 5 outputs, so that mixing up rows and columns (or W and Wᵀ) shows up
 * as a wrong shape. The upstream gradient G = dL/dA is Gaussian, never all ones, so that a
 * backward that ignores G, or uses it in the wrong place, cannot pass.
 *
 * <p>The finite-difference checks treat L = Σ G ⊙ forward(X) as the loss: its gradient with
 * respect to the layer's output is exactly G, so backward(G) must return its dL/dX and store its
 * dL/dW and dL/db.
 */
@org.junit.jupiter.api.extension.ExtendWith(WhatToDoNext.class)
@DisplayName("DenseLayer")
class DenseLayerTest {
    private static final long SEED = 42;
    private static final int N = 4;
    private static final int IN = 3;
    private static final int OUT = 5;

    private static final Matrix X = GradientCheck.gaussian(N, IN, SEED);
    private static final Matrix W = GradientCheck.gaussian(OUT, IN, SEED + 1).scale(1 / Math.sqrt(IN));
    private static final Matrix B = GradientCheck.gaussian(1, OUT, SEED + 2).scale(0.5);
    private static final Matrix G = GradientCheck.gaussian(N, OUT, SEED + 3);

    static Stream<Named<Activation>> activations() {
        return Stream.of(new Identity(), new Sigmoid(), new Tanh(), new ReLU(), new LeakyReLU(0.1))
                .map(a -> Named.of(a.name(), a));
    }

    private static DenseLayer layer(Activation activation) {
        return new DenseLayer(W, B, activation);
    }

    private static String context(Activation activation) {
        return "X " + N + "x" + IN + ", W " + OUT + "x" + IN + ", " + activation.name() + ", Gaussian upstream G, seed " + SEED;
    }

    // ---- shapes ---------------------------------------------------------------------------

    @Test
    void backwardReturnsGradientsWithTheShapesOfWhatTheyDifferentiate() {
        DenseLayer layer = layer(new Tanh());
        layer.forward(X);
        Matrix dX = layer.backward(G);
        String context = " (X is 4x3, W is 5x3, b is 1x5, seed 42)";
        assertThat(dX).as("DenseLayer.backward: the returned dX" + context).isNotNull();
        assertThat(dX.shape()).as("DenseLayer.backward: shape of the returned dX = dZ·W (N x in)" + context)
                .isEqualTo("4x3");
        assertThat(layer.gradWeights()).as("DenseLayer.backward must store dW (gradWeights() is still null)" + context)
                .isNotNull();
        assertThat(layer.gradWeights().shape()).as("DenseLayer.backward: shape of dW = dZᵀ·X (out x in, like W)" + context)
                .isEqualTo("5x3");
        assertThat(layer.gradBias()).as("DenseLayer.backward must store db (gradBias() is still null)" + context)
                .isNotNull();
        assertThat(layer.gradBias().shape()).as("DenseLayer.backward: shape of db = column sums of dZ (1 x out, like b)" + context)
                .isEqualTo("1x5");
    }

    // ---- finite differences ---------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void backwardStoresTheWeightGradientOfFiniteDifferences(Activation activation) {
        DenseLayer layer = layer(activation);
        layer.forward(X);
        layer.backward(G);
        Matrix analytic = layer.gradWeights();

        DenseLayer probe = layer(activation);
        Matrix numeric = GradientCheck.numericGradient(w -> {
            probe.setWeights(w);
            return GradientCheck.probe(G, probe.forward(X));
        }, W);
        GradientCheck.assertGradientMatches("DenseLayer.backward: dW", context(activation), analytic, numeric);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void backwardStoresTheBiasGradientOfFiniteDifferences(Activation activation) {
        DenseLayer layer = layer(activation);
        layer.forward(X);
        layer.backward(G);
        Matrix analytic = layer.gradBias();

        DenseLayer probe = layer(activation);
        Matrix numeric = GradientCheck.numericGradient(b -> {
            probe.setBias(b);
            return GradientCheck.probe(G, probe.forward(X));
        }, B);
        GradientCheck.assertGradientMatches("DenseLayer.backward: db", context(activation), analytic, numeric);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void backwardReturnsTheInputGradientOfFiniteDifferences(Activation activation) {
        DenseLayer layer = layer(activation);
        layer.forward(X);
        Matrix analytic = layer.backward(G);

        DenseLayer probe = layer(activation);
        Matrix numeric = GradientCheck.numericGradient(x -> GradientCheck.probe(G, probe.forward(x)), X);
        GradientCheck.assertGradientMatches("DenseLayer.backward: returned dX", context(activation), analytic, numeric);
    }

    // ---- what backward must not do --------------------------------------------------------

    @Test
    void backwardDoesNotChangeTheParametersOrItsInputs() {
        DenseLayer layer = layer(new Sigmoid());
        Matrix gradOutput = G.scale(1.0);
        Matrix input = X.scale(1.0);
        layer.forward(input);
        Matrix z = layer.preActivation();
        layer.backward(gradOutput);
        assertThat(layer.weights()).as("DenseLayer.backward must not change W (only step updates it)").isEqualTo(W);
        assertThat(layer.bias()).as("DenseLayer.backward must not change b (only step updates it)").isEqualTo(B);
        assertThat(layer.preActivation()).as("DenseLayer.backward must not change the remembered Z").isEqualTo(z);
        assertThat(gradOutput).as("DenseLayer.backward must not change gradOutput").isEqualTo(G);
        assertThat(input).as("DenseLayer.backward must not change the input X").isEqualTo(X);
    }

    @Test
    void backwardTwiceGivesTheSameGradientsInsteadOfAccumulating() {
        DenseLayer layer = layer(new Tanh());
        layer.forward(X);
        Matrix dX1 = layer.backward(G);
        Matrix dW1 = layer.gradWeights();
        Matrix db1 = layer.gradBias();
        Matrix dX2 = layer.backward(G);
        String context = "second backward with the same G, tanh, seed 42";
        GradientCheck.assertMatrixClose("DenseLayer.backward: dW", context, dW1, layer.gradWeights(), 1e-12);
        GradientCheck.assertMatrixClose("DenseLayer.backward: db", context, db1, layer.gradBias(), 1e-12);
        GradientCheck.assertMatrixClose("DenseLayer.backward: returned dX", context, dX1, dX2, 1e-12);
    }

    // ---- step -----------------------------------------------------------------------------

    @Test
    void stepMovesEveryParameterAgainstItsGradient() {
        DenseLayer layer = layer(new Tanh());
        layer.forward(X);
        layer.backward(G);
        Matrix dW = layer.gradWeights();
        Matrix dB = layer.gradBias();
        double learningRate = 0.1;
        layer.step(learningRate);
        assertThat(dW).as("DenseLayer.backward stored no dW, so step has nothing to apply").isNotNull();
        assertThat(dB).as("DenseLayer.backward stored no db, so step has nothing to apply").isNotNull();
        GradientCheck.assertMatrixClose("DenseLayer.step: W after step(0.1)", "W − 0.1·dW, tanh, seed 42",
                W.minus(dW.scale(learningRate)), layer.weights(), 1e-12);
        GradientCheck.assertMatrixClose("DenseLayer.step: b after step(0.1)", "b − 0.1·db, tanh, seed 42",
                B.minus(dB.scale(learningRate)), layer.bias(), 1e-12);
    }

    @Test
    void stepTwiceMovesTwice() {
        DenseLayer layer = layer(new Sigmoid());
        layer.forward(X);
        layer.backward(G);
        Matrix dW = layer.gradWeights();
        layer.step(0.05);
        layer.step(0.05);
        assertThat(dW).as("DenseLayer.backward stored no dW").isNotNull();
        GradientCheck.assertMatrixClose("DenseLayer.step: W after two step(0.05)", "W − 2·0.05·dW, sigmoid, seed 42",
                W.minus(dW.scale(0.1)), layer.weights(), 1e-12);
    }

    @Test
    void aSmallStepLowersTheLoss() {
        DenseLayer layer = layer(new Tanh());
        double before = GradientCheck.probe(G, layer.forward(X));
        layer.backward(G);
        layer.step(1e-3);
        double after = GradientCheck.probe(G, layer.forward(X));
        assertThat(after).as("DenseLayer.step(0.001): the probe loss Σ G ⊙ A must go down after backward and step (tanh, seed 42)")
                .isLessThan(before);
    }
}
