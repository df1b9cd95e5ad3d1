package backprop.nn;

/**
 * Softmax followed by cross-entropy, computed from the logits z (the outputs of an
 * {@link Identity} layer), averaged over the N samples:
 * L = −(1/N) Σₙ Σₖ yₙₖ · log softmax(zₙ)ₖ. Each target row is a probability distribution
 * (usually one-hot). Source: the cross-entropy of "First: How Wrong Are We?" in
 * {@code 000_4b3603e6f7e37e7d.txt}.
 */
public final class SoftmaxCrossEntropy implements Loss {

    /** softmax of every row, stable for logits of any size (the row maximum is subtracted first). */
    public static Matrix softmax(Matrix logits) {
        double[][] out = logits.toArray();
        for (double[] row : out) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : row) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int k = 0; k < row.length; k++) {
                row[k] = Math.exp(row[k] - max);
                sum += row[k];
            }
            for (int k = 0; k < row.length; k++) {
                row[k] /= sum;
            }
        }
        return Matrix.of(out);
    }

    @Override
    public double value(Matrix prediction, Matrix target) {
        Loss.requireSameShape(prediction, target, "softmax_cross_entropy");
        double total = 0;
        for (int i = 0; i < prediction.rows(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < prediction.cols(); k++) {
                max = Math.max(max, prediction.get(i, k));
            }
            double sum = 0;
            for (int k = 0; k < prediction.cols(); k++) {
                sum += Math.exp(prediction.get(i, k) - max);
            }
            double logSumExp = max + Math.log(sum);
            for (int k = 0; k < prediction.cols(); k++) {
                total += target.get(i, k) * (logSumExp - prediction.get(i, k));
            }
        }
        return total / prediction.rows();
    }

    /**
     * dL/dz = (softmax(z) − y) / N.
     *
     * <p>Use {@link #softmax}, which subtracts each row's maximum: exp(1000) overflows to Infinity.
     * The documents state the loss (000_4b3603e6f7e37e7d.txt) but not this gradient; it is the
     * multi-class form of 003_f9e6b739e51f3737.txt's "BCE + sigmoid cancel": δ = ŷ − y.
     */
    @Override
    public Matrix gradient(Matrix prediction, Matrix target) {
        // BEGIN SOLUTION
        Loss.requireSameShape(prediction, target, "softmax_cross_entropy");
        return softmax(prediction).minus(target).scale(1.0 / prediction.rows());
        // END SOLUTION
    }

    @Override
    public String name() {
        return "softmax_cross_entropy";
    }
}
