package backprop.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NativeJsonWriterTest {
    private final ReportWriter writer = ReportWriter.nativeJson();

    static List<GradeReport> reports() {
        return Fixtures.all();
    }

    @ParameterizedTest
    @MethodSource("reports")
    void conformsToTheSchema(GradeReport report) {
        assertThat(Schemas.REPORT.validate(writer.render(report))).isEmpty();
    }

    @Test
    void isNamedReportJson() {
        assertThat(writer.fileName()).isEqualTo("report.json");
    }

    @Test
    void carriesTheWholeReport() {
        GradeReport report = Fixtures.mixed();
        JsonNode root = Schemas.parse(writer.render(report));

        assertThat(root.get("submission_id").asText()).isEqualTo("alice-hw3");
        assertThat(root.get("grader_version").asText()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(root.get("started_at").asText()).isEqualTo("2025-03-14T09:26:53.589Z");
        assertThat(root.get("finished_at").asText()).isEqualTo("2025-03-14T09:27:05.089Z");
        assertThat(root.get("execution_time").asDouble()).isEqualTo(11.5);
        assertThat(root.get("score").asDouble()).isEqualTo(report.score()).isEqualTo(9.0);
        assertThat(root.get("max_score").asDouble()).isEqualTo(report.maxScore()).isEqualTo(19.5);
        assertThat(root.get("parts")).hasSize(3);
        assertThat(root.at("/parts/1/name").asText()).isEqualTo("Dense layer");
        assertThat(root.at("/parts/1/score").asDouble()).isEqualTo(2.0);
        assertThat(root.at("/parts/1/max_score").asDouble()).isEqualTo(8.0);

        JsonNode dW = root.at("/parts/1/checks/1");
        CheckResult expected = report.parts().get(1).checks().get(1);
        assertThat(dW.get("number").asText()).isEqualTo("3.2");
        assertThat(dW.get("name").asText()).isEqualTo(expected.name());
        assertThat(dW.get("part").asText()).isEqualTo("Dense layer");
        assertThat(dW.get("score").asDouble()).isZero();
        assertThat(dW.get("max_score").asDouble()).isEqualTo(2.0);
        assertThat(dW.get("status").asText()).isEqualTo("failed");
        assertThat(dW.get("feedback").asText()).isEqualTo(Fixtures.NAN_FEEDBACK);
        assertThat(dW.get("diagnosis").asText()).isEqualTo("dW is not divided by the batch size");
        assertThat(dW.get("visibility").asText()).isEqualTo("visible");
        assertThat(dW.get("duration_ms").asLong()).isEqualTo(41);
        assertThat(dW.get("output").asText()).isEqualTo("debug: W=[[0.1, NaN]]\n");

        assertThat(statuses(root)).containsExactly("passed", "passed", "failed", "passed", "passed", "failed",
                "error", "not_implemented", "passed", "timeout", "failed", "passed");
        assertThat(root.at("/parts/2/checks/1/visibility").asText()).isEqualTo("hidden");
        assertThat(root.at("/parts/2/checks/2/visibility").asText()).isEqualTo("after_due_date");
        assertThat(root.at("/parts/2/checks/3/visibility").asText()).isEqualTo("after_published");

        assertThat(root.at("/diagnostics/0/file").asText()).isEqualTo("src/main/java/backprop/nn/Network.java");
        assertThat(root.at("/diagnostics/0/line").asLong()).isEqualTo(88);
        assertThat(root.at("/diagnostics/0/kind").asText()).isEqualTo("warning");
        assertThat(root.at("/diagnostics/0/message").asText()).contains("List<Double>");
        assertThat(root.get("notes")).hasSize(2);
        assertThat(root.get("output").asText()).contains("OutOfMemoryError");
    }

    @Test
    void keepsHostileTextExactlyExceptLoneSurrogates() {
        JsonNode root = Schemas.parse(writer.render(Fixtures.nasty()));
        // The report's records keep every text printable: line breaks stay, other controls become escapes.
        String expected = backprop.grader.Printable.keepingLines(Fixtures.NASTY);

        assertThat(expected).doesNotContain("\u001B", "\u0000", "\r", "\ud800").contains("\\x1B[31mred", "tab\nCRLF");
        assertThat(root.get("submission_id").asText()).isEqualTo(backprop.grader.Printable.of(Fixtures.NASTY));
        assertThat(root.at("/parts/0/checks/0/diagnosis").asText()).isEqualTo(expected);
        assertThat(root.at("/parts/0/checks/0/feedback").asText()).startsWith(expected).contains("NaN", "Infinity");
        assertThat(root.at("/parts/0/checks/2/duration_ms").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(root.at("/diagnostics/0/line").asLong()).as("NOPOS (-1) is written as 0").isZero();
    }

    @Test
    void writesNoHtmlEscapesAndEndsWithANewline() {
        String json = writer.render(Fixtures.mixed());
        assertThat(json).contains("List<Double>").doesNotContain("\\u003c").endsWith("}\n");
    }

    @Test
    void reportWithoutTimestampsIsRejectedBeforeAnyWriterSeesIt() {
        assertThatThrownBy(() -> new GradeReport("x", "v", null, null, List.of(), List.of(), List.of(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("startedAt");
    }

    private static List<String> statuses(JsonNode root) {
        return StreamSupport.stream(root.get("parts").spliterator(), false)
                .flatMap(p -> StreamSupport.stream(p.get("checks").spliterator(), false))
                .map(c -> c.get("status").asText())
                .toList();
    }
}
