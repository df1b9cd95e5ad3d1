package backprop.grader.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gradebook's CSV and the class statistics on hand-made entries (the batch test checks them on real grading). */
class GradebookAndSummaryTest {

    private static StudentEntry graded(String id, double... partScores) {
        List<StudentEntry.PartScore> parts = new ArrayList<>();
        List<StudentEntry.CheckEntry> checks = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < partScores.length; i++) {
            parts.add(new StudentEntry.PartScore("Part " + (i + 1), partScores[i], 10));
            checks.add(new StudentEntry.CheckEntry((i + 1) + ".1", "check " + (i + 1), "Part " + (i + 1), 10,
                    partScores[i] == 10 ? "passed" : "failed", partScores[i] == 10 ? "" : "off by one"));
            total += partScores[i];
        }
        return new StudentEntry(id, true, "", total, 10.0 * partScores.length, parts, checks, "v", "");
    }

    @Test
    void csvFollowsRfc4180AndDefusesFormulas() {
        List<StudentEntry> entries = List.of(graded("alice", 10, 7.5), graded("o'brien, \"pat\"", 0, 10),
                graded("=HYPERLINK(\"x\")", 10, 10), StudentEntry.ungraded("bob", "corrupt zip: line1\nline2, \"quoted\"", ""));
        String csv = Gradebook.render(entries);
        assertThat(csv).startsWith("student_id,total,max,Part 1,Part 2,status,reason\r\n");
        List<List<String>> rows = Csv.parse(csv);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(1)).containsExactly("alice", "17.5", "20", "10", "7.5", "graded", "");
        assertThat(rows.get(2)).containsExactly("o'brien, \"pat\"", "10", "20", "0", "10", "graded", "");
        assertThat(rows.get(3).get(0)).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(rows.get(4)).containsExactly("bob", "", "", "", "", "ungraded", "corrupt zip: line1 line2, \"quoted\"");
        assertThat(csv).contains("\"o'brien, \"\"pat\"\"\"");
    }

    @Test
    void statisticsOverGradedSubmissionsOnly() {
        List<StudentEntry> entries = List.of(graded("a", 10, 10), graded("b", 0, 0), graded("c", 5, 4.5),
                graded("d", 9, 10), StudentEntry.ungraded("e", "empty folder", ""));
        ClassSummary s = ClassSummary.of(entries, "v");
        assertThat(s.graded()).isEqualTo(4);
        assertThat(s.scores()).containsExactly(0.0, 9.5, 19.0, 20.0);
        assertThat(s.median()).isEqualTo(14.25);
        assertThat(s.mean()).isEqualTo(12.125);
        assertThat(s.min()).isZero();
        assertThat(s.max()).isEqualTo(20.0);
        // 0 % -> bin 0, 47.5 % -> bin 4, 95 % and 100 % -> bin 9.
        assertThat(s.histogram()).extracting(ClassSummary.Bin::count).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 0, 2);
        assertThat(s.ungraded()).extracting(StudentEntry::id).containsExactly("e");
        ClassSummary.CheckStats first = s.checks().get(0);
        assertThat(first.number()).isEqualTo("1.1");
        assertThat(first.failed()).isEqualTo(3);
        assertThat(first.failureRate()).isEqualTo(0.75);
        assertThat(first.diagnoses()).containsExactly(new ClassSummary.Diagnosis("off by one", 3));
        assertThat(s.mostFailed().get(0).number()).isEqualTo("1.1");
        JsonObject json = JsonParser.parseString(s.toJson()).getAsJsonObject();
        assertThat(json.get("count").getAsInt()).isEqualTo(4);
        assertThat(json.get("median").getAsDouble()).isEqualTo(14.25);
        assertThat(json.getAsJsonArray("ungraded").get(0).getAsJsonObject().get("reason").getAsString()).isEqualTo("empty folder");
        assertThat(SummaryPage.render(s)).contains("id=\"histogram\"");
    }

    @Test
    void anEmptyClassHasNoStatistics() {
        ClassSummary s = ClassSummary.of(List.of(StudentEntry.ungraded("x", "corrupt zip", "")), "v");
        JsonObject json = JsonParser.parseString(s.toJson()).getAsJsonObject();
        assertThat(json.get("count").getAsInt()).isZero();
        assertThat(json.get("mean").isJsonNull()).isTrue();
        assertThat(json.get("median").isJsonNull()).isTrue();
        assertThat(SummaryPage.render(s)).contains("Could not be graded (1)");
        assertThat(Gradebook.render(s.entries())).isEqualTo("student_id,total,max,status,reason\r\nx,,,ungraded,corrupt zip\r\n");
    }

    @Test
    void checkNumbersSortNumerically() {
        assertThat(new ArrayList<>(List.of("2.10", "2.9", "10.1", "1.2", "1.10")).stream().sorted(ClassSummary.BY_NUMBER))
                .containsExactly("1.2", "1.10", "2.9", "2.10", "10.1");
    }
}
