package backprop.grader.report;

/**
 * How {@link Reports#consoleSummary(backprop.grader.results.GradeReport, SummaryOptions)} renders.
 *
 * @param ansi         colour the text with ANSI escape codes (only for a terminal that shows them)
 * @param revealHidden also show names and feedback of checks students may not see yet; off by default
 *                     because the summary usually ends up in a log the student can read
 */
public record SummaryOptions(boolean ansi, boolean revealHidden) {
    /** Plain text, hidden checks reported by number only. */
    public static final SummaryOptions DEFAULT = new SummaryOptions(false, false);

    public SummaryOptions withAnsi(boolean on) {
        return new SummaryOptions(on, revealHidden);
    }

    public SummaryOptions withRevealHidden(boolean on) {
        return new SummaryOptions(ansi, on);
    }
}
