package backprop.grader.html;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The view model of a worked example's network, drawn as inline SVG: input nodes, one column of units
 * per layer, one edge per weight. The edge from input i to unit o of a layer carries dW[o][i] (weights
 * are out × in), expected and submitted; each unit carries its db. A submitted value is right when it is
 * within relative 1e-6 or absolute 1e-9 of the expected one; a missing, non-finite or different value is
 * wrong. Layers wider than {@link #MAX_DRAWN} are shown as tables instead.
 *
 * <p>The evidence comes from the test JVM, where student code runs, so it is parsed defensively: any
 * malformed piece makes {@link #from(String)} return empty, and sizes are capped.
 */
final class NetworkDiagram {
    /** Widest layer still drawn; wider networks are shown as tables. */
    static final int MAX_DRAWN = 8;
    /** Widest layer whose edges get value labels (beyond that the labels would overlap; values are in tooltips and the table). */
    static final int MAX_LABELLED = 3;
    /** Nothing larger is shown at all. */
    static final int MAX_SHOWN = 64;
    static final double RELATIVE = 1e-6;
    static final double ABSOLUTE = 1e-9;

    private static final int NODE_RADIUS = 24;
    private static final int MARGIN_LEFT = 80;
    private static final int MARGIN_RIGHT = 110;
    private static final int MARGIN_TOP = 64;
    private static final int MARGIN_BOTTOM = 76;
    private static final int LABEL_WIDTH = 118;
    private static final int LABEL_HEIGHT = 32;

    private NetworkDiagram() {
    }

    // ---- view records, read by network.mustache ----

    /** Everything network.mustache shows for one check. */
    record View(String document, String section, boolean hasSource, String failedStep, boolean hasFailedStep,
                boolean notComputed, String stoppedBefore, boolean partlyComputed, String sample, Svg svg, boolean drawn,
                List<LayerTable> tables, boolean tablesOpen, int right, int wrong, int missing, String summary) {
    }

    record Svg(String width, String height, String viewBox, String label, List<Column> columns, List<Edge> edges,
               List<Edge> labelledEdges, List<Node> nodes) {
    }

    record Column(String x, String y, String title, String subtitle) {
    }

    record Edge(int layer, int from, int to, String state, String x1, String y1, String x2, String y2, String expected,
                String submitted, String expectedText, String submittedText, String title, String boxX, String boxY,
                String textX, String line1Y, String line2Y, String boxWidth, String boxHeight) {
    }

    record Node(String kind, int layer, int unit, String state, String cx, String cy, String r, String name, String nameY,
                boolean hasValue, String value, String valueY, boolean hasBias, String biasExpected, String biasSubmitted,
                String biasExpectedText, String biasSubmittedText, String biasLine1Y, String biasLine2Y, String biasTitle) {
    }

    record LayerTable(int layer, String title, List<String> headers, List<Row> rows) {
    }

    record Row(String label, List<Cell> cells) {
    }

    record Cell(String state, String expectedText, String submittedText, String title) {
    }

    // ---- parsing ----

    /** One layer as the evidence gives it. */
    private record Layer(int index, String activation, double[][] weights, double[][] expectedDw, double[][] expectedDb,
                         double[][] submittedDw, double[][] submittedDb, int out, int in) {
    }

    /** The diagram of {@code evidence}, or empty when it is not network evidence or cannot be read. */
    static Optional<View> from(String evidence) {
        if (evidence == null || evidence.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonElement root = JsonParser.parseString(evidence);
            if (!root.isJsonObject()) {
                return Optional.empty();
            }
            JsonObject o = root.getAsJsonObject();
            if (!"network".equals(string(o, "kind"))) {
                return Optional.empty();
            }
            JsonArray layersJson = o.has("layers") && o.get("layers").isJsonArray() ? o.getAsJsonArray("layers") : null;
            if (layersJson == null || layersJson.isEmpty() || layersJson.size() > 16) {
                return Optional.empty();
            }
            List<Layer> layers = new ArrayList<>();
            for (int i = 0; i < layersJson.size(); i++) {
                if (!layersJson.get(i).isJsonObject()) {
                    return Optional.empty();
                }
                Optional<Layer> layer = layer(i, layersJson.get(i).getAsJsonObject());
                if (layer.isEmpty()) {
                    return Optional.empty();
                }
                layers.add(layer.get());
            }
            double[][] x = matrix(o.get("x"));
            return Optional.of(view(o, layers, x));
        } catch (RuntimeException e) {
            return Optional.empty(); // malformed evidence: the report simply has no drawing
        }
    }

    private static Optional<Layer> layer(int index, JsonObject l) {
        double[][] weights = matrix(l.get("weights"));
        JsonObject expected = object(l, "expected");
        JsonObject submitted = object(l, "submitted");
        double[][] eDw = expected == null ? null : matrix(expected.get("dW"));
        double[][] eDb = expected == null ? null : matrix(expected.get("db"));
        double[][] sDw = submitted == null ? null : matrix(submitted.get("dW"));
        double[][] sDb = submitted == null ? null : matrix(submitted.get("db"));
        double[][] shape = weights != null ? weights : eDw;
        if (shape == null || shape.length == 0 || shape[0].length == 0) {
            return Optional.empty();
        }
        int out = shape.length;
        int in = shape[0].length;
        if (out > MAX_SHOWN || in > MAX_SHOWN) {
            return Optional.empty();
        }
        return Optional.of(new Layer(index, string(l, "activation"), weights, eDw, eDb, sDw, sDb, out, in));
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    private static JsonObject object(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    /** Rows of numbers; "NaN", "Infinity", "-Infinity" are read as such, anything else unreadable as NaN. Null if absent. */
    static double[][] matrix(JsonElement e) {
        if (e == null || !e.isJsonArray()) {
            return null;
        }
        JsonArray rows = e.getAsJsonArray();
        if (rows.size() > MAX_SHOWN) {
            return null;
        }
        double[][] m = new double[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            if (!rows.get(r).isJsonArray() || rows.get(r).getAsJsonArray().size() > MAX_SHOWN) {
                return null;
            }
            JsonArray row = rows.get(r).getAsJsonArray();
            m[r] = new double[row.size()];
            for (int c = 0; c < row.size(); c++) {
                m[r][c] = number(row.get(c));
            }
        }
        return m;
    }

    private static double number(JsonElement e) {
        if (e == null || !e.isJsonPrimitive()) {
            return Double.NaN;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isNumber()) {
            return p.getAsDouble();
        }
        return switch (p.getAsString()) {
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.NaN;
        };
    }

    /** The value at [r][c], or null when the matrix is absent or too small. */
    private static Double at(double[][] m, int r, int c) {
        if (m == null || r >= m.length || m[r] == null || c >= m[r].length) {
            return null;
        }
        return m[r][c];
    }

    // ---- comparison ----

    /** "right", "wrong", "missing" (submitted absent) or "unknown" (nothing expected). */
    static String state(Double expected, Double submitted) {
        if (expected == null || !Double.isFinite(expected)) {
            return "unknown";
        }
        if (submitted == null) {
            return "missing";
        }
        return matches(expected, submitted) ? "right" : "wrong";
    }

    static boolean matches(double expected, double submitted) {
        if (!Double.isFinite(submitted)) {
            return false;
        }
        double error = Math.abs(submitted - expected);
        return error <= ABSOLUTE || error <= RELATIVE * Math.abs(expected);
    }

    /** The CSS classes of a state: a missing value is also wrong. */
    private static String classes(String state) {
        return "missing".equals(state) ? "wrong missing" : state;
    }

    private static String text(Double v) {
        return v == null ? "—" : Format.gradient(v);
    }

    private static String exact(Double v) {
        return v == null ? "" : Double.toString(v);
    }

    // ---- layout ----

    private static View view(JsonObject o, List<Layer> layers, double[][] x) {
        int inputs = layers.get(0).in();
        int widest = inputs;
        for (Layer l : layers) {
            widest = Math.max(widest, l.out());
        }
        boolean drawn = widest <= MAX_DRAWN;
        boolean labelled = widest <= MAX_LABELLED;
        boolean notComputed = layers.stream().allMatch(l -> l.submittedDw() == null && l.submittedDb() == null);
        List<String> uncomputed = layers.stream().filter(l -> l.submittedDw() == null && l.submittedDb() == null)
                .map(l -> Integer.toString(l.index() + 1)).toList();
        String stoppedBefore = uncomputed.isEmpty() || notComputed ? ""
                : (uncomputed.size() == 1 ? "layer " : "layers ") + String.join(" and ", uncomputed);
        int[] counts = new int[3];
        List<LayerTable> tables = new ArrayList<>();
        for (Layer l : layers) {
            tables.add(table(l, layers.size(), counts));
        }
        Svg svg = drawn ? svg(layers, x, inputs, widest, labelled) : null;
        String failed = string(o, "failed_step");
        String document = string(o, "document");
        String section = string(o, "section");
        String sample = x != null && x.length == 1 ? "one sample" : x == null ? "" : "a batch of " + x.length + " samples";
        String summary = counts[0] + " gradient value" + (counts[0] == 1 ? "" : "s") + " right, " + counts[1] + " wrong"
                + (counts[2] > 0 ? ", " + counts[2] + " not computed" : "");
        return new View(document, section, !document.isBlank(), failed, !failed.isBlank(), notComputed, stoppedBefore,
                !stoppedBefore.isEmpty(), sample, svg, drawn, tables, !drawn, counts[0], counts[1], counts[2], summary);
    }

    private static LayerTable table(Layer l, int layerCount, int[] counts) {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < l.in(); i++) {
            headers.add("dW[·][" + i + "] (from " + sourceName(l.index(), i, layerCount) + ")");
        }
        headers.add("db");
        List<Row> rows = new ArrayList<>();
        for (int u = 0; u < l.out(); u++) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < l.in(); i++) {
                Double e = at(l.expectedDw(), u, i);
                Double s = at(l.submittedDw(), u, i);
                String st = state(e, s);
                count(st, counts);
                cells.add(new Cell(classes(st), text(e), text(s), "dW[" + u + "][" + i + "] of layer " + (l.index() + 1)
                        + ": expected " + exact(e) + ", submitted " + (s == null ? "nothing" : exact(s))));
            }
            Double e = at(l.expectedDb(), 0, u);
            Double s = at(l.submittedDb(), 0, u);
            String st = state(e, s);
            count(st, counts);
            cells.add(new Cell(classes(st), text(e), text(s), "db[" + u + "] of layer " + (l.index() + 1) + ": expected "
                    + exact(e) + ", submitted " + (s == null ? "nothing" : exact(s))));
            rows.add(new Row(unitName(l.index(), u, layerCount, l.out()) + " (unit " + u + ")", cells));
        }
        String title = "Layer " + (l.index() + 1) + (l.activation().isBlank() ? "" : " · " + l.activation()) + " · dW is "
                + l.out() + " × " + l.in() + " (out × in)";
        return new LayerTable(l.index(), title, headers, rows);
    }

    private static void count(String state, int[] counts) {
        switch (state) {
            case "right" -> counts[0]++;
            case "wrong" -> counts[1]++;
            case "missing" -> counts[2]++;
            default -> { }
        }
    }

    private static Svg svg(List<Layer> layers, double[][] x, int inputs, int widest, boolean labelled) {
        int colGap = labelled ? 300 : 200;
        int rowGap = labelled ? 200 : 84;
        int columns = layers.size() + 1;
        int width = MARGIN_LEFT + colGap * (columns - 1) + MARGIN_RIGHT;
        int height = MARGIN_TOP + (widest - 1) * rowGap + MARGIN_BOTTOM;
        int[] sizes = new int[columns];
        sizes[0] = inputs;
        for (int l = 0; l < layers.size(); l++) {
            sizes[l + 1] = layers.get(l).out();
        }
        List<Column> columnViews = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            String title = c == 0 ? "input" : "layer " + c + (c == columns - 1 ? " (output)" : "");
            String subtitle = c == 0 ? (inputs + (inputs == 1 ? " value" : " values")) : layers.get(c - 1).activation();
            columnViews.add(new Column(Format.coordinate(cx(c, colGap)), "22", title, subtitle));
        }
        List<Edge> edges = new ArrayList<>();
        for (Layer l : layers) {
            int from = l.index();
            int to = from + 1;
            double t = 1.0 / (sizes[to] + 1);
            for (int u = 0; u < l.out(); u++) {
                for (int i = 0; i < l.in() && i < sizes[from]; i++) {
                    double x1 = cx(from, colGap);
                    double y1 = cy(i, sizes[from], widest, rowGap);
                    double x2 = cx(to, colGap);
                    double y2 = cy(u, sizes[to], widest, rowGap);
                    Double e = at(l.expectedDw(), u, i);
                    Double s = at(l.submittedDw(), u, i);
                    String st = state(e, s);
                    double lx = x1 + (x2 - x1) * t + (labelled ? 12 : 0);
                    double ly = y1 + (y2 - y1) * (lx - x1) / (x2 - x1);
                    String title = "dW[" + u + "][" + i + "] of layer " + (from + 1) + " (" + sourceName(from, i, layers.size())
                            + " → " + unitName(from, u, layers.size(), l.out()) + "): expected " + exact(e) + ", submitted "
                            + (s == null ? "nothing (not computed)" : exact(s));
                    edges.add(new Edge(from, i, u, classes(st), Format.coordinate(x1 + NODE_RADIUS * dirX(x1, y1, x2, y2)),
                            Format.coordinate(y1 + NODE_RADIUS * dirY(x1, y1, x2, y2)),
                            Format.coordinate(x2 - NODE_RADIUS * dirX(x1, y1, x2, y2)),
                            Format.coordinate(y2 - NODE_RADIUS * dirY(x1, y1, x2, y2)), exact(e), exact(s), text(e), text(s),
                            title, Format.coordinate(lx - LABEL_WIDTH / 2.0), Format.coordinate(ly - LABEL_HEIGHT / 2.0),
                            Format.coordinate(lx - LABEL_WIDTH / 2.0 + 7), Format.coordinate(ly - 3),
                            Format.coordinate(ly + 11), Integer.toString(LABEL_WIDTH), Integer.toString(LABEL_HEIGHT)));
                }
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            double cx = cx(0, colGap);
            double cy = cy(i, inputs, widest, rowGap);
            boolean hasValue = x != null && x.length == 1 && x[0] != null && i < x[0].length;
            nodes.add(new Node("input", -1, i, "", Format.coordinate(cx), Format.coordinate(cy), Integer.toString(NODE_RADIUS),
                    sourceName(0, i, layers.size()), Format.coordinate(cy + 5), hasValue,
                    hasValue ? "= " + Format.gradient(x[0][i]) : "", Format.coordinate(cy + NODE_RADIUS + 17), false,
                    "", "", "", "", "", "", ""));
        }
        for (Layer l : layers) {
            int c = l.index() + 1;
            boolean output = c == columns - 1;
            for (int u = 0; u < l.out(); u++) {
                double cx = cx(c, colGap);
                double cy = cy(u, l.out(), widest, rowGap);
                Double e = at(l.expectedDb(), 0, u);
                Double s = at(l.submittedDb(), 0, u);
                String st = state(e, s);
                String title = "db[" + u + "] of layer " + c + ": expected " + exact(e) + ", submitted "
                        + (s == null ? "nothing (not computed)" : exact(s));
                nodes.add(new Node(output ? "unit output" : "unit hidden", l.index(), u, classes(st), Format.coordinate(cx),
                        Format.coordinate(cy), Integer.toString(NODE_RADIUS), unitName(l.index(), u, layers.size(), l.out()),
                        Format.coordinate(cy + 5), false, "", "", true, exact(e), exact(s), "db exp " + text(e),
                        "got " + text(s), Format.coordinate(cy + NODE_RADIUS + 16), Format.coordinate(cy + NODE_RADIUS + 30),
                        title));
            }
        }
        String label = "Network " + inputs + "-" + String.join("-", layers.stream().map(l -> Integer.toString(l.out())).toList())
                + " with the expected and submitted gradient of every weight and bias";
        return new Svg(Integer.toString(width), Integer.toString(height), "0 0 " + width + " " + height, label, columnViews,
                edges, labelled ? edges : List.of(), nodes);
    }

    private static double dirX(double x1, double y1, double x2, double y2) {
        return (x2 - x1) / Math.hypot(x2 - x1, y2 - y1);
    }

    private static double dirY(double x1, double y1, double x2, double y2) {
        return (y2 - y1) / Math.hypot(x2 - x1, y2 - y1);
    }

    private static double cx(int column, int colGap) {
        return MARGIN_LEFT + column * (double) colGap;
    }

    private static double cy(int index, int size, int widest, int rowGap) {
        return MARGIN_TOP + 10 + (widest - size) * rowGap / 2.0 + index * (double) rowGap;
    }

    private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

    private static String sub(int n) {
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            b.append(SUBSCRIPTS.charAt(c - '0'));
        }
        return b.toString();
    }

    /** x₁, x₂ for the inputs; the units of the layer before {@code layer} otherwise. */
    private static String sourceName(int layer, int i, int layerCount) {
        return layer == 0 ? "x" + sub(i + 1) : unitName(layer - 1, i, layerCount, Integer.MAX_VALUE);
    }

    /** h₁ (one hidden layer) or h²₁-style names as "h1,2"; ŷ / ŷ₁ for the output. */
    private static String unitName(int layer, int u, int layerCount, int width) {
        if (layer == layerCount - 1) {
            return width == 1 ? "ŷ" : "ŷ" + sub(u + 1);
        }
        return layerCount == 2 ? "h" + sub(u + 1) : "h" + sub(layer + 1) + "," + sub(u + 1);
    }
}
