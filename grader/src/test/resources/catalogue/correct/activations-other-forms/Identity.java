package backprop.nn;

/** f(z) = z: the output activation of a regression network. */
public final class Identity implements Activation {

    @Override
    public double value(double z) {
        return z;
    }

    /**
     * f'(z) = 1 for every z.
     *
     * <p>Source: the "Weighted sum" row of the local-gradient table in
     * {@code 001_69cf991a5fec35a8.txt} (∂z/∂b = 1): a linear output passes the gradient unchanged.
     */
    @Override
    public double derivative(double z) {
        return 1; // an int, widened to 1.0
    }

    @Override
    public String name() {
        return "identity";
    }
}
