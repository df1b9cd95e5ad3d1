package backprop.grader.checks;

/**
 * The combined rule of every numeric comparison: a value fails only when its relative error exceeds
 * {@code relative} <b>and</b> its absolute error exceeds {@code absolute}·max(1, |expected|). The
 * second clause keeps values near 0 (where relative error is meaningless) from failing on noise.
 */
public record Tolerance(double relative, double absolute) {
    /** For central differences with h = 1e-5 in double precision. */
    public static final Tolerance GRADIENT_CHECK = new Tolerance(1e-5, 1e-8);
    /**
     * For comparisons with the reference oracle: the same math in double precision, so the only
     * differences are rounding (about 1e-15 relative). Tight enough that float arithmetic (about
     * 1e-7 relative) fails, with the diagnosis "float instead of double"; the absolute clause
     * keeps values near 0, where cancellation makes relative errors meaningless, from failing.
     */
    public static final Tolerance REFERENCE = new Tolerance(1e-9, 1e-12);

    public Tolerance {
        if (!(relative > 0) || !(absolute > 0)) {
            throw new IllegalArgumentException("tolerances must be positive, got relative " + relative + ", absolute " + absolute);
        }
    }

    public static double relativeError(double expected, double actual) {
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        return scale == 0 ? 0 : Math.abs(expected - actual) / scale;
    }

    /** Whether every element of {@code actual} is accepted against {@code expected} (same shape required). */
    public boolean acceptsAll(double[][] expected, double[][] actual) {
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i].length != actual[i].length) {
                return false;
            }
            for (int j = 0; j < expected[i].length; j++) {
                if (!accepts(expected[i][j], actual[i][j])) {
                    return false;
                }
            }
        }
        return true;
    }

    public boolean accepts(double expected, double actual) {
        if (Double.isNaN(actual) || Double.isInfinite(actual)) {
            return false;
        }
        double abs = Math.abs(expected - actual);
        return relativeError(expected, actual) <= relative || abs <= absolute * Math.max(1, Math.abs(expected));
    }
}
