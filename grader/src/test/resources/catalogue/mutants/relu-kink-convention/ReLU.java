package backprop.nn;

/** The rectified linear unit max(0, z). */
public final class ReLU implements Activation {

    @Override
    public double value(double z) {
        return Math.max(0.0, z);
    }

    /**
     * ReLU'(z) = 1 if z &gt; 0, else 0.
     *
     * <p>At the kink z = 0 the derivative is undefined; this course's convention is
     * <b>0 at z = 0</b>, as in numpy's {@code (z > 0)} in {@code 000_4b3603e6f7e37e7d.txt} and
     * {@code 003_f9e6b739e51f3737.txt}.
     */
    @Override
    public double derivative(double z) {
        return z >= 0 ? 1.0 : 0.0; // 1 at the kink
    }

    @Override
    public String name() {
        return "relu";
    }
}
