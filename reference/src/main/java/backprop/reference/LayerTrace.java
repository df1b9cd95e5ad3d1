package backprop.reference;

/**
 * Everything one dense layer computed in one training step, in the shapes of the student API
 * (N samples, W out × in): input X (N × in), z = X·Wᵀ + b and a = f(z) (N × out),
 * derivative = f'(z) (N × out), dA = dL/da (the upstream gradient), dZ = dA ⊙ f'(z),
 * dW = dZᵀ·X (out × in), db = column sums of dZ (length out), dX = dZ·W (N × in), and the
 * parameters after W ← W − η·dW, b ← b − η·db. Arrays are copied in and out.
 */
public record LayerTrace(
        double[][] input,
        double[][] z,
        double[][] a,
        double[][] derivative,
        double[][] dA,
        double[][] dZ,
        double[][] dW,
        double[] db,
        double[][] dX,
        double[][] updatedWeights,
        double[] updatedBias) {

    public LayerTrace {
        input = Matrices.copy(input);
        z = Matrices.copy(z);
        a = Matrices.copy(a);
        derivative = Matrices.copy(derivative);
        dA = Matrices.copy(dA);
        dZ = Matrices.copy(dZ);
        dW = Matrices.copy(dW);
        dX = Matrices.copy(dX);
        updatedWeights = Matrices.copy(updatedWeights);
        db = db.clone();
        updatedBias = updatedBias.clone();
    }

    @Override
    public double[][] input() {
        return Matrices.copy(input);
    }

    @Override
    public double[][] z() {
        return Matrices.copy(z);
    }

    @Override
    public double[][] a() {
        return Matrices.copy(a);
    }

    @Override
    public double[][] derivative() {
        return Matrices.copy(derivative);
    }

    @Override
    public double[][] dA() {
        return Matrices.copy(dA);
    }

    @Override
    public double[][] dZ() {
        return Matrices.copy(dZ);
    }

    @Override
    public double[][] dW() {
        return Matrices.copy(dW);
    }

    @Override
    public double[][] dX() {
        return Matrices.copy(dX);
    }

    @Override
    public double[][] updatedWeights() {
        return Matrices.copy(updatedWeights);
    }

    @Override
    public double[] db() {
        return db.clone();
    }

    @Override
    public double[] updatedBias() {
        return updatedBias.clone();
    }
}
