package backprop.grader.student;

/** The student JVM ended during a call: out of memory, or a crash. */
public final class StudentJvmDied extends StudentException {
    private static final long serialVersionUID = 1L;
    private final boolean outOfMemory;

    public StudentJvmDied(String message, boolean outOfMemory) {
        super(message);
        this.outOfMemory = outOfMemory;
    }

    public boolean outOfMemory() {
        return outOfMemory;
    }
}
