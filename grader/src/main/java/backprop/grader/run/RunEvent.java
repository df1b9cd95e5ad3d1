package backprop.grader.run;

/**
 * One message from the test JVM to the grader, sent as a JSON line over the authenticated channel.
 *
 * @param type      "started", "finished", "container_failed" or "done"
 * @param id        JUnit unique id of the test or container
 * @param status    for "finished": SUCCESSFUL, FAILED or ABORTED
 * @param exception class name of the failure, or null
 * @param message   failure message (feedback), or null
 * @param output    what the student's code printed during the test, truncated
 * @param millis    duration of the test
 * @param evidence  structured data the check attached (JSON), or null
 */
public record RunEvent(String type, String id, String status, String exception, String message, String output, long millis,
                       String evidence) {
    static RunEvent started(String id) {
        return new RunEvent("started", id, null, null, null, null, 0, null);
    }

    static RunEvent done() {
        return new RunEvent("done", null, null, null, null, null, 0, null);
    }
}
