package backprop.grader.checks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Structured data a check attaches to its result for richer reports (for example the network of a
 * worked example with expected and submitted gradients, drawn by the HTML report). One piece per
 * running check; the test JVM sends it with the check's verdict.
 */
public final class Evidence {
    private static JsonObject current;

    private Evidence() {
    }

    /** Attaches {@code evidence} to the running check, replacing earlier evidence. */
    public static synchronized void attach(JsonObject evidence) {
        current = evidence;
    }

    /** The evidence of the check that just ended, as JSON, or null; then forgets it. */
    public static synchronized String take() {
        String json = current == null ? null : current.toString();
        current = null;
        return json;
    }

    /** Forgets evidence left over from an earlier check. */
    public static synchronized void clear() {
        current = null;
    }

    /** A matrix as JSON rows; NaN and ±Infinity become the strings "NaN", "Infinity", "-Infinity"; null stays null. */
    public static JsonElement matrix(double[][] m) {
        if (m == null) {
            return JsonNull.INSTANCE;
        }
        JsonArray rows = new JsonArray();
        for (double[] r : m) {
            JsonArray row = new JsonArray();
            for (double v : r) {
                row.add(Double.isFinite(v) ? new JsonPrimitive(v) : new JsonPrimitive(Double.toString(v)));
            }
            rows.add(row);
        }
        return rows;
    }
}
