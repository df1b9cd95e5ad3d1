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
 * Step 5 of grading: turns what the checks reported into scores. Every check in the catalogue
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
                String file = m.find() ? m.group(1) + ".java" : null;
                if (file != null && compilation.replacedFiles().contains(file)) {
                    status = Status.NOT_COMPILED;
                    CompileDiagnostic first = compilation.firstOf(file);
                    message = compilation.refusedFiles().contains(file)
                            ? file + " was not run: " + refusal(first) + "; its starter stub was graded instead"
                            : file + " did not compile, so its starter stub was graded instead"
                            + (first == null ? "" : ": " + first);
                }
            }
            double score = status == Status.PASSED ? spec.points() : 0.0;
            parts.computeIfAbsent(spec.part(), k -> new ArrayList<>()).add(new CheckResult(spec.number(), spec.name(),
                    spec.part(), score, spec.points(), status, status == Status.PASSED ? "" : message, diagnosis,
                    spec.visibility(), outcome.millis(), outcome.output(), outcome.evidence()));
        }
        return parts.entrySet().stream().map(e -> new PartResult(e.getKey(), e.getValue())).toList();
    }

    /** "Sigmoid.java:12 uses java.lang.System.exit, which graded code may not use". */
    static String refusal(CompileDiagnostic d) {
        if (d == null) {
            return "it uses API that graded code may not use";
        }
        String name = d.file().substring(d.file().lastIndexOf('/') + 1);
        return name + (d.line() > 0 ? ":" + d.line() : "") + " " + d.message();
    }
}
