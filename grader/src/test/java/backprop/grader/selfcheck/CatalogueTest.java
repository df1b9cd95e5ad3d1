package backprop.grader.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.report.Reports;
import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import backprop.grader.results.Status;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader's verdicts, proved on the bug catalogue with the real grader: the solutions score
 * 100 %, the starter 0; every mutant loses exactly the points of the checks its manifest lists
 * (each failed, none errored or timed out), keeps every other check, and each of its failed checks
 * names the mistake; every correct-but-different implementation scores 100 %.
 */
class CatalogueTest {

    @Test
    void solutionsScoreEveryPoint() {
        GradeReport report = Gradings.report(Gradings.SOLUTIONS);
        assertThat(notPassed(report)).as("checks the solutions do not pass").isEmpty();
        assertThat(report.score()).isEqualTo(report.maxScore()).isPositive();
    }

    @Test
    void starterScoresZeroWithNotImplementedEverywhere() {
        GradeReport report = Gradings.report(Gradings.STARTER);
        assertThat(report.score()).isZero();
        Map<String, Status> notStubbed = new LinkedHashMap<>();
        report.checks().stream().filter(c -> c.status() != Status.NOT_IMPLEMENTED)
                .forEach(c -> notStubbed.put(c.number(), c.status()));
        assertThat(notStubbed).as("checks of the untouched starter that are not 'not implemented yet'").isEmpty();
    }

    @Test
    void everyMutantHasAManifestAndDiffersFromTheSolutions() {
        Map<String, String> solutions = Catalogue.solutionFiles();
        assertThat(Catalogue.mutants()).as("catalogue mutants").hasSizeGreaterThanOrEqualTo(25);
        for (Catalogue.Fixture f : Catalogue.mutants()) {
            assertThat(f.files()).as("files of %s", f.id()).isNotEmpty();
            assertThat(f.fails()).as("expected failing checks of %s (expect.json)", f.id()).isNotEmpty();
            assertThat(f.diagnosis()).as("diagnosis substring of %s (expect.json)", f.id()).isNotBlank();
            assertThat(f.fails()).as("checks of %s that must name the mistake", f.id()).containsAll(f.diagnosed());
            f.files().forEach((name, text) -> assertThat(text).as("%s of %s", name, f.id()).isNotEqualTo(solutions.get(name)));
        }
        assertThat(Catalogue.correct()).as("correct-but-different fixtures").hasSizeGreaterThanOrEqualTo(6);
    }

    @TestFactory
    Stream<DynamicTest> everyMutantLosesExactlyItsChecksAndIsNamed() {
        return Catalogue.mutants().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            GradeReport report = Gradings.report(f.id());
            Map<String, String> wrong = new LinkedHashMap<>();
            for (CheckResult c : report.checks()) {
                boolean mustFail = f.fails().contains(c.number());
                if (mustFail && c.status() != Status.FAILED) {
                    wrong.put(c.number(), "expected FAILED, was " + c.status() + " " + c.feedback());
                } else if (!mustFail && c.status() != Status.PASSED) {
                    wrong.put(c.number(), "expected PASSED, was " + c.status() + ": " + c.feedback() + " / " + c.diagnosis());
                } else if (f.diagnosed().contains(c.number()) && !c.diagnosis().contains(f.diagnosis())) {
                    wrong.put(c.number(), "diagnosis does not contain '" + f.diagnosis() + "': '" + c.diagnosis() + "'");
                }
            }
            assertThat(wrong).as("%s: checks that differ from expect.json (fails %s, diagnosis '%s')", f.id(), f.fails(),
                    f.diagnosis()).isEmpty();
            assertThat(report.checks().stream().map(CheckResult::number).toList()).as("check numbers of the catalogue")
                    .containsAll(f.fails());
            assertThat(report.score()).isLessThan(report.maxScore());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyCorrectButDifferentImplementationScoresEveryPoint() {
        return Catalogue.correct().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            GradeReport report = Gradings.report(f.id());
            assertThat(notPassed(report)).as("%s: checks a correct implementation does not pass", f.id()).isEmpty();
        }));
    }

    /** The diagnosis reaches every report: report.json, results.json (Gradescope), classroom.json, and any other written. */
    @Test
    void theDiagnosisIsInEveryReport(@TempDir Path dir) throws IOException {
        GradeReport report = Gradings.report(Catalogue.MUTANTS + "/dense-db-averaged");
        CheckResult check = report.checks().stream().filter(c -> c.number().equals("3.4")).findFirst().orElseThrow();
        assertThat(check.diagnosis()).contains("averaged over the batch twice");
        List<Path> files = Reports.writeAll(report, dir);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("report.json", "results.json", "classroom.json");
        for (Path file : files) {
            String text = Files.readString(file);
            if (file.toString().endsWith(".json")) {
                List<String> strings = new ArrayList<>();
                collectStrings(JsonParser.parseString(text), strings);
                assertThat(strings).as("strings of %s", file.getFileName())
                        .anyMatch(s -> s.contains("averaged over the batch twice"));
            } else {
                assertThat(text).as(file.getFileName().toString()).contains("averaged over the batch twice");
            }
        }
    }

    private static void collectStrings(JsonElement e, List<String> out) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            out.add(e.getAsString());
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collectStrings(x, out));
        } else if (e.isJsonObject()) {
            e.getAsJsonObject().entrySet().forEach(x -> collectStrings(x.getValue(), out));
        }
    }

    private static Map<String, String> notPassed(GradeReport report) {
        Map<String, String> out = new LinkedHashMap<>();
        report.checks().stream().filter(c -> !c.passed())
                .forEach(c -> out.put(c.number(), c.status() + ": " + c.feedback() + " / " + c.diagnosis()));
        return out;
    }
}
