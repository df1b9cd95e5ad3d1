package backprop.reference;

/**
 * A mistake in a document.
 *
 * @param id           stable identifier, referenced by {@link Step#erratum()}
 * @param document     the document file name
 * @param location     heading and line
 * @param kind         what is wrong: a printed value, a piece of code, or a claim in the prose
 * @param printed      what the document prints, verbatim
 * @param correct      what it should print
 * @param printedValue for {@link Kind#VALUE}: the printed numbers in the shape of the step(s) that
 *                     reference this erratum; null otherwise
 * @param correctValue for {@link Kind#VALUE}: the correct numbers, same shape, at {@code decimals}
 * @param decimals     for {@link Kind#VALUE}: the printed precision; 0 otherwise
 * @param explanation  why, with the exact values
 */
public record Erratum(String id, String document, String location, Kind kind, String printed, String correct,
        double[][] printedValue, double[][] correctValue, int decimals, String explanation) {

    /** What kind of mistake. */
    public enum Kind {
        /** A printed number that the computation it describes does not give. */
        @com.google.gson.annotations.SerializedName("value")
        VALUE,
        /** Code that does not do what the text says (or does not run). */
        @com.google.gson.annotations.SerializedName("code")
        CODE,
        /** A statement in the prose that is false. */
        @com.google.gson.annotations.SerializedName("claim")
        CLAIM
    }

    public Erratum {
        if (id == null || document == null || location == null || kind == null || printed == null || correct == null
                || explanation == null) {
            throw new IllegalArgumentException("erratum " + id + ": id, document, location, kind, printed, correct and "
                    + "explanation are all required");
        }
        if (kind == Kind.VALUE) {
            Matrices.requireRectangular(printedValue, "erratum " + id + " printedValue");
            Matrices.requireRectangular(correctValue, "erratum " + id + " correctValue");
            if (!Matrices.shape(printedValue).equals(Matrices.shape(correctValue))) {
                throw new IllegalArgumentException("erratum " + id + ": printedValue is " + Matrices.shape(printedValue)
                        + " but correctValue is " + Matrices.shape(correctValue));
            }
        }
        printedValue = Matrices.copy(printedValue);
        correctValue = Matrices.copy(correctValue);
    }

    @Override
    public double[][] printedValue() {
        return Matrices.copy(printedValue);
    }

    @Override
    public double[][] correctValue() {
        return Matrices.copy(correctValue);
    }
}
