package backprop.grader.batch;

import static backprop.grader.batch.SubmissionFixtures.maven;
import static backprop.grader.batch.SubmissionFixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Honest submissions graded next to hostile ones, with more jobs than cores: copies of the solutions
 * beside submissions whose code spins until its budget runs out and one that floods its output. Budgets
 * are CPU time of each student JVM, so the load the hostile ones make never costs an honest copy a point.
 */
class BatchUnderLoadTest {

    @Test
    void everyCopyOfTheSolutionsKeepsFullMarksNextToSubmissionsThatSpin(@TempDir Path tmp) throws IOException {
        Path folder = tmp.resolve("class");
        Map<String, String> sol = SubmissionFixtures.solution();
        for (int i = 1; i <= 3; i++) {
            maven(folder.resolve("honest-" + i), sol);
        }
        String spin = "long spins = 0; while (z == z || z != z) { spins++; }";
        Map<String, String> spinning = replace(sol, "Tanh.java", "double t = Math.tanh(z);", spin + " double t = spins;");
        maven(folder.resolve("spinner-1"), spinning);
        maven(folder.resolve("spinner-2"), spinning);
        maven(folder.resolve("spinner-3"), spinning);
        maven(folder.resolve("flood"), replace(sol, "Identity.java", "return 1.0;",
                "for (int i = 0; i < 5_000; i++) { System.out.println(\"flood \" + i); } return 1.0;"));

        Path out = tmp.resolve("out");
        String[] r = BatchGradingTest.cli("batch", folder.toString(), "--out", out.toString(), "--jobs", "4",
                "--check-timeout", "2");

        assertThat(r[0]).as("exit code; stderr: %s", r[2]).isEqualTo("0");
        for (int i = 1; i <= 3; i++) {
            JsonObject report = BatchGradingTest.json(out.resolve("honest-" + i).resolve("report.json"));
            assertThat(report.get("score").getAsDouble()).as("honest-%d", i).isEqualTo(report.get("max_score").getAsDouble());
        }
        for (String spinner : new String[] {"spinner-1", "spinner-2", "spinner-3"}) {
            JsonObject report = BatchGradingTest.json(out.resolve(spinner).resolve("report.json"));
            assertThat(report.toString()).contains("\"status\":\"timeout\"");
            assertThat(report.get("score").getAsDouble()).isLessThan(report.get("max_score").getAsDouble());
        }
        JsonObject flood = BatchGradingTest.json(out.resolve("flood").resolve("report.json"));
        assertThat(flood.get("score").getAsDouble()).isEqualTo(flood.get("max_score").getAsDouble());
    }
}
