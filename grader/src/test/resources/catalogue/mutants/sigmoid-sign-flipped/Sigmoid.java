package backprop.nn;

/** The logistic function σ(z) = 1 / (1 + e^(−z)), squashing any z into (0, 1). */
public final class Sigmoid implements Activation {

    /** σ(z), computed without overflow for any finite z. */
    @Override
    public double value(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /**
     * σ'(z) = σ(z) · (1 − σ(z)); never larger than 0.25 (at z = 0).
     *
     * <p>Note the argument: z, the pre-activation. Writing a · (1 − a) is the same number only if
     * you first compute a = σ(z). Sources: "Backward Pass Step 2" of
     * {@code 001_69cf991a5fec35a8.txt}; the "Chain Rule Solution" of {@code 002_fd0fc83796376f1d.txt}.
     */
    @Override
    public double derivative(double z) {
        double s = value(z);
        return s * (s - 1.0); // the sign flipped
    }

    @Override
    public String name() {
        return "sigmoid";
    }
}
