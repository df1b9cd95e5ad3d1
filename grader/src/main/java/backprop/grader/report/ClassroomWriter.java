package backprop.grader.report;

import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import backprop.grader.results.Status;
import backprop.grader.results.Visibility;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code classroom.json}: the result format of GitHub Classroom's runners, read base64-encoded from
 * {@code <RUNNER>_RESULTS} by {@code classroom-resources/autograding-grading-reporter@v1}.
 *
 * <p>That reporter computes a runner's score twice: its console table as
 * {@code passed tests / all tests × max_score}, its points annotation (which Classroom records) as the
 * sum of each test's {@code score}. Both equal our total only if every test is worth the same, so each
 * check is split into equal entries of {@link ClassroomUnits#unit()} points ("(1/2)", "(2/2)"), all
 * passing or all failing with the check. Checks worth 0 points are left out: they would count in the
 * table without counting in the sum. Every entry has a numeric {@code score} (a missing one makes the
 * reporter print NaN) and {@code line_no} 0 (anything else is printed as " - line N").
 *
 * <p>Classroom cannot hide anything from the student who owns the repository, so checks that are not
 * {@link Visibility#VISIBLE} are reported by number only, without name or feedback.
 */
final class ClassroomWriter implements ReportWriter {
    /**
     * Budget for the whole file in UTF-8 bytes. Its base64 (4/3 larger) travels in one environment
     * variable, and Linux refuses a single one above 128 KiB.
     */
    static final int MAX_BYTES = 64 * 1024;
    /** Message lengths tried, longest first, until the file fits {@link #MAX_BYTES}. */
    private static final int[] MESSAGE_CAPS = {1_500, 300, 0};
    /** Captured output of the student's code included in a failed check's message. */
    private static final int MAX_OUTPUT = 500;

    @Override
    public String fileName() {
        return "classroom.json";
    }

    @Override
    public String render(GradeReport report) {
        String json = "";
        for (int cap : MESSAGE_CAPS) {
            json = Json.compact(root(report, cap));
            if (json.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
                break;
            }
        }
        return json + "\n";
    }

    private static JsonObject root(GradeReport report, int cap) {
        String status = status(report);
        JsonArray tests = new JsonArray();
        List<CheckResult> graded = report.checks().stream().filter(c -> c.maxScore() > 0).toList();
        Optional<ClassroomUnits> units = ClassroomUnits.of(graded.stream().map(CheckResult::maxScore).toList());
        for (CheckResult check : graded) {
            long n = units.map(u -> u.entries(check.maxScore())).orElse(1L);
            double worth = units.map(ClassroomUnits::unit).orElse(check.maxScore());
            for (long k = 1; k <= n; k++) {
                tests.add(entry(check, k, n, worth, cap));
            }
        }
        if (tests.isEmpty()) {
            // An empty list makes the reporter divide 0 by 0 and print NaN; one 0-point entry does not.
            tests.add(placeholder(report, status, cap));
        }
        JsonObject root = new JsonObject();
        root.add("version", Json.number(1L));
        root.add("status", Json.string(status));
        root.add("max_score", Json.number(report.maxScore()));
        root.add("tests", tests);
        return root;
    }

    /** "pass" if every check passed, "error" if nothing could be graded, else "fail". */
    static String status(GradeReport report) {
        List<CheckResult> checks = report.checks();
        if (checks.isEmpty() || checks.stream().allMatch(c -> c.status() == Status.NOT_COMPILED)) {
            return "error";
        }
        return checks.stream().allMatch(CheckResult::passed) ? "pass" : "fail";
    }

    private static JsonObject entry(CheckResult check, long k, long n, double worth, int cap) {
        boolean visible = check.visibility() == Visibility.VISIBLE;
        String name = visible ? Text.title(check) : check.number() + " hidden check";
        if (n > 1) {
            name += " (" + k + "/" + n + ")";
        }
        String message;
        if (check.passed()) {
            message = "";
        } else if (k > 1) {
            message = "Same check as (1/" + n + ").";
        } else if (!visible) {
            message = "Result: " + Text.label(check.status()) + ". The details of this check are not shown.";
        } else {
            StringBuilder text = new StringBuilder(Text.verdict(check));
            if (!check.output().isBlank()) {
                Text.paragraph(text, "Output of your code:\n" + Text.truncate(check.output(), MAX_OUTPUT));
            }
            message = text.toString();
        }
        message = Text.truncate(message, cap);
        JsonObject o = new JsonObject();
        o.add("name", Json.string(name));
        o.add("status", Json.string(check.passed() ? "pass" : "fail"));
        o.add("score", Json.number(check.passed() ? worth : 0.0));
        o.add("message", Json.string(message));
        // The reporter prints test_code under every failed test (and message only for "error" ones).
        o.add("test_code", Json.string(check.passed() || k > 1 ? "" : message));
        o.add("filename", Json.string(""));
        o.add("line_no", Json.number(0L));
        // A hidden check's time is not shown: code that burns CPU in proportion to an input would read the
        // hidden inputs off it.
        o.add("execution_time", Json.number(k == 1 && visible ? Math.max(0L, check.durationMillis()) / 1000.0 : 0.0));
        return o;
    }

    private static JsonObject placeholder(GradeReport report, String status, int cap) {
        String message = Text.truncate(report.checks().isEmpty()
                ? GradescopeWriter.summary(report)
                : "No check is worth any points.", cap);
        JsonObject o = new JsonObject();
        o.add("name", Json.string("Grading"));
        o.add("status", Json.string(status));
        o.add("score", Json.number(0.0));
        o.add("message", Json.string(message));
        // For an "error" entry the reporter prints the message itself; test_code would repeat it.
        o.add("test_code", Json.string(status.equals("fail") ? message : ""));
        o.add("filename", Json.string(""));
        o.add("line_no", Json.number(0L));
        o.add("execution_time", Json.number(Text.executionSeconds(report)));
        return o;
    }
}
