package backprop.nn;

import java.util.Random;

/**
 * A fully connected layer with an activation: Z = X·Wᵀ + b, A = f(Z).
 *
 * <p>Shapes, for a batch of N samples: X is N × in, W is out × in, b is 1 × out, Z and A are
 * N × out. This is the batch form of the documents' single-sample z = W·x + b, and the
 * {@code Z1 = X @ W1.T + b1} of {@code 003_f9e6b739e51f3737.txt}.
 */
public final class DenseLayer implements Layer {
    private Matrix weights;
    private Matrix bias;
    private final Activation activation;

    private Matrix input;          // X of the last forward pass
    private Matrix preActivation;  // Z of the last forward pass
    private Matrix gradWeights;    // dL/dW of the last backward pass
    private Matrix gradBias;       // dL/db of the last backward pass

    /** A layer with the given out × in weights and 1 × out bias. */
    public DenseLayer(Matrix weights, Matrix bias, Activation activation) {
        if (weights == null || bias == null || activation == null) {
            throw new IllegalArgumentException("weights, bias and activation must not be null");
        }
        if (bias.rows() != 1 || bias.cols() != weights.rows()) {
            throw new IllegalArgumentException("weights are " + weights.shape() + " (out x in), so the bias must be 1x"
                    + weights.rows() + ", but it is " + bias.shape());
        }
        this.weights = weights;
        this.bias = bias;
        this.activation = activation;
    }

    /**
     * A layer with Gaussian weights of standard deviation 1/√in (keeps Z of order 1) and zero bias.
     */
    public static DenseLayer random(int in, int out, Activation activation, Random random) {
        return new DenseLayer(Matrix.gaussian(out, in, 1.0 / Math.sqrt(in), random), Matrix.zeros(1, out), activation);
    }

    /** A = f(X·Wᵀ + b). Remembers X and Z for {@link #backward}. Given. */
    @Override
    public Matrix forward(Matrix input) {
        if (input == null || input.cols() != weights.cols()) {
            throw new IllegalArgumentException("this layer takes " + weights.cols() + " inputs per sample (weights are "
                    + weights.shape() + "), but the input is " + (input == null ? "null" : input.shape()));
        }
        this.input = input;
        this.preActivation = input.times(weights.transpose()).plusRow(bias);
        return activation.value(preActivation);
    }

    /**
     * Backpropagates through f and the weighted sum. With G = dL/dA (N × out):
     * <pre>
     *   dZ = G ⊙ f'(Z)        N × out   (f' at the pre-activation Z)
     *   dW = dZᵀ · X          out × in  (same shape as W)
     *   db = column sums of dZ  1 × out (sum, not mean: the loss already averaged)
     *   dX = dZ · W           N × in    (returned)
     * </pre>
     * Sources: "Backward Pass Steps 3–6" of {@code 001_69cf991a5fec35a8.txt} for one sample;
     * the batch code of {@code 003_f9e6b739e51f3737.txt} ({@code delta_hidden}, {@code dW1}).
     * Stores dW and dB for {@link #gradWeights()}, {@link #gradBias()} and {@link #step}; must not
     * change W, b, X or {@code gradOutput}.
     */
    @Override
    public Matrix backward(Matrix gradOutput) {
        if (preActivation == null) {
            throw new IllegalStateException("backward called before forward: there is no batch to backpropagate");
        }
        if (gradOutput == null || !gradOutput.hasShape(preActivation.rows(), preActivation.cols())) {
            throw new IllegalArgumentException("gradOutput must have the shape of this layer's output, "
                    + preActivation.shape() + ", but it is " + (gradOutput == null ? "null" : gradOutput.shape()));
        }
        Matrix dZ = gradOutput.hadamard(activation.derivative(preActivation));
        gradWeights = dZ.transpose().times(input);
        gradBias = dZ.sumRows();
        double[][] dx = new double[dZ.rows()][weights.cols()];
        for (int n = 0; n < dZ.rows(); n++) {
            for (int i = 0; i < weights.cols(); i++) {
                for (int o = 0; o < weights.rows(); o++) {
                    dx[n][i] = dZ.get(n, o) * weights.get(o, i); // = where += belongs
                }
            }
        }
        return Matrix.of(dx);
    }

    /**
     * W ← W − η·dW and b ← b − η·db, using the gradients of the last {@link #backward}: the update
     * rule of "Gradient Descent: Rolling Downhill" in {@code 000_4b3603e6f7e37e7d.txt} and "The Weight
     * Update" in {@code 001_69cf991a5fec35a8.txt} (w₁₂: 0.3 − 0.1 × (−0.045) = 0.3045).
     */
    @Override
    public void step(double learningRate) {
        if (gradWeights == null || gradBias == null) {
            throw new IllegalStateException("step called before backward: there are no gradients to apply");
        }
        weights = weights.minus(gradWeights.scale(learningRate));
        bias = bias.minus(gradBias.scale(learningRate));
    }

    public Matrix weights() {
        return weights;
    }

    public Matrix bias() {
        return bias;
    }

    public Activation activation() {
        return activation;
    }

    /** dL/dW from the last backward pass (out × in), or null before the first one. */
    public Matrix gradWeights() {
        return gradWeights;
    }

    /** dL/db from the last backward pass (1 × out), or null before the first one. */
    public Matrix gradBias() {
        return gradBias;
    }

    /** Z of the last forward pass, or null before the first one. */
    public Matrix preActivation() {
        return preActivation;
    }

    /** Setters used by gradient checks to perturb one parameter. */
    public void setWeights(Matrix weights) {
        if (!weights.hasShape(this.weights.rows(), this.weights.cols())) {
            throw new IllegalArgumentException("new weights are " + weights.shape() + " but must be " + this.weights.shape());
        }
        this.weights = weights;
    }

    public void setBias(Matrix bias) {
        if (!bias.hasShape(1, this.bias.cols())) {
            throw new IllegalArgumentException("new bias is " + bias.shape() + " but must be " + this.bias.shape());
        }
        this.bias = bias;
    }
}
