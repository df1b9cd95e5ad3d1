package backprop.nn;

import java.util.List;

/**
 * A sequence of layers: the output of each is the input of the next.
 *
 * <p>Order of use: {@link #forward}, then {@link #backward} with dL/dOutput from a {@link Loss},
 * then {@link #step}. {@link Trainer} repeats that.
 */
public final class Network {
    private final List<Layer> layers;

    public Network(List<Layer> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    public static Network of(Layer... layers) {
        return new Network(List.of(layers));
    }

    /** The layers, first (input side) to last (output side). */
    public List<Layer> layers() {
        return layers;
    }

    /** Feeds {@code input} through every layer in order. Given. */
    public Matrix forward(Matrix input) {
        Matrix a = input;
        for (Layer layer : layers) {
            a = layer.forward(a);
        }
        return a;
    }

    /**
     * Backpropagates dL/dOutput through every layer, <b>last to first</b>, each layer's returned
     * gradient becoming the next one's {@code gradOutput}; returns dL/dInput of the first layer.
     * Source: "The Complete Picture" of {@code 002_fd0fc83796376f1d.txt}.
     */
    public Matrix backward(Matrix gradOutput) {
        Matrix g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            layers.get(i).backward(g); // the returned gradient is dropped
        }
        return g;
    }

    /**
     * One gradient-descent step on every layer's parameters (each layer's {@link Layer#step}), after
     * {@link #backward}: "Update the Weights" in {@code 002_fd0fc83796376f1d.txt}.
     */
    public void step(double learningRate) {
        for (Layer layer : layers) {
            layer.step(learningRate);
        }
    }
}
