package backprop.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.results.GradeReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReportsTest {
    @TempDir
    Path tmp;

    static List<GradeReport> reports() {
        return Fixtures.all();
    }

    @ParameterizedTest
    @MethodSource("reports")
    void writesValidJsonAndJUnitFilesWhoseTotalsAgreeAndAnHtmlReport(GradeReport report) throws Exception {
        Path dir = tmp.resolve("grading/nested");
        List<Path> written = Reports.writeAll(report, dir);

        assertThat(written).containsExactly(dir.resolve("report.json"), dir.resolve("results.json"),
                dir.resolve("classroom.json"), dir.resolve("junit.xml"), dir.resolve("summary.md"), dir.resolve("report.html"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("report.json", "results.json", "classroom.json", "junit.xml", "summary.md", "report.html");
        }
        // junit.xml's points (per-check properties) add up to results.json's score and the report's maximum.
        org.w3c.dom.NodeList properties = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("junit.xml").toFile()).getElementsByTagName("property");
        double junitScore = 0;
        double junitMax = 0;
        for (int i = 0; i < properties.getLength(); i++) {
            org.w3c.dom.Element p = (org.w3c.dom.Element) properties.item(i);
            if (p.getAttribute("name").endsWith(".points")) {
                junitScore += Double.parseDouble(p.getAttribute("value").split("/")[0]);
                junitMax += Double.parseDouble(p.getAttribute("value").split("/")[1]);
            }
        }
        assertThat(junitScore).as("junit.xml total").isEqualTo(read(dir.resolve("results.json")).get("score").asDouble());
        assertThat(junitMax).isEqualTo(report.maxScore());
        JsonNode nativeJson = read(dir.resolve("report.json"));
        JsonNode gradescope = read(dir.resolve("results.json"));
        JsonNode classroom = read(dir.resolve("classroom.json"));
        assertThat(Schemas.REPORT.validate(nativeJson)).isEmpty();
        assertThat(Schemas.GRADESCOPE.validate(gradescope)).isEmpty();
        assertThat(Schemas.CLASSROOM.validate(classroom)).isEmpty();

        double score = report.score();
        assertThat(nativeJson.get("score").asDouble()).isEqualTo(score);
        assertThat(gradescope.get("score").asDouble()).isEqualTo(score);
        assertThat(ClassroomReporter.annotationPoints(classroom)).isEqualTo(score);
        assertThat(nativeJson.get("max_score").asDouble()).isEqualTo(report.maxScore());
        assertThat(classroom.get("max_score").asDouble()).isEqualTo(report.maxScore());
    }

    @Test
    void replacesEarlierFiles() throws IOException {
        Reports.writeAll(Fixtures.mixed(), tmp);
        Reports.writeAll(Fixtures.allPassed(), tmp);
        assertThat(read(tmp.resolve("report.json")).get("score").asDouble()).isEqualTo(3.5);
    }

    @Test
    void consoleSummaryIsTheDefaultRendering() {
        GradeReport report = Fixtures.mixed();
        assertThat(Reports.consoleSummary(report)).isEqualTo(Reports.consoleSummary(report, SummaryOptions.DEFAULT));
    }

    /** Strict UTF-8, then strict JSON. */
    private static JsonNode read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return Schemas.parse(text);
        } catch (CharacterCodingException e) {
            throw new AssertionError(file + " is not valid UTF-8", e);
        }
    }
}
