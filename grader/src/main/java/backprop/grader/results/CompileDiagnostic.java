package backprop.grader.results;

/** One compiler message about a submitted file, as {@code file:line: message}. */
public record CompileDiagnostic(String file, long line, String kind, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + kind + ": " + message;
    }
}
