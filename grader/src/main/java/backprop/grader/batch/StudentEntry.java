package backprop.grader.batch;

import java.util.List;

/**
 * One line of the gradebook: what the batch output says about one student, read back from
 * {@code <id>/report.json} (graded) or {@code <id>/ungraded.json} (could not be graded).
 *
 * @param id           the student id: the name of the submission's folder or zip (without .zip), which is
 *                     also the name of its folder in the output
 * @param graded       whether a grade exists; if not, {@link #reason()} says why and the scores are 0
 * @param reason       why it could not be graded; empty when graded
 * @param score        points earned
 * @param maxScore     points available
 * @param parts        points per part, in report order
 * @param checks       every check's verdict, in report order
 * @param graderVersion version of the grader that graded it
 * @param finishedAt   when grading finished (ISO-8601), or when it was given up
 */
public record StudentEntry(String id, boolean graded, String reason, double score, double maxScore, List<PartScore> parts,
                           List<CheckEntry> checks, String graderVersion, String finishedAt) {
    public StudentEntry {
        reason = reason == null ? "" : reason;
        parts = List.copyOf(parts);
        checks = List.copyOf(checks);
        graderVersion = graderVersion == null ? "" : graderVersion;
        finishedAt = finishedAt == null ? "" : finishedAt;
    }

    /** A student whose submission could not be graded. */
    static StudentEntry ungraded(String id, String reason, String at) {
        return new StudentEntry(id, false, reason, 0, 0, List.of(), List.of(), "", at);
    }

    /** "graded" or "ungraded", as the gradebook's status column says. */
    public String status() {
        return graded ? "graded" : "ungraded";
    }

    /** Points of one part. */
    public record PartScore(String name, double score, double maxScore) {
    }

    /** One check's verdict, as report.json has it (status in its JSON spelling, e.g. "not_implemented"). */
    public record CheckEntry(String number, String name, String part, double maxScore, String status, String diagnosis) {
        public boolean passed() {
            return "passed".equals(status);
        }
    }
}
