package backprop.nn;

/** The hyperbolic tangent, squashing any z into (−1, 1). */
public final class Tanh implements Activation {

    @Override
    public double value(double z) {
        return Math.tanh(z);
    }

    /**
     * tanh'(z) = 1 − tanh²(z).
     *
     * <p>Careful: 1 − z² is wrong; the square is of tanh(z), not of z.
     */
    @Override
    public double derivative(double z) {
        // tanh'(z) = 1/cosh²(z) = 4/(e^z + e^(−z))²; for large |z| the sum is Infinity and the result 0
        double sum = Math.exp(z) + Math.exp(-z);
        return 4.0 / (sum * sum);
    }

    @Override
    public String name() {
        return "tanh";
    }
}
