package backprop.reference;

/**
 * Whether a number printed in a document at some number of decimals is the rounding of an
 * exact value: |exact − printed| ≤ ½·10^−decimals + 1e-12 (the 1e-12 absorbs binary representation
 * error of the printed decimal).
 */
public final class Rounding {
    private Rounding() {
    }

    /** ½·10^−decimals + 1e-12. */
    public static double tolerance(int decimals) {
        return 0.5 * Math.pow(10, -decimals) + 1e-12;
    }

    /** True if {@code printed} is {@code exact} rounded to {@code decimals} places. */
    public static boolean agrees(double printed, double exact, int decimals) {
        return Math.abs(exact - printed) <= tolerance(decimals);
    }

    /**
     * True if {@code printed} and {@code exact} have the same shape and every printed element agrees;
     * NaN in {@code printed} marks an element the document does not print, and is skipped.
     */
    public static boolean agrees(double[][] printed, double[][] exact, int decimals) {
        if (printed.length != exact.length) {
            return false;
        }
        for (int i = 0; i < printed.length; i++) {
            if (printed[i].length != exact[i].length) {
                return false;
            }
            for (int j = 0; j < printed[i].length; j++) {
                if (!Double.isNaN(printed[i][j]) && !agrees(printed[i][j], exact[i][j], decimals)) {
                    return false;
                }
            }
        }
        return true;
    }
}
