package backprop.grader.results;

import java.time.Instant;
import java.util.List;

/**
 * Everything the grader concluded about one submission; the single model behind every report format.
 *
 * @param submissionId  the submission's name (folder or zip name)
 * @param graderVersion version of the grader that produced it
 * @param startedAt     when grading started
 * @param finishedAt    when grading finished
 * @param parts         results, part by part
 * @param diagnostics   compiler messages about the submission
 * @param notes         remarks about the submission itself (missing, misplaced or extra files, replaced stubs,
 *                      how the test JVM ended)
 * @param output        output of the test JVM that belongs to no check, truncated
 */
public record GradeReport(String submissionId, String graderVersion, Instant startedAt, Instant finishedAt,
                          List<PartResult> parts, List<CompileDiagnostic> diagnostics, List<String> notes,
                          String output) {
    public GradeReport {
        java.util.Objects.requireNonNull(submissionId, "submissionId");
        submissionId = backprop.grader.Printable.of(submissionId); // a folder's name: it may hold anything
        java.util.Objects.requireNonNull(startedAt, "startedAt");
        java.util.Objects.requireNonNull(finishedAt, "finishedAt");
        parts = List.copyOf(parts);
        diagnostics = List.copyOf(diagnostics);
        notes = notes.stream().map(backprop.grader.Printable::keepingLines).toList();
        output = backprop.grader.Printable.keepingLines(output);
    }

    public double score() {
        return parts.stream().mapToDouble(PartResult::score).sum();
    }

    public double maxScore() {
        return parts.stream().mapToDouble(PartResult::maxScore).sum();
    }

    /** Every check, part by part, in order. */
    public List<CheckResult> checks() {
        return parts.stream().flatMap(p -> p.checks().stream()).toList();
    }

    public double executionSeconds() {
        return (finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
    }
}
