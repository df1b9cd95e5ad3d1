package backprop.nn;

/**
 * A loss L(prediction, target) over a batch (one sample per row), and its gradient.
 *
 * <p>Order of use: forward the batch through the network, then {@link #value} to report how wrong
 * it is, then {@link #gradient} to start the backward pass.
 *
 * <p>Every loss in this course is a <b>mean over the batch</b>, so its gradient carries the factor
 * 1/N (or 1/(N·K) for losses averaged over all N·K elements) and the layers must not divide again.
 */
public interface Loss {

    /** The loss, a single number. Given. */
    double value(Matrix prediction, Matrix target);

    /**
     * dL/dprediction, with the shape of {@code prediction}. Yours to implement.
     */
    Matrix gradient(Matrix prediction, Matrix target);

    /** A short name used in feedback, for example {@code "mse"}. */
    String name();

    /** Throws an exception that prints both shapes unless {@code prediction} and {@code target} match. */
    static void requireSameShape(Matrix prediction, Matrix target, String loss) {
        if (prediction == null || target == null) {
            throw new IllegalArgumentException(loss + ": prediction and target must not be null");
        }
        if (prediction.rows() != target.rows() || prediction.cols() != target.cols()) {
            throw new IllegalArgumentException(loss + ": prediction is " + prediction.shape()
                    + " but target is " + target.shape() + "; they must have the same shape");
        }
    }
}
