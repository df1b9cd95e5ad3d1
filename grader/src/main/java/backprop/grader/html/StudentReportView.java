package backprop.grader.html;

import backprop.grader.results.CheckResult;
import backprop.grader.results.CompileDiagnostic;
import backprop.grader.results.GradeReport;
import backprop.grader.results.PartResult;
import backprop.grader.results.Status;
import backprop.grader.results.Visibility;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The view model of {@code report.mustache}: a {@link GradeReport} turned into strings, lists and flags. */
record StudentReportView(String id, String graderVersion, String finishedAt, String seconds, String total, String score,
                         String max, String percent, String percentValue, String level, List<PartView> parts,
                         boolean hasParts, List<CheckView> failed, int failedCount, boolean hasFailed,
                         List<PassedView> passed, int passedCount, boolean hasPassed, List<String> diagnostics,
                         int diagnosticsCount, boolean hasDiagnostics, List<String> notes, boolean hasNotes,
                         String otherOutput, boolean hasOtherOutput, int hiddenCount, boolean anyHidden,
                         String hiddenPolicy, boolean revealHidden, boolean noChecks, String generator) {

    /** Feedback and diagnosis shown per check; report.json has all of it. */
    static final int MAX_FEEDBACK = 8_000;
    /** Captured output shown per check. */
    static final int MAX_OUTPUT = 20_000;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    record PartView(String name, String score, String max, String points, String percent, String width, String level,
                    int passed, int checks) {
    }

    record CheckView(String number, String anchor, String name, String part, String status, String statusLabel,
                     String points, boolean hidden, String feedback, boolean hasFeedback, String diagnosis,
                     boolean hasDiagnosis, String output, boolean hasOutput, int outputLines,
                     NetworkDiagram.View network, boolean hasNetwork) {
    }

    record PassedView(String number, String anchor, String name, String points, boolean hidden) {
    }

    static StudentReportView of(GradeReport report, boolean revealHidden) {
        double score = report.score();
        double max = report.maxScore();
        List<PartView> parts = new ArrayList<>();
        for (PartResult p : report.parts()) {
            double pct = Format.percentValue(p.score(), p.maxScore());
            int passed = (int) p.checks().stream().filter(CheckResult::passed).count();
            parts.add(new PartView(p.name(), Format.points(p.score()), Format.points(p.maxScore()),
                    Format.points(p.score()) + " / " + Format.points(p.maxScore()), Format.percent(p.score(), p.maxScore()),
                    Format.decimal(pct, 2), level(p.score(), p.maxScore()), passed, p.checks().size()));
        }
        List<CheckView> failed = new ArrayList<>();
        List<PassedView> passed = new ArrayList<>();
        int hidden = 0;
        for (CheckResult c : report.checks()) {
            boolean hide = !revealHidden && c.visibility() != Visibility.VISIBLE;
            if (c.visibility() != Visibility.VISIBLE) {
                hidden++;
            }
            String name = hide ? "hidden check " + c.number() : c.name();
            String points = Format.points(c.score()) + " / " + Format.points(c.maxScore());
            if (c.passed()) {
                passed.add(new PassedView(c.number(), anchor(c.number()), name, points, hide));
                continue;
            }
            String feedback = hide ? "" : Format.truncate(c.feedback().strip(), MAX_FEEDBACK);
            String diagnosis = hide ? "" : Format.truncate(c.diagnosis().strip(), MAX_FEEDBACK);
            String output = hide ? "" : Format.truncate(c.output(), MAX_OUTPUT);
            NetworkDiagram.View network = hide ? null : NetworkDiagram.from(c.evidence()).orElse(null);
            failed.add(new CheckView(c.number(), anchor(c.number()), name, c.part(), c.status().json(), label(c.status()),
                    points, hide, feedback, !feedback.isBlank(), diagnosis, !diagnosis.isBlank(), output, !output.isEmpty(),
                    Format.lines(output), network, network != null));
        }
        List<String> diagnostics = report.diagnostics().stream().map(CompileDiagnostic::describe)
                .map(s -> Format.truncate(s, MAX_FEEDBACK)).toList();
        List<String> notes = report.notes().stream().map(s -> Format.truncate(s, MAX_FEEDBACK)).toList();
        String other = Format.truncate(report.output(), MAX_OUTPUT);
        double seconds = report.executionSeconds();
        return new StudentReportView(report.submissionId(), report.graderVersion(), WHEN.format(report.finishedAt()),
                Format.decimal(Math.max(0, seconds), 1), Format.points(score) + " / " + Format.points(max),
                Format.points(score), Format.points(max), Format.percent(score, max),
                Format.decimal(Format.percentValue(score, max), 2), level(score, max), parts, !parts.isEmpty(), failed,
                failed.size(), !failed.isEmpty(), passed, passed.size(), !passed.isEmpty(), diagnostics,
                diagnostics.size(), !diagnostics.isEmpty(), notes, !notes.isEmpty(), other, !other.isBlank(), hidden,
                hidden > 0, hiddenPolicy(report), revealHidden, report.checks().isEmpty(), "backprop-lab grader " + report.graderVersion());
    }

    /**
     * When the checks shown by number only become visible, platform by platform: a promise of "later"
     * would be wrong for the hidden ones, which no student ever sees.
     */
    static String hiddenPolicy(GradeReport report) {
        java.util.Map<Visibility, Long> count = new java.util.EnumMap<>(Visibility.class);
        report.checks().forEach(c -> count.merge(c.visibility(), 1L, Long::sum));
        long shownLater = count.getOrDefault(Visibility.AFTER_DUE_DATE, 0L) + count.getOrDefault(Visibility.AFTER_PUBLISHED, 0L);
        long never = count.getOrDefault(Visibility.HIDDEN, 0L);
        long all = shownLater + never;
        StringBuilder s = new StringBuilder().append(all).append(all == 1 ? " check is" : " checks are")
                .append(" shown here by number and status only; ").append(all == 1 ? "it counts" : "they count")
                .append(" in your total.");
        if (shownLater > 0) {
            s.append(" On Gradescope, ").append(shownLater == 1 ? "the one" : "the " + shownLater)
                    .append(" marked “after the due date” (or “after publishing”) show").append(shownLater == 1 ? "s" : "")
                    .append(" name and feedback once the due date has passed (or grades are published).");
        }
        if (never > 0) {
            s.append(never == 1 ? " One check is hidden everywhere, always: students never see its name or feedback."
                    : " " + never + " checks are hidden everywhere, always: students never see their names or feedback.");
        }
        s.append(" In GitHub (the workflow's log and summary) and in this report every one of them stays number-only:"
                + " the grader does not know your due date.");
        return s.toString();
    }

    /** "full", "partial" or "none": the colour of a score. */
    static String level(double score, double max) {
        if (max > 0 && score >= max) {
            return "full";
        }
        return score > 0 ? "partial" : "none";
    }

    /** An id attribute value for a check number: "check-3-2". */
    static String anchor(String number) {
        StringBuilder b = new StringBuilder("check-");
        for (char c : number.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) && c < 128 ? c : '-');
        }
        return b.toString();
    }

    /** How a status reads to a student (the same words as the console summary). */
    static String label(Status status) {
        return switch (status) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case ERROR -> "error: the check crashed";
            case TIMEOUT -> "timed out";
            case NOT_COMPILED -> "not run: the submission did not compile";
            case NOT_IMPLEMENTED -> "not implemented yet";
        };
    }
}
