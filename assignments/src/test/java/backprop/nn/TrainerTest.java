package backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Trainer.trainStep and Trainer.fit: the order of forward, loss, backward and step (with a
 * {@link RecordingLayer} and a logging loss), then on a small regression network
 * (3 → 5 tanh → 1 identity, mean squared error, 8 samples).
 */
@org.junit.jupiter.api.extension.ExtendWith(WhatToDoNext.class)
@DisplayName("Trainer")
class TrainerTest {
    private static final long SEED = 11;
    private static final double LEARNING_RATE = 0.1;
    private static final String CONTEXT = "3 → 5 tanh → 1 identity, mse, 8 samples, learning rate 0.1, seed 11";

    private static final Matrix X = GradientCheck.gaussian(8, 3, SEED);
    private static final Matrix Y = X.times(Matrix.of(new double[][] {{0.5}, {-1.0}, {0.25}})).map(Math::sin);

    private static Network regressionNetwork() {
        Random random = new Random(SEED + 1);
        return Network.of(DenseLayer.random(3, 5, new Tanh(), random), DenseLayer.random(5, 1, new Identity(), random));
    }

    /** A loss that logs its calls: value = Σ (ŷ − y), gradient = ŷ − y. */
    private static final class LoggingLoss implements Loss {
        private final List<String> log;

        LoggingLoss(List<String> log) {
            this.log = log;
        }

        @Override
        public double value(Matrix prediction, Matrix target) {
            log.add("loss.value");
            return prediction.minus(target).sum();
        }

        @Override
        public Matrix gradient(Matrix prediction, Matrix target) {
            log.add("loss.gradient");
            return prediction.minus(target);
        }

        @Override
        public String name() {
            return "logging";
        }
    }

    // ---- order of the calls ---------------------------------------------------------------

    @Test
    void trainStepDoesForwardThenBackwardThenStep() {
        List<String> log = new ArrayList<>();
        RecordingLayer layer = new RecordingLayer("layer", 2, log);
        Matrix inputs = Matrix.of(new double[][] {{1, 2}, {3, 4}});
        Matrix targets = Matrix.of(new double[][] {{1, 1}, {1, 1}});
        new Trainer(new LoggingLoss(log), 0.5).trainStep(Network.of(layer), inputs, targets);

        List<String> layerCalls = log.stream().filter(s -> s.startsWith("layer.")).toList();
        assertThat(layerCalls).as("Trainer.trainStep: the calls of a one-layer network's layer, in order (the whole log: %s)", log)
                .containsExactly("layer.forward", "layer.backward", "layer.step(0.5)");
        assertThat(log.indexOf("loss.gradient")).as("Trainer.trainStep must call loss.gradient before backward (log: %s)", log)
                .isBetween(log.indexOf("layer.forward") + 1, log.indexOf("layer.backward") - 1);
        // the layer doubles its input, so the prediction is 2·inputs and loss.gradient returns 2·inputs − targets
        assertThat(layer.lastGradOutput).as("Trainer.trainStep: the gradOutput passed to backward (= loss.gradient(prediction, targets))")
                .isEqualTo(inputs.scale(2).minus(targets));
    }

    @Test
    void trainStepReturnsTheLossOfThePredictionBeforeTheStep() {
        List<String> log = new ArrayList<>();
        Matrix inputs = Matrix.of(new double[][] {{1, 2}, {3, 4}});
        Matrix targets = Matrix.of(new double[][] {{1, 1}, {1, 1}});
        double loss = new Trainer(new LoggingLoss(log), 0.5)
                .trainStep(Network.of(new RecordingLayer("layer", 2, log)), inputs, targets);
        assertThat(loss).as("Trainer.trainStep: the returned loss, Σ (2·inputs − targets) = 2·10 − 4 with the logging loss")
                .isCloseTo(16.0, within(1e-12));
    }

    // ---- on a real network ----------------------------------------------------------------

    @Test
    void trainStepReturnsTheLossBeforeTheStep() {
        MeanSquaredError mse = new MeanSquaredError();
        Network network = regressionNetwork();
        double expected = mse.value(network.forward(X), Y);
        double returned = new Trainer(mse, LEARNING_RATE).trainStep(network, X, Y);
        assertThat(returned).as("Trainer.trainStep: the returned loss must be the loss before the step (%s)", CONTEXT)
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void trainStepLowersTheLoss() {
        MeanSquaredError mse = new MeanSquaredError();
        Network network = regressionNetwork();
        double before = new Trainer(mse, LEARNING_RATE).trainStep(network, X, Y);
        double after = mse.value(network.forward(X), Y);
        assertThat(after).as("Trainer.trainStep: the loss after one step must be lower than before it, %s (%s)", before, CONTEXT)
                .isLessThan(before);
    }

    @Test
    void trainStepTakesExactlyOneGradientStep() {
        MeanSquaredError mse = new MeanSquaredError();
        Network trained = regressionNetwork();
        new Trainer(mse, LEARNING_RATE).trainStep(trained, X, Y);

        Network byHand = regressionNetwork();
        Matrix prediction = byHand.forward(X);
        byHand.backward(mse.gradient(prediction, Y));
        byHand.step(LEARNING_RATE);
        for (int k = 0; k < 2; k++) {
            DenseLayer expected = (DenseLayer) byHand.layers().get(k);
            DenseLayer actual = (DenseLayer) trained.layers().get(k);
            GradientCheck.assertMatrixClose("Trainer.trainStep: W of layer " + (k + 1),
                    "the same as forward, backward(mse.gradient), step(0.1) by hand; " + CONTEXT,
                    expected.weights(), actual.weights(), 1e-12);
            GradientCheck.assertMatrixClose("Trainer.trainStep: b of layer " + (k + 1),
                    "the same as forward, backward(mse.gradient), step(0.1) by hand; " + CONTEXT,
                    expected.bias(), actual.bias(), 1e-12);
        }
    }

    @Test
    void fitReturnsOneLossPerEpoch() {
        double[] history = new Trainer(new MeanSquaredError(), LEARNING_RATE).fit(regressionNetwork(), X, Y, 25);
        assertThat(history).as("Trainer.fit(..., 25 epochs): the loss history").isNotNull();
        assertThat(history.length).as("Trainer.fit(..., 25 epochs): length of the loss history").isEqualTo(25);
    }

    @Test
    void fitRecordsTheLossBeforeEachStep() {
        MeanSquaredError mse = new MeanSquaredError();
        Trainer trainer = new Trainer(mse, LEARNING_RATE);
        double[] history = trainer.fit(regressionNetwork(), X, Y, 10);

        Network stepByStep = regressionNetwork();
        double[] expected = new double[10];
        for (int epoch = 0; epoch < 10; epoch++) {
            expected[epoch] = trainer.trainStep(stepByStep, X, Y);
        }
        assertThat(history).as("Trainer.fit(..., 10 epochs): the loss history must be the losses trainStep returns, "
                + "one per epoch (%s)", CONTEXT).containsExactly(expected, within(1e-12));
    }

    @Test
    void fitLowersTheLoss() {
        MeanSquaredError mse = new MeanSquaredError();
        Network network = regressionNetwork();
        double initial = mse.value(network.forward(X), Y);
        double[] history = new Trainer(mse, LEARNING_RATE).fit(network, X, Y, 200);
        double trained = mse.value(network.forward(X), Y);
        assertThat(history[0]).as("Trainer.fit: history[0] is the loss before any step (%s)", CONTEXT)
                .isCloseTo(initial, within(1e-12));
        assertThat(trained).as("Trainer.fit(..., 200 epochs): the loss after training must be below half the initial %s (%s)",
                initial, CONTEXT).isLessThan(initial / 2);
    }
}
