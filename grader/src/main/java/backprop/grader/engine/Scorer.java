package backprop.grader.engine;

import backprop.grader.catalogue.CheckSpec;
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
            String diagnosis = outcome.diagnosis();
            if (status == Status.NOT_IMPLEMENTED) {
                Matcher m = NOT_IMPLEMENTED.matcher(message);
                String file = m.find() ? m.group(1) + ".java" : null;
                if (file != null && compilation.replacedFiles().contains(file)) {
                    status = Status.NOT_COMPILED;
                    CompileDiagnostic first = compilation.firstOf(file);
                    message = compilation.refusedFiles().contains(file)
                            ? file + " was not run: " + refusal(compilation.byFile().get(file)) + "; its starter stub was graded"
                            + " instead"
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

    /**
     * "Sigmoid.java:12 uses java.lang.System.exit, which graded code may not use", naming the first few
     * refused uses of a file (several on one line are named together).
     */
    static String refusal(List<CompileDiagnostic> refused) {
        if (refused == null || refused.isEmpty()) {
            return "it uses API that graded code may not use";
        }
        CompileDiagnostic first = refused.get(0);
        String name = first.file().substring(first.file().lastIndexOf('/') + 1);
        java.util.LinkedHashMap<String, Long> apis = new java.util.LinkedHashMap<>(); // API -> first line
        for (CompileDiagnostic d : refused) {
            String m = d.message();
            apis.putIfAbsent(m.startsWith("uses ") && m.contains(", which") ? m.substring(5, m.indexOf(", which")) : m, d.line());
        }
        if (apis.size() == 1) {
            return name + (first.line() > 0 ? ":" + first.line() : "") + " uses " + apis.keySet().iterator().next()
                    + ", which graded code may not use";
        }
        List<String> shown = apis.entrySet().stream().limit(3)
                .map(e -> e.getKey() + (e.getValue() > 0 ? " (line " + e.getValue() + ")" : "")).toList();
        return name + " uses " + String.join(", ", shown)
                + (apis.size() > 3 ? " (and " + (apis.size() - 3) + " more)" : "") + ", which graded code may not use";
    }
}
