package backprop.grader.html;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Text and number formatting for the HTML pages (and the batch gradebook): points, percentages,
 * gradients, and cleaning of student-controlled text before it is escaped. All formats use '.' as the
 * decimal separator whatever the default locale.
 */
public final class Format {
    private Format() {
    }

    /** Points for people and spreadsheets: {@code 37.5}, {@code 60}, {@code 0.25}; at most two decimals, never NaN. */
    public static String points(double value) {
        return decimal(value, 2);
    }

    /** {@code score / max} in percent, rounded to one decimal: {@code "62.5%"}; {@code "0%"} when max is 0. */
    public static String percent(double score, double max) {
        return decimal(percentValue(score, max), 1) + "%";
    }

    /** {@code score / max · 100}, clamped to [0, 100]; 0 when max is not positive. */
    public static double percentValue(double score, double max) {
        if (!(max > 0) || !Double.isFinite(max) || !Double.isFinite(score)) {
            return 0.0;
        }
        return Math.max(0.0, Math.min(100.0, score / max * 100.0));
    }

    /** A number with at most {@code scale} decimals, trailing zeros removed; non-finite values become 0. */
    public static String decimal(double value, int scale) {
        double v = Double.isFinite(value) ? value : 0.0;
        BigDecimal d = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /** A number for an SVG attribute: at most two decimals, never in scientific notation. */
    public static String coordinate(double value) {
        return decimal(value, 2);
    }

    /**
     * A gradient value for a label: four significant digits, scientific notation for very small or
     * large magnitudes, a real minus sign ({@code −0.02791}, {@code 1.234e−05}); {@code "NaN"},
     * {@code "∞"} for non-finite values.
     */
    public static String gradient(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String s;
        if (a >= 1e-3 && a < 1e5) {
            s = new BigDecimal(v).round(new java.math.MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
        } else {
            s = String.format(Locale.ROOT, "%.3e", v).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        return s.replace('-', '−');
    }

    /**
     * Text that is safe to escape and show: {@code null} becomes empty, the rest as
     * {@link backprop.grader.Printable#keepingLines} makes it (the one sanitiser of the grader).
     */
    public static String clean(String s) {
        return backprop.grader.Printable.keepingLines(s);
    }

    /** At most {@code max} characters of {@code s}, plus a note saying how much was cut and where all of it is. */
    public static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        int cut = Math.max(0, max);
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut) + "\n[... " + (s.length() - cut) + " more characters not shown; report.json has all of it]";
    }

    /** Number of lines of {@code s} (0 for empty text). */
    public static int lines(String s) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        int n = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n' && i + 1 < s.length()) {
                n++;
            }
        }
        return n;
    }

    /**
     * One path segment of a relative URL: every byte outside the unreserved set is percent-encoded,
     * so a student id such as {@code a b#c?.zip} or {@code ../x} links to its own folder and nowhere else.
     */
    public static String urlSegment(String segment) {
        StringBuilder b = new StringBuilder();
        for (byte x : clean(segment).getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '~' || (c == '.' && !".".equals(segment) && !"..".equals(segment));
            if (unreserved) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return b.toString();
    }
}
