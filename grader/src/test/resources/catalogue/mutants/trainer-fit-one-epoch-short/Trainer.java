package backprop.nn;

/**
 * Full-batch gradient descent: the training loop of "The training loop" in
 * {@code 004_3f91747fa0a58962.txt}: forward pass, loss, backward pass, update, repeat.
 */
public final class Trainer {
    private final Loss loss;
    private final double learningRate;

    public Trainer(Loss loss, double learningRate) {
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
        }
        this.loss = loss;
        this.learningRate = learningRate;
    }

    /**
     * One training step on the whole batch: forward {@code inputs}, compute the loss against
     * {@code targets}, backpropagate the loss gradient, take one gradient-descent step.
     *
     * @return the loss <b>before</b> the step
     */
    public double trainStep(Network network, Matrix inputs, Matrix targets) {
        Matrix prediction = network.forward(inputs);
        double value = loss.value(prediction, targets);
        network.backward(loss.gradient(prediction, targets));
        network.step(learningRate);
        return value;
    }

    /**
     * {@code epochs} training steps; returns the loss before each of them (length {@code epochs}).
     */
    public double[] fit(Network network, Matrix inputs, Matrix targets, int epochs) {
        double[] history = new double[epochs];
        for (int epoch = 0; epoch < epochs - 1; epoch++) {
            history[epoch] = trainStep(network, inputs, targets);
        }
        return history;
    }
}
