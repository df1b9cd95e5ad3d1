package backprop.grader.compile;

import backprop.grader.results.CompileDiagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The compiled submission.
 *
 * @param classesDir    where the class files are
 * @param diagnostics   compiler errors in the student's files, as they were before any replacement
 * @param replacedFiles student files that did not compile and were replaced by the starter's stubs
 * @param droppedFiles  extra student files that did not compile and were left out
 */
public record CompilationResult(Path classesDir, List<CompileDiagnostic> diagnostics, Set<String> replacedFiles,
                                Set<String> droppedFiles) {
    public CompilationResult {
        diagnostics = List.copyOf(diagnostics);
        replacedFiles = Set.copyOf(replacedFiles);
        droppedFiles = Set.copyOf(droppedFiles);
    }
}
