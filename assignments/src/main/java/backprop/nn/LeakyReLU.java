// Generated from solutions/ by StarterGenerator: instructors edit the solution and regenerate.
package backprop.nn;

/**
 * max(αz, z) for a small slope 0 &lt; α &lt; 1: like ReLU, but a neuron with negative z still passes a
 * small gradient, so it cannot die (see "Where This Breaks" in {@code 003_f9e6b739e51f3737.txt}).
 */
public final class LeakyReLU implements Activation {
    private final double alpha;

    /** The common slope α = 0.01. */
    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("LeakyReLU needs 0 < alpha < 1, got " + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public double value(double z) {
        return z > 0 ? z : alpha * z;
    }

    /**
     * LeakyReLU'(z) = 1 if z &gt; 0, else α (α at the kink z = 0, matching ReLU's convention). Use the
     * field {@code alpha}, not a constant: the slope is the constructor's. Source: "Where This Breaks"
     * in {@code 003_f9e6b739e51f3737.txt} (the documents name LeakyReLU but do not derive it).
     */
    @Override
    public double derivative(double z) {
        // TODO: implement LeakyReLU.derivative (see the Javadoc above).
        throw new NotImplementedYet("LeakyReLU.derivative");
    }

    @Override
    public String name() {
        return "leaky_relu(" + alpha + ")";
    }
}
