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
     * {@code s} with every control character except tab, and the bidirectional overrides that reorder
     * text on screen, shown as an escape ("\n", "\r", "\u001b", "\u202e").
     */
    public static String of(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = Character.isISOControl(c) && c != '\t' || c == '\u2028' || c == '\u2029'
                    || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\u200e' || c == '\u200f';
            if (control && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
