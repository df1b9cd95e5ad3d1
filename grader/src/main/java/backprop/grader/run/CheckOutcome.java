package backprop.grader.run;

import backprop.grader.results.Status;

/**
 * What happened to one check in the test JVM, before scoring.
 *
 * @param status  PASSED, FAILED, ERROR, TIMEOUT or NOT_IMPLEMENTED
 * @param message the failure message (feedback), empty when passed
 * @param diagnosis the recognised mistake, empty when none
 * @param output  what the student's code printed during the check
 * @param millis  how long it ran
 * @param evidence structured data the check attached (JSON), or empty
 */
public record CheckOutcome(Status status, String message, String diagnosis, String output, long millis, String evidence) {
    public CheckOutcome(Status status, String message, String output, long millis) {
        this(status, message, "", output, millis, "");
    }

    public CheckOutcome {
        evidence = evidence == null ? "" : evidence;
        message = message == null ? "" : message;
        diagnosis = diagnosis == null ? "" : diagnosis;
        output = output == null ? "" : output;
    }
}
