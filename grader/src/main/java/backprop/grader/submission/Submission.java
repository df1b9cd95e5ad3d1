package backprop.grader.submission;

import java.util.List;

/**
 * A submission ready to compile: one source per class of package {@code backprop.nn}, and remarks
 * for the student about what was found (missing, misplaced, extra or ignored files).
 */
public record Submission(String id, List<SourceFile> sources, List<String> notes) {
    public Submission {
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
    }
}
