package backprop.grader.compile;

import backprop.grader.results.CompileDiagnostic;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled, verified submission.
 *
 * @param classesDir    where the class files are
 * @param diagnostics   compiler errors and refusals in the student's files, as they were before any replacement
 * @param replacedFiles student files that did not compile or were refused, replaced by the starter's stubs
 * @param droppedFiles  extra student files that did not compile or were refused, left out
 * @param refusedFiles  files among those two that compiled but use API graded code may not use
 * @param byFile        the diagnostics of each replaced or dropped file, by its name in the package ("ReLU.java")
 * @param timedOut      whether the grading's time limit ran out while compiling (then nothing was compiled)
 */
public record CompilationResult(Path classesDir, List<CompileDiagnostic> diagnostics, Set<String> replacedFiles,
                                Set<String> droppedFiles, Set<String> refusedFiles, Map<String, List<CompileDiagnostic>> byFile,
                                boolean timedOut) {
    public CompilationResult {
        diagnostics = List.copyOf(diagnostics);
        replacedFiles = Set.copyOf(replacedFiles);
        droppedFiles = Set.copyOf(droppedFiles);
        refusedFiles = Set.copyOf(refusedFiles);
        Map<String, List<CompileDiagnostic>> copy = new LinkedHashMap<>();
        byFile.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byFile = java.util.Collections.unmodifiableMap(copy);
    }

    /** The first diagnostic of file {@code fileName} (its name in the package), or null. */
    public CompileDiagnostic firstOf(String fileName) {
        List<CompileDiagnostic> d = byFile.get(fileName);
        return d == null || d.isEmpty() ? null : d.get(0);
    }
}
