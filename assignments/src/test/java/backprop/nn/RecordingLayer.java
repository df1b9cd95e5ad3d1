package backprop.nn;

import java.util.List;

/**
 * A test double for {@link Layer}: multiplies its input by {@code factor} going forward and its
 * gradient by {@code factor} going backward (so it is the layer y = factor·x, with exact
 * gradients), and writes every call into a shared log, so that tests can check the order in which
 * Network and Trainer call their layers and what they pass along.
 */
final class RecordingLayer implements Layer {
    private final String name;
    private final double factor;
    private final List<String> log;
    Matrix lastGradOutput;

    RecordingLayer(String name, double factor, List<String> log) {
        this.name = name;
        this.factor = factor;
        this.log = log;
    }

    @Override
    public Matrix forward(Matrix input) {
        log.add(name + ".forward");
        return input.scale(factor);
    }

    @Override
    public Matrix backward(Matrix gradOutput) {
        log.add(name + ".backward");
        lastGradOutput = gradOutput;
        return gradOutput.scale(factor);
    }

    @Override
    public void step(double learningRate) {
        log.add(name + ".step(" + learningRate + ")");
    }

    @Override
    public String toString() {
        return name;
    }
}
