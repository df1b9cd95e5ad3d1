package backprop.grader.report;

import backprop.grader.results.CheckResult;
import backprop.grader.results.CompileDiagnostic;
import backprop.grader.results.GradeReport;
import backprop.grader.results.PartResult;
import backprop.grader.results.Visibility;
import java.util.List;

/**
 * The text printed at the end of a grading run: total, points per part, then what went wrong (checks
 * that did not pass, compile problems, notes). Student-provided text is made harmless for a terminal:
 * control characters other than newline and tab are shown as {@code \xNN}, so student output cannot
 * move the cursor or change colours.
 */
final class ConsoleSummary {
    /** Feedback of one check shown on the console; report.json has all of it. */
    static final int MAX_FEEDBACK = 2_000;
    private static final String INDENT = "  ";
    private static final String DETAIL = "      ";

    private final SummaryOptions options;
    private final StringBuilder out = new StringBuilder();

    private ConsoleSummary(SummaryOptions options) {
        this.options = options;
    }

    static String render(GradeReport report, SummaryOptions options) {
        return new ConsoleSummary(options == null ? SummaryOptions.DEFAULT : options).summary(report);
    }

    private String summary(GradeReport report) {
        line(style(Ansi.BOLD, "Submission: " + oneLine(report.submissionId())
                + (blank(report.graderVersion()) ? "" : " (grader " + oneLine(report.graderVersion()) + ")")));
        double score = report.score();
        double max = report.maxScore();
        String totalColour = score >= max && max > 0 ? Ansi.GREEN : score > 0 ? Ansi.YELLOW : Ansi.RED;
        line(style(Ansi.BOLD + totalColour, "Total: " + Text.total(score, max)));
        if (report.checks().isEmpty()) {
            line("No checks were graded.");
        }
        parts(report.parts());
        failures(report.checks());
        diagnostics(report.diagnostics());
        notes(report.notes());
        return out.toString();
    }

    private void parts(List<PartResult> parts) {
        if (parts.isEmpty()) {
            return;
        }
        line("");
        line("Parts:");
        int width = Math.min(40, parts.stream().mapToInt(p -> oneLine(p.name()).length()).max().orElse(0));
        for (PartResult p : parts) {
            String name = oneLine(p.name());
            String points = Text.points(p.score()) + " / " + Text.points(p.maxScore());
            String colour = p.score() >= p.maxScore() ? Ansi.GREEN : Ansi.RED;
            line(INDENT + name + " ".repeat(Math.max(1, width - name.length() + 2)) + style(colour, points));
        }
    }

    private void failures(List<CheckResult> checks) {
        List<CheckResult> failed = checks.stream().filter(c -> !c.passed()).toList();
        if (failed.isEmpty()) {
            return;
        }
        line("");
        line("Checks not passed (" + failed.size() + "):");
        for (CheckResult c : failed) {
            boolean shown = options.revealHidden() || c.visibility() == Visibility.VISIBLE;
            String title = shown ? oneLine(Text.title(c)) : oneLine(c.number()) + " (hidden check)";
            line(INDENT + style(Ansi.RED, title) + " - " + Text.label(c.status())
                    + " (" + Text.points(c.score()) + " / " + Text.points(c.maxScore()) + ")");
            if (!shown) {
                continue;
            }
            block(Text.truncate(c.feedback().strip(), MAX_FEEDBACK), null);
            if (!c.diagnosis().isBlank()) {
                block(Text.truncate("Diagnosis: " + c.diagnosis().strip(), MAX_FEEDBACK), Ansi.YELLOW);
            }
        }
    }

    private void diagnostics(List<CompileDiagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            return;
        }
        line("");
        line("Compile problems (" + diagnostics.size() + "):");
        diagnostics.forEach(d -> item(INDENT, d.describe()));
    }

    private void notes(List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        line("");
        line("Notes:");
        notes.forEach(n -> item(INDENT + "- ", n));
    }

    /** {@code text} after {@code prefix}, its further lines indented to match. */
    private void item(String prefix, String text) {
        String[] lines = clean(Text.truncate(text, MAX_FEEDBACK)).split("\n", -1);
        line(prefix + lines[0]);
        for (int i = 1; i < lines.length; i++) {
            line(" ".repeat(prefix.length()) + lines[i]);
        }
    }

    /** Indented text, one output line per line of {@code text}. */
    private void block(String text, String colour) {
        if (text.isBlank()) {
            return;
        }
        for (String l : clean(text).split("\n", -1)) {
            line(DETAIL + (colour == null ? l : style(colour, l)));
        }
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private String style(String code, String s) {
        return options.ansi() ? code + s + Ansi.RESET : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Short text that must stay on one line (ids, names): line ends shown as \\n too. */
    static String oneLine(String s) {
        return clean(Text.truncate(s, 200)).replace("\n", "\\n");
    }

    /** Text as {@link backprop.grader.Printable#keepingLines} makes it: the one sanitiser of the grader. */
    static String clean(String s) {
        return backprop.grader.Printable.keepingLines(Json.text(s));
    }

    /** The few SGR codes used. */
    private static final class Ansi {
        static final String RESET = "\u001B[0m";
        static final String BOLD = "\u001B[1m";
        static final String RED = "\u001B[31m";
        static final String GREEN = "\u001B[32m";
        static final String YELLOW = "\u001B[33m";
    }
}
