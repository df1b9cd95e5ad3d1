package backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Network.backward and Network.step: first with {@link RecordingLayer}s, which only check the
 * order of the calls and what is passed from layer to layer, then with two real dense layers
 * (3 inputs → 5 tanh → 2 sigmoid, batch of 4) against finite differences.
 */
@org.junit.jupiter.api.extension.ExtendWith(WhatToDoNext.class)
@DisplayName("Network")
class NetworkTest {
    private static final long SEED = 7;
    private static final String CONTEXT = "3 → 5 tanh → 2 sigmoid, batch 4, Gaussian upstream G, seed 7";

    private static final Matrix X = GradientCheck.gaussian(4, 3, SEED);
    private static final Matrix G = GradientCheck.gaussian(4, 2, SEED + 1);

    /** A fresh 3 → 5 tanh → 2 sigmoid network, with non-zero biases; the same one for the same seed. */
    private static Network twoLayers() {
        Random random = new Random(SEED + 2);
        DenseLayer hidden = new DenseLayer(Matrix.gaussian(5, 3, 0.6, random), Matrix.gaussian(1, 5, 0.3, random), new Tanh());
        DenseLayer output = new DenseLayer(Matrix.gaussian(2, 5, 0.5, random), Matrix.gaussian(1, 2, 0.3, random), new Sigmoid());
        return Network.of(hidden, output);
    }

    private static DenseLayer dense(Network network, int index) {
        return (DenseLayer) network.layers().get(index);
    }

    // ---- order of the calls ---------------------------------------------------------------

    @Test
    void backwardVisitsTheLayersLastToFirst() {
        List<String> log = new ArrayList<>();
        Network network = Network.of(new RecordingLayer("layer1", 2, log), new RecordingLayer("layer2", 3, log),
                new RecordingLayer("layer3", 5, log));
        network.forward(Matrix.row(1, 1));
        log.clear();
        network.backward(Matrix.row(1, -1));
        assertThat(log).as("Network.backward: the layers' backward calls, in order (3 layers)")
                .containsExactly("layer3.backward", "layer2.backward", "layer1.backward");
    }

    @Test
    void backwardPassesEachLayersGradientToTheLayerBelow() {
        List<String> log = new ArrayList<>();
        RecordingLayer first = new RecordingLayer("layer1", 2, log);
        RecordingLayer second = new RecordingLayer("layer2", 3, log);
        RecordingLayer third = new RecordingLayer("layer3", 5, log);
        Network network = Network.of(first, second, third);
        network.forward(Matrix.row(1, 1));
        Matrix dX = network.backward(Matrix.row(1, -1));
        // layer k returns factor_k · its gradOutput, so the gradients are multiplied by 5, then 3, then 2
        assertThat(third.lastGradOutput).as("Network.backward: gradOutput received by layer3 (the network's own)")
                .isEqualTo(Matrix.row(1, -1));
        assertThat(second.lastGradOutput).as("Network.backward: gradOutput received by layer2 (= what layer3.backward returned)")
                .isEqualTo(Matrix.row(5, -5));
        assertThat(first.lastGradOutput).as("Network.backward: gradOutput received by layer1 (= what layer2.backward returned)")
                .isEqualTo(Matrix.row(15, -15));
        assertThat(dX).as("Network.backward: the returned dL/dInput (= what layer1.backward returned)")
                .isEqualTo(Matrix.row(30, -30));
    }

    @Test
    void stepStepsEveryLayerOnceWithTheLearningRate() {
        List<String> log = new ArrayList<>();
        Network network = Network.of(new RecordingLayer("layer1", 2, log), new RecordingLayer("layer2", 3, log),
                new RecordingLayer("layer3", 5, log));
        network.step(0.25);
        assertThat(log).as("Network.step(0.25): the layers' step calls (3 layers, each exactly once)")
                .containsExactlyInAnyOrder("layer1.step(0.25)", "layer2.step(0.25)", "layer3.step(0.25)");
    }

    // ---- finite differences through two dense layers --------------------------------------

    @Test
    void backwardStoresTheGradientsOfBothLayers() {
        Network network = twoLayers();
        network.forward(X);
        network.backward(G);
        Matrix[] analytic = {
            dense(network, 0).gradWeights(), dense(network, 0).gradBias(),
            dense(network, 1).gradWeights(), dense(network, 1).gradBias(),
        };

        // each parameter gets a fresh copy of the network, so that no perturbation is left behind
        Matrix[] numeric = {
            numericGradient(0, true), numericGradient(0, false), numericGradient(1, true), numericGradient(1, false),
        };
        String[] names = {"dW of layer 1 (5x3)", "db of layer 1 (1x5)", "dW of layer 2 (2x5)", "db of layer 2 (1x2)"};
        for (int k = 0; k < names.length; k++) {
            GradientCheck.assertGradientMatches("Network.backward: " + names[k], CONTEXT, analytic[k], numeric[k]);
        }
    }

    /** Finite differences of the probe Σ G ⊙ forward(X) for the weights (or bias) of layer {@code index}. */
    private static Matrix numericGradient(int index, boolean weights) {
        Network probe = twoLayers();
        DenseLayer layer = dense(probe, index);
        if (weights) {
            return GradientCheck.numericGradient(w -> {
                layer.setWeights(w);
                return GradientCheck.probe(G, probe.forward(X));
            }, layer.weights());
        }
        return GradientCheck.numericGradient(b -> {
            layer.setBias(b);
            return GradientCheck.probe(G, probe.forward(X));
        }, layer.bias());
    }

    @Test
    void backwardReturnsTheGradientOfTheNetworksInput() {
        Network network = twoLayers();
        network.forward(X);
        Matrix analytic = network.backward(G);

        Network probe = twoLayers();
        Matrix numeric = GradientCheck.numericGradient(x -> GradientCheck.probe(G, probe.forward(x)), X);
        GradientCheck.assertGradientMatches("Network.backward: returned dX (4x3)", CONTEXT, analytic, numeric);
    }

    @Test
    void backwardThroughMeanSquaredErrorMatchesFiniteDifferencesOfTheLoss() {
        MeanSquaredError mse = new MeanSquaredError();
        Matrix targets = Matrix.of(new double[][] {{0, 1}, {1, 0}, {0.5, 0.5}, {1, 1}});
        Network network = twoLayers();
        Matrix prediction = network.forward(X);
        network.backward(mse.gradient(prediction, targets));
        Matrix analytic = dense(network, 0).gradWeights();

        Network probe = twoLayers();
        Matrix numeric = GradientCheck.numericGradient(w -> {
            dense(probe, 0).setWeights(w);
            return mse.value(probe.forward(X), targets);
        }, dense(network, 0).weights());
        GradientCheck.assertGradientMatches("Network.backward after MeanSquaredError.gradient: dW of layer 1 (5x3)",
                "3 → 5 tanh → 2 sigmoid, batch 4, mse, seed 7", analytic, numeric);
    }

    @Test
    void stepMovesTheParametersOfEveryLayer() {
        Network network = twoLayers();
        Network untouched = twoLayers();
        network.forward(X);
        network.backward(G);
        network.step(0.1);
        for (int k = 0; k < 2; k++) {
            DenseLayer layer = dense(network, k);
            DenseLayer before = dense(untouched, k);
            assertThat(layer.gradWeights()).as("Network.backward left no dW in layer %d", k + 1).isNotNull();
            GradientCheck.assertMatrixClose("Network.step(0.1): W of layer " + (k + 1), "W − 0.1·dW, " + CONTEXT,
                    before.weights().minus(layer.gradWeights().scale(0.1)), layer.weights(), 1e-12);
            GradientCheck.assertMatrixClose("Network.step(0.1): b of layer " + (k + 1), "b − 0.1·db, " + CONTEXT,
                    before.bias().minus(layer.gradBias().scale(0.1)), layer.bias(), 1e-12);
        }
    }
}
