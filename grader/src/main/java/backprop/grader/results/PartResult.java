package backprop.grader.results;

import java.util.List;

/** The checks of one part (e.g. "Activations") and their total. */
public record PartResult(String name, List<CheckResult> checks) {
    public PartResult {
        checks = List.copyOf(checks);
    }

    public double score() {
        return checks.stream().mapToDouble(CheckResult::score).sum();
    }

    public double maxScore() {
        return checks.stream().mapToDouble(CheckResult::maxScore).sum();
    }
}
