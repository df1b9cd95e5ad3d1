package backprop.nn;

/**
 * Binary cross-entropy on probabilities p (the outputs of a sigmoid), averaged over all N·K
 * elements: L = −(1/(N·K)) Σ [y·log p + (1 − y)·log(1 − p)].
 *
 * <p>Probabilities are clamped into [{@link #EPSILON}, 1 − {@link #EPSILON}] so that p = 0 or p = 1
 * give a large but finite loss and gradient instead of Infinity or NaN.
 */
public final class BinaryCrossEntropy implements Loss {
    /** The clamp keeping log and division away from 0. */
    public static final double EPSILON = 1e-12;

    /** p clamped into [ε, 1 − ε]. */
    public static double clamp(double p) {
        return Math.min(Math.max(p, EPSILON), 1.0 - EPSILON);
    }

    @Override
    public double value(Matrix prediction, Matrix target) {
        Loss.requireSameShape(prediction, target, "bce");
        double total = 0;
        for (int i = 0; i < prediction.rows(); i++) {
            for (int j = 0; j < prediction.cols(); j++) {
                double p = clamp(prediction.get(i, j));
                double y = target.get(i, j);
                total -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
            }
        }
        return total / (prediction.rows() * prediction.cols());
    }

    /**
     * dL/dp = (p − y) / (p·(1 − p)) / (N·K), with p clamped as in {@link #value}.
     *
     * <p>Through a sigmoid, the factor p(1 − p) cancels and dL/dz = (p − y)/(N·K): the "BCE + sigmoid
     * cancel" of "Phase 1" in {@code 003_f9e6b739e51f3737.txt}. This method returns dL/dp; the cancellation
     * happens when your dense layer multiplies by σ'(z).
     */
    @Override
    public Matrix gradient(Matrix prediction, Matrix target) {
        Loss.requireSameShape(prediction, target, "bce");
        double n = prediction.rows() * prediction.cols();
        double[][] g = new double[prediction.rows()][prediction.cols()];
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g[i].length; j++) {
                double q = clamp(prediction.get(i, j));
                g[i][j] = (q - target.get(i, j)) / (q * (1 - q)) / n;
            }
        }
        return Matrix.of(g);
    }

    @Override
    public String name() {
        return "bce";
    }
}
