package backprop.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import backprop.grader.results.GradeReport;
import backprop.grader.results.Status;
import backprop.grader.results.Visibility;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClassroomWriterTest {
    private final ReportWriter writer = ReportWriter.classroom();

    static List<GradeReport> reports() {
        return Fixtures.all();
    }

    @ParameterizedTest
    @MethodSource("reports")
    void conformsToTheSchema(GradeReport report) {
        assertThat(Schemas.CLASSROOM.validate(writer.render(report))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("reports")
    void tableAndAnnotationBothShowOurTotal(GradeReport report) {
        JsonNode results = viaEnvironment(writer.render(report));

        assertThat(ClassroomReporter.annotationPoints(results)).isEqualTo(report.score());
        assertThat(ClassroomReporter.tableScore(results)).isNotNaN().isCloseTo(report.score(), within(1e-9));
        assertThat(ClassroomReporter.maxScore(results)).isEqualTo(report.maxScore());
    }

    @Test
    void mixedPointsAreSplitIntoEqualEntries() {
        GradeReport report = Fixtures.mixed();
        JsonNode results = viaEnvironment(writer.render(report));
        List<JsonNode> tests = tests(results);

        // 19.5 points in units of 0.5.
        assertThat(tests).hasSize(39);
        assertThat(tests).allSatisfy(t -> assertThat(t.get("score").asDouble()).isIn(0.0, 0.5));
        assertThat(tests.stream().filter(t -> t.get("status").asText().equals("pass"))).hasSize(18);
        assertThat(names(tests)).contains(
                "3.2 DenseLayer.backward: dW matches finite differences (1/4)",
                "3.2 DenseLayer.backward: dW matches finite differences (4/4)",
                "1.3 ReLU.backward at zero",
                "5.1 Trainer reduces the loss on XOR (6/6)");
        // (passed / all) × max_score == Σ score == our score
        assertThat(18.0 / 39 * 19.5).isEqualTo(9.0);
        assertThat(ClassroomReporter.tableScore(results)).isEqualTo(9.0);
        assertThat(ClassroomReporter.annotationPoints(results)).isEqualTo(9.0);
        assertThat(results.get("status").asText()).isEqualTo("fail");
    }

    @Test
    void aFailedCheckCarriesItsFeedbackOnceAndEveryEntryIsComplete() {
        List<JsonNode> tests = tests(Schemas.parse(writer.render(Fixtures.mixed())));
        JsonNode first = byName(tests, "3.2 DenseLayer.backward: dW matches finite differences (1/4)");
        JsonNode second = byName(tests, "3.2 DenseLayer.backward: dW matches finite differences (2/4)");

        assertThat(first.get("status").asText()).isEqualTo("fail");
        assertThat(first.get("message").asText()).contains(Fixtures.NAN_FEEDBACK, "Diagnosis: dW is not divided");
        assertThat(first.get("test_code").asText()).isEqualTo(first.get("message").asText());
        assertThat(first.get("execution_time").asDouble()).isEqualTo(0.041);
        assertThat(second.get("message").asText()).isEqualTo("Same check as (1/4).");
        assertThat(second.get("test_code").asText()).isEmpty();
        assertThat(tests).allSatisfy(t -> assertThat(t.get("line_no").asInt()).isZero());
    }

    @Test
    void checksStudentsMayNotSeeAreReportedByNumberOnly() {
        String json = writer.render(Fixtures.mixed());
        List<JsonNode> tests = tests(Schemas.parse(json));

        assertThat(json).doesNotContain("spiral", "hidden data set", "predictions differ");
        assertThat(names(tests)).contains("5.2 hidden check (1/6)", "5.3 hidden check (2/2)", "5.4 hidden check");
        assertThat(byName(tests, "5.2 hidden check (1/6)").get("message").asText())
                .isEqualTo("Result: timed out. The details of this check are not shown.");
        // Nor is their time: CPU burnt in proportion to an input would tell the input.
        assertThat(tests).filteredOn(t -> t.get("name").asText().contains("hidden check"))
                .isNotEmpty().allSatisfy(t -> assertThat(t.get("execution_time").asDouble()).isZero());
    }

    @Test
    void topLevelStatus() {
        assertThat(status(Fixtures.allPassed())).isEqualTo("pass");
        assertThat(status(Fixtures.mixed())).isEqualTo("fail");
        assertThat(status(Fixtures.empty())).isEqualTo("error");
        assertThat(status(Fixtures.notCompiled())).isEqualTo("error");
    }

    @Test
    void emptyReportHasOneErrorEntrySoTheReporterPrintsNoNaN() {
        JsonNode results = viaEnvironment(writer.render(Fixtures.empty()));

        assertThat(results.get("max_score").asDouble()).isZero();
        assertThat(tests(results)).singleElement().satisfies(t -> {
            assertThat(t.get("status").asText()).isEqualTo("error");
            assertThat(t.get("score").asDouble()).isZero();
            assertThat(t.get("message").asText()).contains("No checks could be graded", "Loss.java:12");
        });
        assertThat(ClassroomReporter.tableScore(results)).isZero();
        assertThat(ClassroomReporter.annotates(results)).isFalse();
    }

    @Test
    void zeroPointChecksAreLeftOutBecauseTheyWouldSkewTheTable() {
        GradeReport report = Fixtures.single(List.of(
                Fixtures.passed("1.1", "worth nothing", "P", 0),
                Fixtures.check("1.2", "worth two", "P", 2, Status.FAILED, "no", "", Visibility.VISIBLE, 1, ""),
                Fixtures.passed("1.3", "worth one", "P", 1)));
        JsonNode results = Schemas.parse(writer.render(report));

        assertThat(names(tests(results))).containsExactly("1.2 worth two (1/2)", "1.2 worth two (2/2)", "1.3 worth one");
        assertThat(ClassroomReporter.tableScore(results)).isEqualTo(1.0);
        assertThat(ClassroomReporter.annotationPoints(results)).isEqualTo(1.0);
    }

    @Test
    void onlyZeroPointChecksStillGiveOneEntry() {
        GradeReport report = Fixtures.single(List.of(Fixtures.passed("1.1", "free", "P", 0)));
        JsonNode results = Schemas.parse(writer.render(report));
        assertThat(Schemas.CLASSROOM.validate(results)).isEmpty();
        assertThat(results.get("status").asText()).isEqualTo("pass");
        assertThat(ClassroomReporter.tableScore(results)).isZero();
    }

    @Test
    void staysSmallEnoughForAnEnvironmentVariable() {
        String json = writer.render(Fixtures.nasty());
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ClassroomWriter.MAX_BYTES);
        // Linux limits one environment variable (name=value) to 128 KiB.
        assertThat(base64(json).length() + "BACKPROP_RESULTS=".length()).isLessThan(128 * 1024);
    }

    @Test
    void isCompactAndNamedClassroomJson() {
        assertThat(writer.fileName()).isEqualTo("classroom.json");
        assertThat(writer.render(Fixtures.allPassed()).strip()).doesNotContain("\n");
    }

    /** Any mix of points that are multiples of 0.5: the three totals agree. */
    @RepeatedTest(200)
    void anyMixOfHalfPointsAgrees() {
        Random random = new Random();
        int n = 1 + random.nextInt(25);
        double[] points = new double[n];
        boolean[] passed = new boolean[n];
        for (int i = 0; i < n; i++) {
            points[i] = (1 + random.nextInt(12)) * 0.5;
            passed[i] = random.nextBoolean();
        }
        GradeReport report = Fixtures.withPoints(points, passed);
        JsonNode results = viaEnvironment(writer.render(report));

        assertThat(Schemas.CLASSROOM.validate(results)).isEmpty();
        assertThat(ClassroomReporter.annotationPoints(results)).isEqualTo(report.score());
        // The table's float division may differ from the exact value in the last bit (see docs).
        assertThat(ClassroomReporter.tableScore(results)).isCloseTo(report.score(), within(1e-9));
        assertThat(ClassroomReporter.maxScore(results)).isEqualTo(report.maxScore());
    }

    private String status(GradeReport report) {
        return Schemas.parse(writer.render(report)).get("status").asText();
    }

    /** The round trip of the workflow: base64 -w0 classroom.json into BACKPROP_RESULTS, decoded by the reporter. */
    private static JsonNode viaEnvironment(String json) {
        return ClassroomReporter.decode(base64(json));
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> tests(JsonNode results) {
        return StreamSupport.stream(results.get("tests").spliterator(), false).toList();
    }

    private static List<String> names(List<JsonNode> tests) {
        return tests.stream().map(t -> t.get("name").asText()).toList();
    }

    private static JsonNode byName(List<JsonNode> tests, String name) {
        return tests.stream().filter(t -> t.get("name").asText().equals(name)).findFirst().orElseThrow();
    }
}
