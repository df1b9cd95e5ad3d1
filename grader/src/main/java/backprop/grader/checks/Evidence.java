package backprop.grader.checks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Structured data a check attaches to its result for richer reports (for example the network of a
 * worked example with expected and submitted gradients, drawn by the HTML report). One piece per
 * running check, kept per thread: the runner takes it when the check ends.
 */
public final class Evidence {
    private static final ThreadLocal<JsonObject> CURRENT = new ThreadLocal<>();

    private Evidence() {
    }

    /** Attaches {@code evidence} to the running check, replacing earlier evidence. */
    public static void attach(JsonObject evidence) {
        CURRENT.set(evidence);
    }

    /** The evidence of the check that just ended, as JSON, or null; then forgets it. */
    public static String take() {
        JsonObject e = CURRENT.get();
        CURRENT.remove();
        return e == null ? null : e.toString();
    }

    /** Forgets evidence left over from an earlier check. */
    public static void clear() {
        CURRENT.remove();
    }

    /** Largest number of elements a matrix of evidence may have: the reports draw small networks. */
    static final int MAX_ELEMENTS = 4096;

    /**
     * A matrix as JSON rows; NaN and ±Infinity become the strings "NaN", "Infinity", "-Infinity"; null,
     * and a matrix larger than any the reports draw (what student code returned can be huge), are null.
     */
    public static JsonElement matrix(double[][] m) {
        if (m == null) {
            return JsonNull.INSTANCE;
        }
        long elements = 0;
        for (double[] r : m) {
            elements += r == null ? 1 : Math.max(1, r.length);
        }
        if (elements > MAX_ELEMENTS) {
            return JsonNull.INSTANCE;
        }
        JsonArray rows = new JsonArray();
        for (double[] r : m) {
            JsonArray row = new JsonArray();
            if (r != null) {
                for (double v : r) {
                    row.add(Double.isFinite(v) ? new JsonPrimitive(v) : new JsonPrimitive(Double.toString(v)));
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
