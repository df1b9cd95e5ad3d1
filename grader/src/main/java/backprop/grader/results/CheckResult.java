package backprop.grader.results;

import java.util.Objects;

/**
 * The verdict on one graded check.
 *
 * @param number     stable number such as {@code "3.2"}
 * @param name       student-readable name
 * @param part       the part it belongs to
 * @param score      points earned: {@code maxScore} if passed, else 0
 * @param maxScore   points it is worth
 * @param status     how it ended
 * @param feedback   what went wrong, in the student's terms; empty when passed
 * @param diagnosis  the named mistake, if one was recognised; empty otherwise
 * @param visibility when the student may see it
 * @param durationMillis time the check ran, 0 if it never ran
 * @param output     what the student's code printed during the check, truncated
 * @param evidence   structured data for rich reports (a JSON object), or empty
 */
public record CheckResult(String number, String name, String part, double score, double maxScore, Status status,
                          String feedback, String diagnosis, Visibility visibility, long durationMillis, String output,
                          String evidence) {
    /** A result without evidence. */
    public CheckResult(String number, String name, String part, double score, double maxScore, Status status,
                       String feedback, String diagnosis, Visibility visibility, long durationMillis, String output) {
        this(number, name, part, score, maxScore, status, feedback, diagnosis, visibility, durationMillis, output, "");
    }

    public CheckResult {
        evidence = evidence == null ? "" : evidence;
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(visibility, "visibility");
        feedback = backprop.grader.Printable.keepingLines(feedback);
        diagnosis = backprop.grader.Printable.keepingLines(diagnosis);
        output = backprop.grader.Printable.keepingLines(output);
        if (!(maxScore >= 0) || Double.isInfinite(maxScore)) {
            throw new IllegalArgumentException("check " + number + ": maxScore must be a finite number >= 0, got " + maxScore);
        }
        double expected = status == Status.PASSED ? maxScore : 0.0;
        if (score != expected) {
            throw new IllegalArgumentException("check " + number + " is " + status.json() + " and worth " + maxScore
                    + ", so its score must be " + expected + ", got " + score);
        }
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
