package backprop.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import backprop.grader.report.Reports;
import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three report files written for one partly right submission (the example) tell the same story:
 * the same total, equal to {@link GradeReport#score()}, and every check in each. (Their schemas are
 * tested in backprop.grader.report.)
 */
class ReportAgreementTest {
    private static final double EPS = 1e-9;

    @TempDir
    static Path out;
    private static List<Path> written;

    /** The reports of the example, written once into {@link #out}. */
    private static synchronized List<Path> written() throws IOException {
        if (written == null) {
            written = Reports.writeAll(report(), out);
        }
        return written;
    }

    private static GradeReport report() {
        return GradedSubmissions.example().get();
    }

    private static JsonObject json(String file) throws IOException {
        written();
        return JsonParser.parseString(Files.readString(out.resolve(file), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void writesTheThreeReports() throws IOException {
        assertThat(written()).extracting(p -> p.getFileName().toString())
                .containsExactly("report.json", "results.json", "classroom.json", "junit.xml", "summary.md", "report.html");
        assertThat(written()).allSatisfy(p -> assertThat(p).isRegularFile().isNotEmptyFile());
    }

    @Test
    void totalsAgreeAcrossTheReports() throws IOException {
        double score = report().score();
        assertThat(score).isGreaterThan(0).isLessThan(report().maxScore());

        double nativeScore = json("report.json").get("score").getAsDouble();
        double gradescopeScore = json("results.json").get("score").getAsDouble();
        double classroomScore = 0;
        for (JsonElement t : json("classroom.json").getAsJsonArray("tests")) {
            classroomScore += t.getAsJsonObject().get("score").getAsDouble();
        }

        assertThat(nativeScore).isCloseTo(score, within(EPS));
        assertThat(gradescopeScore).isCloseTo(score, within(EPS));
        assertThat(classroomScore).isCloseTo(score, within(EPS));
    }

    @Test
    void maximumScoresAgreeAcrossTheReports() throws IOException {
        double max = report().maxScore();
        assertThat(json("report.json").get("max_score").getAsDouble()).isCloseTo(max, within(EPS));
        assertThat(json("classroom.json").get("max_score").getAsDouble()).isCloseTo(max, within(EPS));
        double gradescopeMax = 0;
        for (JsonElement t : json("results.json").getAsJsonArray("tests")) {
            gradescopeMax += t.getAsJsonObject().get("max_score").getAsDouble();
        }
        assertThat(gradescopeMax).isCloseTo(max, within(EPS));
    }

    @Test
    void everyCheckAppearsInEveryReport() throws IOException {
        List<String> numbers = report().checks().stream().map(CheckResult::number).toList();
        assertThat(numbers).containsExactlyElementsOf(GradedSubmissions.numbers());

        List<String> nativeNumbers = new ArrayList<>();
        for (JsonElement part : json("report.json").getAsJsonArray("parts")) {
            for (JsonElement c : part.getAsJsonObject().getAsJsonArray("checks")) {
                nativeNumbers.add(c.getAsJsonObject().get("number").getAsString());
            }
        }
        List<String> gradescopeNumbers = new ArrayList<>();
        for (JsonElement t : json("results.json").getAsJsonArray("tests")) {
            gradescopeNumbers.add(t.getAsJsonObject().get("number").getAsString());
        }
        // Classroom splits a check into equal entries named "<number> <name> (k/n)"; hidden ones by number only.
        Set<String> classroomNumbers = new LinkedHashSet<>();
        for (JsonElement t : json("classroom.json").getAsJsonArray("tests")) {
            String name = t.getAsJsonObject().get("name").getAsString();
            classroomNumbers.add(name.substring(0, name.indexOf(' ')));
        }

        assertThat(nativeNumbers).containsExactlyElementsOf(numbers);
        assertThat(gradescopeNumbers).containsExactlyElementsOf(numbers);
        assertThat(classroomNumbers).containsExactlyElementsOf(numbers);
    }

    @Test
    void perCheckScoresAgreeAcrossTheReports() throws IOException {
        for (JsonElement t : json("results.json").getAsJsonArray("tests")) {
            JsonObject test = t.getAsJsonObject();
            CheckResult c = GradedSubmissions.check(report(), test.get("number").getAsString());
            assertThat(test.get("score").getAsDouble()).as(c.number()).isCloseTo(c.score(), within(EPS));
        }
        for (CheckResult c : report().checks()) {
            double sum = 0;
            for (JsonElement t : json("classroom.json").getAsJsonArray("tests")) {
                String name = t.getAsJsonObject().get("name").getAsString();
                if (name.startsWith(c.number() + " ")) {
                    sum += t.getAsJsonObject().get("score").getAsDouble();
                }
            }
            assertThat(sum).as("classroom entries of %s", c.number()).isCloseTo(c.score(), within(EPS));
        }
    }
}
