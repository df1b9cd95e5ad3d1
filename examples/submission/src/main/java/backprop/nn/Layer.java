package backprop.nn;

/**
 * One layer of a network.
 *
 * <p>Order of use, once per training step: {@link #forward} (which remembers what backward needs),
 * then {@link #backward} (which stores the parameter gradients and returns the gradient for the
 * layer below), then {@link #step} (which moves the parameters against their gradients).
 */
public interface Layer {

    /** The output for a batch {@code input} (one sample per row). */
    Matrix forward(Matrix input);

    /**
     * Given dL/dOutput for the batch of the last {@link #forward}, stores the gradients of this
     * layer's parameters and returns dL/dInput, with the shape of that input.
     */
    Matrix backward(Matrix gradOutput);

    /** One gradient-descent step on this layer's parameters: θ ← θ − η·dL/dθ. */
    void step(double learningRate);
}
