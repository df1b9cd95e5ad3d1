package backprop.grader.student;

/**
 * A call into the student JVM did not return a value. The subclasses say why: the student's code
 * threw, the driver could not make the call, the call ran out of time, or the JVM died.
 */
public abstract class StudentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StudentException(String message) {
        super(message, null, false, false);
    }
}
