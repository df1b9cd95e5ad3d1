package backprop.grader.results;

/** When a student may see a check, with Gradescope's spelling of each value. */
public enum Visibility {
    VISIBLE("visible"),
    HIDDEN("hidden"),
    AFTER_DUE_DATE("after_due_date"),
    AFTER_PUBLISHED("after_published");

    private final String json;

    Visibility(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }
}
