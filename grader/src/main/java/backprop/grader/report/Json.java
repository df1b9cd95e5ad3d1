package backprop.grader.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * JSON building blocks shared by the writers. Everything that reaches a writer passes through here, so
 * that no output can be invalid: numbers are always finite and strings are always well-formed UTF-16
 * (Gson itself escapes quotes, backslashes and control characters).
 */
final class Json {
    /** For files people read: indented. HTML escaping off, so {@code <} stays {@code <} and is not escaped as u003c. */
    static final Gson PRETTY = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();
    /** For files that travel through environment variables: no insignificant whitespace. */
    static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();

    private static final char REPLACEMENT = '\uFFFD';

    private Json() {
    }

    /**
     * A JSON number that is always finite: NaN and ±Infinity become 0 (they cannot occur in a
     * well-formed {@code GradeReport}; this keeps a writer from ever throwing on one). {@code -0.0}
     * becomes {@code 0.0}.
     */
    static JsonPrimitive number(double value) {
        return new JsonPrimitive(finite(value));
    }

    static JsonPrimitive number(long value) {
        return new JsonPrimitive(value);
    }

    static double finite(double value) {
        return Double.isFinite(value) ? value + 0.0 : 0.0;
    }

    static JsonPrimitive string(String value) {
        return new JsonPrimitive(text(value));
    }

    static JsonArray strings(Collection<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(v -> array.add(string(v)));
        return array;
    }

    static JsonPrimitive timestamp(Instant instant) {
        return new JsonPrimitive(DateTimeFormatter.ISO_INSTANT.format(instant == null ? Instant.EPOCH : instant));
    }

    static String pretty(JsonElement element) {
        return PRETTY.toJson(element) + "\n";
    }

    static String compact(JsonElement element) {
        return COMPACT.toJson(element);
    }

    /**
     * {@code null} becomes empty and unpaired surrogates (which cannot be encoded as UTF-8) become
     * U+FFFD; everything else, control characters included, is kept for Gson to escape.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            boolean lone = Character.isSurrogate(c) && !paired;
            if (lone && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                out.append(lone ? REPLACEMENT : c);
                if (paired) {
                    out.append(value.charAt(++i));
                }
            } else if (paired) {
                i++;
            }
        }
        return out == null ? value : out.toString();
    }
}
