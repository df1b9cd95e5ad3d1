package backprop.reference;

/**
 * The parameters of one dense layer, A = f(X·Wᵀ + b): weights out × in, bias of length out.
 * Arrays are copied in and out, so a spec never changes after construction.
 */
public record DenseSpec(double[][] weights, double[] bias, ReferenceActivation activation) {

    public DenseSpec {
        Matrices.requireRectangular(weights, "weights");
        if (bias == null) {
            throw new IllegalArgumentException("bias must not be null (weights are " + Matrices.shape(weights)
                    + ", out x in, so the bias needs length " + weights.length + ")");
        }
        if (bias.length != weights.length) {
            throw new IllegalArgumentException("weights are " + Matrices.shape(weights) + " (out x in), so the bias needs "
                    + "length " + weights.length + ", but it has length " + bias.length);
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        weights = Matrices.copy(weights);
        bias = bias.clone();
    }

    /** Convenience: the activation given by its student name, e.g. {@code "relu"}. */
    public DenseSpec(double[][] weights, double[] bias, String activation) {
        this(weights, bias, ReferenceActivation.parse(activation));
    }

    @Override
    public double[][] weights() {
        return Matrices.copy(weights);
    }

    @Override
    public double[] bias() {
        return bias.clone();
    }

    /** Inputs per sample (columns of W). */
    public int inputs() {
        return weights[0].length;
    }

    /** Outputs per sample (rows of W). */
    public int outputs() {
        return weights.length;
    }

    @Override
    public String toString() {
        return "DenseSpec[" + outputs() + "x" + inputs() + ", " + activation.name() + "]";
    }
}
