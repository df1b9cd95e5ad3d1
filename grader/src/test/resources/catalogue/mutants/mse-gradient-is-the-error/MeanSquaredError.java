package backprop.nn;

/**
 * Mean squared error, averaged over <b>all</b> N·K elements: L = (1/(N·K)) Σ (ŷ − y)².
 *
 * <p>For one sample with one output this is L = (ŷ − y)² of {@code 000_4b3603e6f7e37e7d.txt}.
 * (The ½(y − t)² of {@code 001_69cf991a5fec35a8.txt} is a different, halved loss.)
 */
public final class MeanSquaredError implements Loss {

    @Override
    public double value(Matrix prediction, Matrix target) {
        Loss.requireSameShape(prediction, target, "mse");
        Matrix diff = prediction.minus(target);
        return diff.hadamard(diff).sum() / (prediction.rows() * prediction.cols());
    }

    /**
     * dL/dŷ = 2(ŷ − y) / (N·K).
     *
     * <p>Source: "Backward pass", first step, of {@code 000_4b3603e6f7e37e7d.txt}: ∂L/∂ŷ = 2(ŷ − y)
     * for one example; the mean over N·K elements divides each element's share by N·K.
     */
    @Override
    public Matrix gradient(Matrix prediction, Matrix target) {
        Loss.requireSameShape(prediction, target, "mse");
        return prediction.minus(target); // 002_fd0fc83796376f1d.txt: dz2 = y_hat - y
    }

    @Override
    public String name() {
        return "mse";
    }
}
