package backprop.grader.checks;

/**
 * A graded check failed. The message is the student's feedback; a recognised mistake follows it
 * after {@link #DIAGNOSIS_MARKER} and becomes the report's diagnosis.
 */
public class CheckFailure extends AssertionError {
    private static final long serialVersionUID = 1L;
    /** Must match the grader's Scorer. */
    public static final String DIAGNOSIS_MARKER = "\nDiagnosis: ";

    public CheckFailure(String feedback) {
        super(feedback);
    }

    public CheckFailure(String feedback, String diagnosis) {
        super(diagnosis == null || diagnosis.isBlank() ? feedback : feedback + DIAGNOSIS_MARKER + diagnosis);
    }
}
