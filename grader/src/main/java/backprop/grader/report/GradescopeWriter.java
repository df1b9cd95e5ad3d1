package backprop.grader.report;

import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import backprop.grader.results.Visibility;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * Gradescope's {@code results.json}, per the autograder specification
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/): a top-level {@code score} equal to
 * {@link GradeReport#score()} (it overrides the sum of the tests) and one test per check, each with its
 * own {@code visibility}, so hidden checks stay hidden from students while instructors see everything.
 */
final class GradescopeWriter implements ReportWriter {
    /**
     * Feedback, and separately captured output of the student's code, shown under one test; the grader
     * has usually truncated them already.
     */
    static final int MAX_TEST_OUTPUT = 8_000;
    /** Output of the test JVM that belongs to no check, shown in the top-level text. */
    static final int MAX_TOP_OUTPUT = 2_000;
    /** The whole top-level text. */
    static final int MAX_SUMMARY = 12_000;
    /** Compiler messages listed in the top-level text; the rest are counted. */
    static final int MAX_DIAGNOSTICS = 20;
    /**
     * Gradescope shows an autograder's stdout to students only when asked to. Ours stays hidden: the
     * run's log can name hidden checks, and everything students should see is already in {@code output}
     * and the tests.
     */
    static final String STDOUT_VISIBILITY = Visibility.HIDDEN.json();

    @Override
    public String fileName() {
        return "results.json";
    }

    @Override
    public String render(GradeReport report) {
        JsonObject root = new JsonObject();
        root.add("score", Json.number(report.score()));
        root.add("execution_time", Json.number(Text.executionSeconds(report)));
        root.add("output", Json.string(Text.truncate(summary(report), MAX_SUMMARY)));
        // "simple_format", the default for this field, renders HTML; compiler messages such as
        // "List<Double> cannot be converted" must stay literal text.
        root.add("output_format", Json.string("text"));
        root.add("test_output_format", Json.string("text"));
        root.add("test_name_format", Json.string("text"));
        root.add("visibility", Json.string(Visibility.VISIBLE.json()));
        root.add("stdout_visibility", Json.string(STDOUT_VISIBILITY));
        JsonArray tests = new JsonArray();
        report.checks().forEach(c -> tests.add(test(c)));
        root.add("tests", tests);
        return Json.pretty(root);
    }

    private static JsonObject test(CheckResult check) {
        JsonObject o = new JsonObject();
        o.add("name", Json.string(check.name())); // Gradescope shows "number" in front of it
        o.add("number", Json.string(check.number()));
        o.add("score", Json.number(check.score()));
        o.add("max_score", Json.number(check.maxScore()));
        o.add("status", Json.string(check.passed() ? "passed" : "failed"));
        o.add("output", Json.string(output(check)));
        o.add("tags", Json.strings(List.of(check.part(), check.status().json())));
        o.add("visibility", Json.string(check.visibility().json()));
        return o;
    }

    private static String output(CheckResult check) {
        StringBuilder out = new StringBuilder(Text.truncate(Text.verdict(check), MAX_TEST_OUTPUT));
        if (!check.output().isBlank()) {
            Text.paragraph(out, "Output of your code:\n" + Text.truncate(check.output(), MAX_TEST_OUTPUT));
        }
        return out.toString();
    }

    /**
     * The top-level text: total, compile problems, notes. While some checks are not yet visible to
     * students the total is left out, since Gradescope itself hides it then.
     */
    static String summary(GradeReport report) {
        StringBuilder out = new StringBuilder();
        boolean allVisible = report.checks().stream().allMatch(c -> c.visibility() == Visibility.VISIBLE);
        if (report.checks().isEmpty()) {
            out.append("No checks could be graded.");
        } else if (allVisible) {
            out.append("Total: ").append(Text.totalPoints(report.score(), report.maxScore()));
        } else {
            double score = 0;
            double max = 0;
            long shown = 0;
            for (CheckResult c : report.checks()) {
                if (c.visibility() == Visibility.VISIBLE) {
                    score += c.score();
                    max += c.maxScore();
                    shown++;
                }
            }
            long notShown = report.checks().size() - shown;
            out.append("Points of the visible checks: ").append(Text.totalPoints(score, max)).append("; ")
                    .append(notShown).append(notShown == 1 ? " more check, worth " : " more checks, worth ")
                    .append(Text.points(report.maxScore() - max)).append(" points, ")
                    .append(notShown == 1 ? "is" : "are").append(" not shown yet.");
        }
        if (!report.diagnostics().isEmpty()) {
            StringBuilder lines = new StringBuilder("Compile problems (" + report.diagnostics().size() + "):");
            report.diagnostics().stream().limit(MAX_DIAGNOSTICS)
                    .forEach(d -> lines.append("\n  ").append(d.describe()));
            if (report.diagnostics().size() > MAX_DIAGNOSTICS) {
                lines.append("\n  ... and ").append(report.diagnostics().size() - MAX_DIAGNOSTICS).append(" more");
            }
            Text.paragraph(out, lines.toString());
        }
        if (!report.notes().isEmpty()) {
            StringBuilder lines = new StringBuilder("Notes:");
            report.notes().forEach(n -> lines.append("\n  - ").append(n));
            Text.paragraph(out, lines.toString());
        }
        if (!report.output().isBlank()) {
            Text.paragraph(out, "Other output of your code:\n" + Text.truncate(report.output(), MAX_TOP_OUTPUT));
        }
        return out.toString();
    }
}
