package backprop.grader.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

/**
 * The arithmetic of {@code classroom-resources/autograding-grading-reporter@v1} (dist/main.js, commit
 * d13b5912daf5042ac1b71bc38bdb4a6bcd61d8ca), transcribed operation for operation so that doubles round
 * as they do in JavaScript:
 *
 * <pre>
 * getTestScore    = tests.reduce((r,{status}) =&gt; status==="pass" ? r+1 : r, 0) / tests.length * (max_score || 0)
 * NotifyClassroom = if (max_score) { maxPoints += max_score; tests.forEach(({score}) =&gt; totalPoints += score) }
 *                   if (!maxPoints) return;   // no annotation
 * </pre>
 */
final class ClassroomReporter {
    private ClassroomReporter() {
    }

    /** What main.js does with the environment variable: base64-decode as UTF-8, then JSON.parse. */
    static JsonNode decode(String base64) {
        return Schemas.parse(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
    }

    /** The "Test Score" cell of the console table. NaN where JavaScript would print NaN. */
    static double tableScore(JsonNode results) {
        JsonNode tests = results.get("tests");
        int passed = 0;
        for (JsonNode t : tests) {
            if ("pass".equals(text(t, "status"))) {
                passed++;
            }
        }
        double max = maxScore(results);
        return (double) passed / tests.size() * (max != 0 ? max : 0);
    }

    /** totalPoints of the "Points x/y" annotation; NaN if a test has no numeric score (undefined + n). */
    static double annotationPoints(JsonNode results) {
        double total = 0;
        for (JsonNode t : results.get("tests")) {
            JsonNode score = t.get("score");
            total += score != null && score.isNumber() ? score.asDouble() : Double.NaN;
        }
        return total;
    }

    /** Whether the annotation is printed at all: only when max_score is truthy. */
    static boolean annotates(JsonNode results) {
        return maxScore(results) != 0;
    }

    static double maxScore(JsonNode results) {
        JsonNode max = results.get("max_score");
        return max != null && max.isNumber() ? max.asDouble() : 0;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null ? null : v.asText();
    }
}
