package backprop.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.results.GradeReport;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {

    @Test
    void headerTotalAndPointsPerPart() {
        String text = Reports.consoleSummary(Fixtures.mixed());

        assertThat(text).startsWith("Submission: alice-hw3 (grader 0.1.0-SNAPSHOT)\nTotal: 9 / 19.5 (46.2%)\n");
        assertThat(text).containsPattern("(?m)^  Activations +3\\.5 / 4$")
                .containsPattern("(?m)^  Dense layer +2 / 8$")
                .containsPattern("(?m)^  Training +3\\.5 / 7\\.5$");
    }

    @Test
    void failedChecksWithStatusFeedbackAndDiagnosis() {
        String text = Reports.consoleSummary(Fixtures.mixed());

        assertThat(text).contains("Checks not passed (6):")
                .contains("  3.2 DenseLayer.backward: dW matches finite differences - failed (0 / 2)\n"
                        + "      " + Fixtures.NAN_FEEDBACK + "\n"
                        + "      Diagnosis: dW is not divided by the batch size\n")
                .contains("  3.3 DenseLayer.backward: db matches finite differences - error: the check crashed (0 / 3)\n"
                        + "      java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3\n"
                        + "          at backprop.nn.DenseLayer.backward(DenseLayer.java:57)\n")
                .contains("  3.4 DenseLayer.backward: dX shape - not implemented yet (0 / 1)")
                .doesNotContain("Sigmoid.forward");
    }

    @Test
    void compileProblemsAndNotes() {
        String text = Reports.consoleSummary(Fixtures.mixed());
        assertThat(text).contains("Compile problems (1):\n"
                        + "  src/main/java/backprop/nn/Network.java:88: warning: [unchecked] unchecked conversion: List<Double> to List\n")
                .contains("Notes:\n  - extra file ignored: notes.txt\n  - DenseLayer.java was replaced by the starter stub\n");
    }

    @Test
    void hiddenChecksAreShownByNumberOnlyUnlessRevealed() {
        GradeReport report = Fixtures.mixed();
        String student = Reports.consoleSummary(report);
        String instructor = Reports.consoleSummary(report, SummaryOptions.DEFAULT.withRevealHidden(true));

        assertThat(student).contains("  5.2 (hidden check) - timed out (0 / 3)\n", "  5.3 (hidden check) - failed (0 / 1)\n")
                .doesNotContain("spiral", "predictions differ");
        assertThat(instructor).contains("5.2 Trainer reaches 95% accuracy on the hidden data set - timed out (0 / 3)",
                "      secret: the hidden data set is the spiral with 7 arms", "predictions differ in 12 of 200 rows");
    }

    @Test
    void plainTextUnlessColoursAreAskedFor() {
        assertThat(Reports.consoleSummary(Fixtures.mixed())).doesNotContain("\u001B");
        String coloured = Reports.consoleSummary(Fixtures.mixed(), SummaryOptions.DEFAULT.withAnsi(true));
        assertThat(coloured).contains("\u001B[31m3.2 DenseLayer.backward", "\u001B[0m");
    }

    @Test
    void studentTextCannotControlTheTerminal() {
        String text = Reports.consoleSummary(Fixtures.nasty(), SummaryOptions.DEFAULT);

        assertThat(text).doesNotContain("\u001B", "\u0000", "\u0007", "\r", "\ud800", "\u2028")
                .contains("\\x1B[31mred\\x1B[0m", "\\x00NUL", "\\x07BEL", "end\\u2028sep");
        assertThat(text.length()).as("long feedback is truncated").isLessThan(60_000);
    }

    @Test
    void emptyReport() {
        String text = Reports.consoleSummary(Fixtures.empty());
        assertThat(text).isEqualTo("""
                Submission: bob (grader 0.1.0-SNAPSHOT)
                Total: 0 / 0 (0%)
                No checks were graded.

                Compile problems (1):
                  src/main/java/backprop/nn/Loss.java:12: error: cannot find symbol
                    symbol: class Matrx

                Notes:
                  - no Java sources found in the submission
                """);
    }
}
