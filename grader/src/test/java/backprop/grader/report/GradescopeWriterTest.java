package backprop.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.results.GradeReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GradescopeWriterTest {
    private final ReportWriter writer = ReportWriter.gradescope();

    static List<GradeReport> reports() {
        return Fixtures.all();
    }

    @ParameterizedTest
    @MethodSource("reports")
    void conformsToTheSpecification(GradeReport report) {
        assertThat(Schemas.GRADESCOPE.validate(writer.render(report))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("reports")
    void topLevelScoreAndTheTestsAddUpToOurTotal(GradeReport report) {
        JsonNode root = Schemas.parse(writer.render(report));
        assertThat(root.get("score").asDouble()).isEqualTo(report.score());
        assertThat(tests(root).stream().mapToDouble(t -> t.get("score").asDouble()).sum()).isEqualTo(report.score());
        assertThat(tests(root).stream().mapToDouble(t -> t.get("max_score").asDouble()).sum())
                .isEqualTo(report.maxScore());
    }

    @Test
    void oneTestPerCheckNamedWithItsNumber() {
        JsonNode root = Schemas.parse(writer.render(Fixtures.mixed()));
        List<JsonNode> tests = tests(root);

        assertThat(tests).hasSize(12);
        JsonNode dW = tests.get(5);
        assertThat(dW.get("name").asText()).as("Gradescope shows the number itself, in front of the name")
                .isEqualTo("DenseLayer.backward: dW matches finite differences");
        assertThat(dW.get("number").asText()).isEqualTo("3.2");
        assertThat(dW.get("number").asText()).isEqualTo("3.2");
        assertThat(dW.get("score").asDouble()).isZero();
        assertThat(dW.get("max_score").asDouble()).isEqualTo(2.0);
        assertThat(dW.get("status").asText()).isEqualTo("failed");
        assertThat(dW.get("output").asText())
                .contains("Result: failed", Fixtures.NAN_FEEDBACK, "Diagnosis: dW is not divided by the batch size",
                        "Output of your code:", "debug: W=[[0.1, NaN]]");
        assertThat(dW.get("tags")).extracting(JsonNode::asText).containsExactly("Dense layer", "failed");
        assertThat(dW.get("visibility").asText()).isEqualTo("visible");

        assertThat(tests).extracting(t -> t.get("status").asText()).containsExactly("passed", "passed", "failed",
                "passed", "passed", "failed", "failed", "failed", "passed", "failed", "failed", "passed");
        assertThat(tests.get(6).get("tags")).extracting(JsonNode::asText).containsExactly("Dense layer", "error");
        assertThat(tests.get(0).get("output").asText()).isEmpty();
    }

    @Test
    void hiddenChecksKeepTheirVisibility() {
        List<JsonNode> tests = tests(Schemas.parse(writer.render(Fixtures.mixed())));
        assertThat(tests.get(9).get("number").asText()).isEqualTo("5.2");
        assertThat(tests.get(9).get("visibility").asText()).isEqualTo("hidden");
        assertThat(tests.get(10).get("visibility").asText()).isEqualTo("after_due_date");
        assertThat(tests.get(11).get("visibility").asText()).isEqualTo("after_published");
    }

    @Test
    void topLevelFieldsFollowTheSpecification() {
        JsonNode root = Schemas.parse(writer.render(Fixtures.allPassed()));
        assertThat(root.get("execution_time").isNumber()).isTrue();
        assertThat(root.get("execution_time").asDouble()).isEqualTo(11.5);
        assertThat(root.get("visibility").asText()).isEqualTo("visible");
        assertThat(root.get("stdout_visibility").asText()).isEqualTo("hidden");
        assertThat(root.get("output_format").asText()).isEqualTo("text");
        assertThat(root.get("output").asText()).isEqualTo("Total: 3.5 / 3.5 points (100%)");
    }

    @Test
    void topLevelOutputWithholdsTheTotalWhileChecksAreHidden() {
        String output = Schemas.parse(writer.render(Fixtures.mixed())).get("output").asText();
        assertThat(output)
                .doesNotContain("Total:")
                .contains("Points of the visible checks: 8.5 / 15 points (56.7%); 3 more checks, worth "
                        + Text.points(Fixtures.mixed().maxScore() - 15) + " points, are not shown yet.")
                .contains("Compile problems (1):", "Network.java:88: warning: [unchecked]")
                .contains("Notes:", "- extra file ignored: notes.txt")
                .contains("Other output of your code:", "OutOfMemoryError");
    }

    @Test
    void emptyReportSaysNothingCouldBeGraded() {
        JsonNode root = Schemas.parse(writer.render(Fixtures.empty()));
        assertThat(root.get("score").asDouble()).isZero();
        assertThat(root.get("tests")).isEmpty();
        assertThat(root.get("output").asText()).startsWith("No checks could be graded.")
                .contains("Loss.java:12: error: cannot find symbol");
    }

    @Test
    void longOutputIsTruncated() {
        List<JsonNode> tests = tests(Schemas.parse(writer.render(Fixtures.nasty())));
        assertThat(tests.get(0).get("output").asText().length()).isLessThan(GradescopeWriter.MAX_TEST_OUTPUT + 2_000)
                .isGreaterThan(0);
        assertThat(tests.get(0).get("output").asText()).contains("more characters not shown");
    }

    static List<JsonNode> tests(JsonNode root) {
        return StreamSupport.stream(root.get("tests").spliterator(), false).toList();
    }
}
