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
     * <p>Careful: 1 − z² is wrong; the square is of tanh(z), not of z. None of the course documents
     * works through tanh (003_f9e6b739e51f3737.txt only names it, in "Where This Breaks"): derive it
     * from tanh = sinh/cosh, or check it against finite differences.
     */
    @Override
    public double derivative(double z) {
        // BEGIN SOLUTION
        double t = Math.tanh(z);
        return 1.0 - t * t;
        // END SOLUTION
    }

    @Override
    public String name() {
        return "tanh";
    }
}
