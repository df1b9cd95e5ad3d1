package backprop.grader.student;

import backprop.driver.Wire;

/**
 * The student's code threw. Carries the exception as the student JVM described it (class, message,
 * frames, causes) and, for a call per element, the element it threw on (else -1).
 */
public final class StudentThrew extends StudentException {
    private static final long serialVersionUID = 1L;
    private final transient Wire.Thrown thrown;
    private final int index;

    StudentThrew(Wire.Thrown thrown, int index) {
        super(thrown.className() + (thrown.message() == null ? "" : ": " + thrown.message()));
        this.thrown = thrown;
        this.index = index;
    }

    public Wire.Thrown thrown() {
        return thrown;
    }

    public int index() {
        return index;
    }

    /** The exception's simple class name, e.g. "ArithmeticException". */
    public String simpleName() {
        String name = thrown.className();
        return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
    }

    /** Whether this is (or was caused by) an exception of class {@code className}. */
    public boolean is(String className) {
        for (Wire.Thrown t = thrown; t != null; t = t.cause()) {
            if (t.className().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
