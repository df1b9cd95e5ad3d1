package backprop.grader.run;

import java.util.List;
import java.util.Map;

/**
 * Everything the test JVMs reported: an outcome for every requested check, remarks on how the
 * JVMs ended, and their own output (not the student's per-check output).
 */
public record RunResult(Map<String, CheckOutcome> outcomes, List<String> notes, String jvmOutput) {
    public RunResult {
        outcomes = Map.copyOf(outcomes);
        notes = List.copyOf(notes);
    }
}
