package backprop.nn;

/**
 * Thrown by every method of the starter that is still yours to write. The public tests and the
 * grader recognise it and report "not implemented yet" instead of a failure.
 */
public final class NotImplementedYet extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    /** @param method the method still to implement, for example {@code "Sigmoid.derivative"} */
    public NotImplementedYet(String method) {
        super(method + " is not implemented yet: replace the TODO in its body with your code");
    }
}
