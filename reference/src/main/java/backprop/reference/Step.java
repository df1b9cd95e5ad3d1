package backprop.reference;

/**
 * One printed value of a worked example, to compare with a {@link Trace} quantity.
 *
 * @param name     the document's symbol, e.g. {@code "∂L/∂z₂"}
 * @param quantity a {@link Trace#quantity} name, e.g. {@code "layers[1].dZ"}
 * @param printed  the printed numbers in the quantity's shape (scalars and vectors 1 × n); NaN
 *                 (JSON null) marks an element the document does not print
 * @param decimals how many decimals the document prints
 * @param location where in the document, by heading and line
 * @param erratum  the id of the {@link Erratum} that says this printed value is wrong, or null
 */
public record Step(String name, String quantity, double[][] printed, int decimals, String location, String erratum) {

    public Step {
        if (name == null || name.isBlank() || location == null || location.isBlank()) {
            throw new IllegalArgumentException("a step needs a name and a location, got name=" + name
                    + ", location=" + location);
        }
        if (!Trace.isQuantity(quantity)) {
            throw new IllegalArgumentException("step '" + name + "': unknown quantity '" + quantity + "'");
        }
        Matrices.requireRectangular(printed, "step '" + name + "' printed");
        if (decimals < 0 || decimals > 12) {
            throw new IllegalArgumentException("step '" + name + "': decimals must be in 0..12, got " + decimals);
        }
        if (erratum != null && erratum.isBlank()) {
            throw new IllegalArgumentException("step '" + name + "': erratum must be null or an id, got a blank string");
        }
        printed = Matrices.copy(printed);
    }

    @Override
    public double[][] printed() {
        return Matrices.copy(printed);
    }

    /** True if the printed numbers are {@code exact} rounded to {@link #decimals}. */
    public boolean agreesWith(double[][] exact) {
        return Rounding.agrees(printed, exact, decimals);
    }
}
