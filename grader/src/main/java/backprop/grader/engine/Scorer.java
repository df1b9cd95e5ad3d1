package backprop.grader.engine;

import backprop.grader.catalogue.CheckSpec;
import backprop.grader.checks.CheckFailure;
import backprop.grader.compile.CompilationResult;
import backprop.grader.results.CheckResult;
import backprop.grader.results.CompileDiagnostic;
import backprop.grader.results.PartResult;
import backprop.grader.results.Status;
import backprop.grader.run.CheckOutcome;
import backprop.grader.run.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 4 of grading: turns what the test JVMs reported into scores. Every check in the catalogue
 * starts at 0; it earns its points only if it was reported passed.
 */
final class Scorer {
    private static final Pattern NOT_IMPLEMENTED = Pattern.compile("(\\w+)\\.(\\w+) is not implemented yet");

    private Scorer() {
    }

    static List<PartResult> score(List<CheckSpec> catalogue, RunResult run, CompilationResult compilation) {
        Map<String, List<CheckResult>> parts = new LinkedHashMap<>();
        for (CheckSpec spec : catalogue) {
            CheckOutcome outcome = run.outcomes().get(spec.uniqueId());
            if (outcome == null) {
                outcome = new CheckOutcome(Status.ERROR, "not run (no result was reported for this check)", "", 0);
            }
            Status status = outcome.status();
            String message = outcome.message();
            String diagnosis = CheckFailure.diagnosisOf(message);
            message = CheckFailure.feedbackOf(message);
            if (status == Status.NOT_IMPLEMENTED) {
                Matcher m = NOT_IMPLEMENTED.matcher(message);
                if (m.find() && compilation.replacedFiles().contains(m.group(1) + ".java")) {
                    status = Status.NOT_COMPILED;
                    message = m.group(1) + ".java did not compile, so its starter stub was graded instead"
                            + firstError(compilation, m.group(1) + ".java");
                }
            }
            double score = status == Status.PASSED ? spec.points() : 0.0;
            parts.computeIfAbsent(spec.part(), k -> new ArrayList<>()).add(new CheckResult(spec.number(), spec.name(),
                    spec.part(), score, spec.points(), status, status == Status.PASSED ? "" : message, diagnosis,
                    spec.visibility(), outcome.millis(), outcome.output(), outcome.evidence()));
        }
        return parts.entrySet().stream().map(e -> new PartResult(e.getKey(), e.getValue())).toList();
    }

    private static String firstError(CompilationResult compilation, String fileName) {
        return compilation.diagnostics().stream()
                .filter(d -> d.file().endsWith(fileName))
                .findFirst()
                .map(CompileDiagnostic::toString)
                .map(d -> ": " + d)
                .orElse("");
    }
}
