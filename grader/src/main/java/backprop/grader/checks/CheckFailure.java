package backprop.grader.checks;

/**
 * A graded check failed: the student's feedback, and the recognised mistake (the diagnosis, "" if
 * none), kept apart. The message joins them for logs; reports read the two fields, so no text from
 * student code can pass itself off as the grader's diagnosis.
 */
public class CheckFailure extends AssertionError {
    private static final long serialVersionUID = 1L;
    private static final String DIAGNOSIS_LABEL = "\nDiagnosis: ";
    private final String feedback;
    private final String diagnosis;

    public CheckFailure(String feedback) {
        this(feedback, "");
    }

    public CheckFailure(String feedback, String diagnosis) {
        super(diagnosis == null || diagnosis.isBlank() ? feedback : feedback + DIAGNOSIS_LABEL + diagnosis);
        this.feedback = feedback == null ? "" : feedback;
        this.diagnosis = diagnosis == null ? "" : diagnosis.trim();
    }

    /** What went wrong, in the student's terms. */
    public String feedback() {
        return feedback;
    }

    /** The recognised mistake, "" when none. */
    public String diagnosis() {
        return diagnosis;
    }

    /** Whether a mistake was recognised. */
    public boolean diagnosed() {
        return !diagnosis.isEmpty();
    }
}
