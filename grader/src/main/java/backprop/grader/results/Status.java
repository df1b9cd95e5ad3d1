package backprop.grader.results;

/** How one graded check ended. Only {@link #PASSED} earns points. */
public enum Status {
    PASSED("passed"),
    FAILED("failed"),
    ERROR("error"),
    TIMEOUT("timeout"),
    NOT_COMPILED("not_compiled"),
    NOT_IMPLEMENTED("not_implemented");

    private final String json;

    Status(String json) {
        this.json = json;
    }

    /** The spelling used in report.json. */
    public String json() {
        return json;
    }
}
