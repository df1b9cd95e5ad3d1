package backprop.grader.checks;

/** The student's method still throws the starter's {@code NotImplementedYet}. */
public final class NotImplementedFailure extends CheckFailure {
    private static final long serialVersionUID = 1L;

    public NotImplementedFailure(String message) {
        super(message);
    }
}
