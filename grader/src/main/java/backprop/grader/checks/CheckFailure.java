package backprop.grader.checks;

/**
 * A graded check failed. The message is the student's feedback; a recognised mistake follows it
 * after {@link #DIAGNOSIS_MARKER} and becomes the report's diagnosis.
 */
public class CheckFailure extends AssertionError {
    private static final long serialVersionUID = 1L;
    /** Separates the feedback from the diagnosis in a failure message; the parent splits on it too. */
    public static final String DIAGNOSIS_MARKER = "\nDiagnosis: ";

    public CheckFailure(String feedback) {
        super(feedback);
    }

    public CheckFailure(String feedback, String diagnosis) {
        super(diagnosis == null || diagnosis.isBlank() ? feedback : feedback + DIAGNOSIS_MARKER + diagnosis);
    }

    /** The feedback part of this failure's message. */
    public String feedback() {
        return feedbackOf(getMessage());
    }

    /** The diagnosis part of this failure's message, "" when none. */
    public String diagnosis() {
        return diagnosisOf(getMessage());
    }

    /** The feedback part of a failure message (as the test JVM reports it). */
    public static String feedbackOf(String message) {
        int cut = message.indexOf(DIAGNOSIS_MARKER);
        return cut < 0 ? message : message.substring(0, cut);
    }

    /** The diagnosis part of a failure message, "" when none. */
    public static String diagnosisOf(String message) {
        int cut = message.indexOf(DIAGNOSIS_MARKER);
        return cut < 0 ? "" : message.substring(cut + DIAGNOSIS_MARKER.length()).trim();
    }
}
