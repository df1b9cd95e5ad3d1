package backprop.grader.report;

import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import backprop.grader.results.PartResult;
import backprop.grader.results.Visibility;
import java.util.List;

/**
 * A grading as GitHub-flavoured Markdown: the total, a table of parts, every failed visible check with
 * its feedback and diagnosis, the checks shown by number only, and where the HTML report is. The one
 * Markdown renderer of the grader, for every platform that shows Markdown (a GitHub Actions job
 * summary, a release body).
 *
 * <p>Student-provided text (feedback quoting an exception message, compile errors) only ever appears
 * inside fenced code blocks whose fence is longer than any backtick run in it, so it cannot add links,
 * images or headings to the page.
 */
public final class MarkdownSummary {
    /** Feedback of one check shown; report.json has all of it. */
    static final int MAX_FEEDBACK = 1_500;
    /** Failed checks shown in full; the rest are listed by title. */
    static final int MAX_DETAILED = 25;

    private MarkdownSummary() {
    }

    /**
     * @param report     the grading
     * @param reportHint where the full HTML report is, as a sentence (plain text), or null
     */
    public static String render(GradeReport report, String reportHint) {
        StringBuilder md = new StringBuilder();
        md.append("## Backprop grader: ").append(code(report.submissionId())).append(" scored ")
                .append(Text.totalPoints(report.score(), report.maxScore())).append("\n\n");
        if (report.checks().isEmpty()) {
            md.append("No checks could be graded.\n\n");
        }
        parts(md, report.parts());
        failed(md, report.checks());
        numberOnly(md, report.checks());
        if (!report.diagnostics().isEmpty()) {
            md.append("### Compile problems (").append(report.diagnostics().size()).append(")\n\n");
            fenced(md, String.join("\n", report.diagnostics().stream().limit(20).map(d -> d.describe()).toList())
                    + (report.diagnostics().size() > 20 ? "\n... and " + (report.diagnostics().size() - 20) + " more" : ""));
        }
        if (!report.notes().isEmpty()) {
            md.append("### Notes\n\n");
            fenced(md, String.join("\n", report.notes()));
        }
        if (reportHint != null && !reportHint.isBlank()) {
            md.append(inline(reportHint)).append("\n");
        }
        return md.toString();
    }

    /** The summary of a submission that could not be graded at all: 0 points, and the reason. */
    public static String notGraded(String reason) {
        StringBuilder md = new StringBuilder("## Backprop grader: not graded (0 points)\n\nThe submission could not be graded:\n\n");
        fenced(md, backprop.grader.Printable.keepingLines(reason));
        return md.toString();
    }

    private static void parts(StringBuilder md, List<PartResult> parts) {
        if (parts.isEmpty()) {
            return;
        }
        md.append("| Part | Points | Checks passed |\n|---|---:|---:|\n");
        for (PartResult p : parts) {
            long passed = p.checks().stream().filter(CheckResult::passed).count();
            md.append("| ").append(inline(p.name())).append(" | ").append(Text.points(p.score())).append(" / ")
                    .append(Text.points(p.maxScore())).append(" | ").append(passed).append(" / ").append(p.checks().size())
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void failed(StringBuilder md, List<CheckResult> checks) {
        List<CheckResult> failed = checks.stream().filter(c -> !c.passed() && c.visibility() == Visibility.VISIBLE).toList();
        if (failed.isEmpty()) {
            return;
        }
        md.append("### Checks not passed (").append(failed.size()).append(")\n\n");
        int shown = 0;
        for (CheckResult c : failed) {
            md.append("- **").append(inline(Text.title(c))).append("**: ").append(Text.label(c.status())).append(" (")
                    .append(Text.points(c.score())).append(" / ").append(Text.points(c.maxScore())).append(")\n");
            if (shown++ >= MAX_DETAILED) {
                continue;
            }
            StringBuilder detail = new StringBuilder(Text.truncate(c.feedback().strip(), MAX_FEEDBACK));
            if (!c.diagnosis().isBlank()) {
                detail.append(detail.length() > 0 ? "\n" : "").append("Diagnosis: ")
                        .append(Text.truncate(c.diagnosis().strip(), MAX_FEEDBACK));
            }
            if (detail.length() > 0) {
                md.append('\n');
                fenced(md, detail.toString(), "  ");
            }
        }
        md.append('\n');
    }

    private static void numberOnly(StringBuilder md, List<CheckResult> checks) {
        List<CheckResult> hidden = checks.stream().filter(c -> c.visibility() != Visibility.VISIBLE).toList();
        if (hidden.isEmpty()) {
            return;
        }
        md.append("### Checks shown by number only (").append(hidden.size()).append(")\n\n");
        md.append(String.join(", ", hidden.stream().map(c -> c.number() + " " + Text.label(c.status())).toList()))
                .append(". They count in the total; their names and feedback are not shown here.\n\n");
    }

    private static void fenced(StringBuilder md, String text) {
        fenced(md, text, "");
        md.append('\n');
    }

    /** {@code text} verbatim in a fenced block (indented by {@code indent}, e.g. inside a list item). */
    private static void fenced(StringBuilder md, String text, String indent) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        md.append(indent).append(fence).append("text\n");
        text.lines().forEach(l -> md.append(indent).append(l).append('\n'));
        md.append(indent).append(fence).append('\n');
    }

    /** A code span: the submission's id is a folder's name, and nothing in it may become a link. */
    static String code(String s) {
        String text = backprop.grader.Printable.of(s);
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String ticks = "`".repeat(longest + 1);
        return ticks + " " + text + " " + ticks;
    }

    /**
     * Text for a heading, a table cell or a list item, never at the start of a line: on one line, with
     * the characters that open emphasis, code, links, images, HTML or table cells there escaped.
     */
    static String inline(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : backprop.grader.Printable.of(s).toCharArray()) {
            if ("\\`*_[]<>|~&".indexOf(c) >= 0) { // what can start emphasis, code, links, HTML or a table cell
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
