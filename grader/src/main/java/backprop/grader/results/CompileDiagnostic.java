package backprop.grader.results;

/** One compiler message about a submitted file, as {@code file:line: message}. */
public record CompileDiagnostic(String file, long line, String kind, String message) {
    public CompileDiagnostic {
        file = file == null ? null : backprop.grader.Printable.of(file);
        kind = kind == null ? null : backprop.grader.Printable.of(kind);
        message = message == null ? null : backprop.grader.Printable.keepingLines(message);
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + kind + ": " + message;
    }

    /** {@code file:line: kind: message} for people, leaving out what is unknown. */
    public String describe() {
        StringBuilder out = new StringBuilder(file == null || file.isBlank() ? "(unknown file)" : file);
        if (line > 0) {
            out.append(':').append(line);
        }
        out.append(": ");
        if (kind != null && !kind.isBlank()) {
            out.append(kind).append(": ");
        }
        return out.append(message == null ? "" : message).toString();
    }
}
