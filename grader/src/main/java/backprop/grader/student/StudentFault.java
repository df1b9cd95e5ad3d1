package backprop.grader.student;

/**
 * The student JVM could not make the call at all: no such class, constructor or method (a signature
 * of the starter was changed), or a returned value too large to check.
 */
public final class StudentFault extends StudentException {
    private static final long serialVersionUID = 1L;

    StudentFault(String message) {
        super(message);
    }
}
