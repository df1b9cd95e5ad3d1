package backprop.grader;

/**
 * Text from a submission made safe to show: control characters (newlines, carriage returns, ANSI
 * escapes, NUL) become visible escapes, so a file name or a message cannot draw fake lines on a
 * console or break a report.
 */
public final class Printable {
    private Printable() {
    }

    /**
     * {@code s} on one line, with every control character except tab, the line and paragraph
     * separators and the bidirectional overrides that reorder text on screen shown as an escape
     * ({@code \n}, {@code \r}, {@code \x1B}, {@code \u202E}); a lone surrogate becomes U+FFFD.
     */
    public static String of(String s) {
        return s == null ? "null" : escape(s, false);
    }

    /**
     * Like {@link #of}, but line breaks stay ({@code \r\n} becomes {@code \n}): for text with lines of
     * its own (what the student's code printed, a compiler message, feedback the grader composed). The
     * report's records apply this to every text they hold, so the console, the JSON files, Gradescope,
     * the CI logs and the HTML pages never get a carriage return, an ANSI escape or a NUL raw.
     */
    public static String keepingLines(String s) {
        return s == null ? "" : escape(s, true);
    }

    private static String escape(String s, boolean keepLines) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = null;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                replacement = "\uFFFD";
            } else if (c == '\n') {
                replacement = keepLines ? null : "\\n";
            } else if (c == '\r') {
                replacement = keepLines && i + 1 < s.length() && s.charAt(i + 1) == '\n' ? "" : "\\r";
            } else if (c != '\t' && (Character.isISOControl(c) || invisible(c))) {
                replacement = c <= 0xFF ? String.format(java.util.Locale.ROOT, "\\x%02X", (int) c)
                        : String.format(java.util.Locale.ROOT, "\\u%04X", (int) c);
            }
            if (replacement != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (replacement == null) {
                    out.append(c);
                } else {
                    out.append(replacement);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** Line and paragraph separators and bidirectional controls: they make text read differently than it is. */
    private static boolean invisible(char c) {
        return c == '\u2028' || c == '\u2029' || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069'
                || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }
}
