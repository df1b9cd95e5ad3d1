package backprop.grader.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The network drawing's view model, from hand-made evidence in the format the worked-example checks attach. */
class NetworkDiagramTest {

    @Test
    void aValueIsRightWithinRelative1eMinus6OrAbsolute1eMinus9() {
        assertThat(NetworkDiagram.matches(0.25, 0.25)).isTrue();
        assertThat(NetworkDiagram.matches(0.25, 0.25 * (1 + 5e-7))).isTrue();
        assertThat(NetworkDiagram.matches(0.25, 0.25 * (1 + 2e-6))).isFalse();
        assertThat(NetworkDiagram.matches(0.0, 5e-10)).isTrue();
        assertThat(NetworkDiagram.matches(0.0, 5e-9)).isFalse();
        assertThat(NetworkDiagram.matches(1e-12, -1e-12)).isTrue();
        assertThat(NetworkDiagram.matches(0.25, Double.NaN)).isFalse();
        assertThat(NetworkDiagram.matches(0.25, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(NetworkDiagram.state(0.25, null)).isEqualTo("missing");
        assertThat(NetworkDiagram.state(null, 0.25)).isEqualTo("unknown");
    }

    @Test
    void edgesCarryDwOfTheirTargetAndSourceAndUnitsTheirDb() {
        // 2-2-1: layer 0 submitted with one wrong and one NaN entry, layer 1 exactly right but db missing.
        JsonObject evidence = network(
                layer(new double[][] {{0.1, 0.2}, {0.3, 0.4}}, new double[][] {{-0.5, 0.25}, {0.125, 0.0}},
                        new double[] {0.5, -0.25}, new Object[][] {{-0.5, 0.26}, {"NaN", 1e-10}}, new double[] {0.5, -0.25}),
                layer(new double[][] {{0.6, -0.4}}, new double[][] {{0.01, 0.02}}, new double[] {0.03},
                        new Object[][] {{0.01, 0.02}}, null));
        NetworkDiagram.View view = NetworkDiagram.from(evidence.toString()).orElseThrow();
        assertThat(view.drawn()).isTrue();
        assertThat(view.tablesOpen()).isFalse();
        List<NetworkDiagram.Edge> edges = view.svg().edges();
        assertThat(edges).hasSize(6);
        assertThat(edge(edges, 0, 0, 0).state()).isEqualTo("right");
        assertThat(edge(edges, 0, 1, 0).state()).as("dW[0][1] 0.26 instead of 0.25").isEqualTo("wrong");
        assertThat(edge(edges, 0, 0, 1).state()).as("dW[1][0] NaN").isEqualTo("wrong");
        assertThat(edge(edges, 0, 0, 1).submittedText()).isEqualTo("NaN");
        assertThat(edge(edges, 0, 1, 1).state()).as("1e-10 instead of 0").isEqualTo("right");
        assertThat(edge(edges, 1, 0, 0).state()).isEqualTo("right");
        assertThat(edge(edges, 0, 1, 0).expected()).isEqualTo("0.25");
        assertThat(edge(edges, 0, 1, 0).expectedText()).isEqualTo("0.25");
        assertThat(edge(edges, 0, 0, 0).expectedText()).isEqualTo("−0.5");
        assertThat(view.svg().labelledEdges()).hasSize(6);
        List<NetworkDiagram.Node> units = view.svg().nodes().stream().filter(n -> n.kind().startsWith("unit")).toList();
        assertThat(units).extracting(NetworkDiagram.Node::state).containsExactly("right", "right", "wrong missing");
        assertThat(view.svg().nodes().stream().filter(n -> n.kind().equals("input"))).hasSize(2);
        assertThat(view.right()).isEqualTo(6);
        assertThat(view.wrong()).isEqualTo(2);
        assertThat(view.missing()).isEqualTo(1);
        assertThat(view.notComputed()).isFalse();
        assertThat(view.tables()).hasSize(2);
        assertThat(view.tables().get(0).rows().get(0).cells()).extracting(NetworkDiagram.Cell::state)
                .containsExactly("right", "wrong", "right");
    }

    @Test
    void nothingSubmittedMeansNotComputedAndEveryValueMissing() {
        JsonObject evidence = network(layer(new double[][] {{1, 2}}, new double[][] {{0.1, 0.2}}, new double[] {0.3}, null, null));
        NetworkDiagram.View view = NetworkDiagram.from(evidence.toString()).orElseThrow();
        assertThat(view.notComputed()).isTrue();
        assertThat(view.svg().edges()).allMatch(e -> e.state().equals("wrong missing"));
        assertThat(view.missing()).isEqualTo(3);
    }

    @Test
    void layersWiderThanEightAreShownAsTables() {
        double[][] w = new double[9][2];
        double[][] dw = new double[9][2];
        JsonObject evidence = network(layer(w, dw, new double[9], toObjects(dw), new double[9]));
        NetworkDiagram.View view = NetworkDiagram.from(evidence.toString()).orElseThrow();
        assertThat(view.drawn()).isFalse();
        assertThat(view.svg()).isNull();
        assertThat(view.tablesOpen()).isTrue();
        assertThat(view.tables().get(0).rows()).hasSize(9);
        String html = Templates.render("network", view);
        assertThat(html).doesNotContain("<svg").contains("<table class=\"gradients\"").contains("<details class=\"gradient-tables\" open>");
    }

    @Test
    void middleSizedLayersAreDrawnWithoutOverlappingLabels() {
        double[][] w = new double[5][4];
        JsonObject evidence = network(layer(w, w, new double[5], toObjects(w), new double[5]));
        NetworkDiagram.View view = NetworkDiagram.from(evidence.toString()).orElseThrow();
        assertThat(view.drawn()).isTrue();
        assertThat(view.svg().edges()).hasSize(20);
        assertThat(view.svg().labelledEdges()).isEmpty();
    }

    @Test
    void malformedOrForeignEvidenceDrawsNothing() {
        for (String bad : List.of("", "null", "[]", "{", "{\"kind\":\"other\"}", "{\"kind\":\"network\"}",
                "{\"kind\":\"network\",\"layers\":[]}", "{\"kind\":\"network\",\"layers\":[1]}",
                "{\"kind\":\"network\",\"layers\":[{\"weights\":\"x\"}]}",
                "{\"kind\":\"network\",\"layers\":[{\"weights\":[[]]}]}")) {
            assertThat(NetworkDiagram.from(bad)).as(bad).isEqualTo(Optional.empty());
        }
        double[][] huge = new double[65][1];
        assertThat(NetworkDiagram.from(network(layer(huge, huge, new double[65], null, null)).toString())).isEmpty();
        // Strings where numbers belong are unreadable numbers, not errors.
        JsonObject odd = network(layer(new double[][] {{1}}, new double[][] {{0.5}}, new double[] {0.1},
                new Object[][] {{"<script>"}}, new double[] {0.1}));
        NetworkDiagram.View view = NetworkDiagram.from(odd.toString()).orElseThrow();
        assertThat(view.svg().edges().get(0).state()).isEqualTo("wrong");
    }

    // ---- evidence builders, in the format of WorkedExampleRun ----

    private static NetworkDiagram.Edge edge(List<NetworkDiagram.Edge> edges, int layer, int from, int to) {
        return edges.stream().filter(e -> e.layer() == layer && e.from() == from && e.to() == to).findFirst().orElseThrow();
    }

    private static JsonObject network(JsonObject... layers) {
        JsonObject root = new JsonObject();
        root.addProperty("kind", "network");
        root.addProperty("document", "001_test.txt");
        root.addProperty("section", "Worked <Example>");
        root.addProperty("failed_step", "layers[0].dW");
        JsonArray list = new JsonArray();
        for (int i = 0; i < layers.length; i++) {
            layers[i].addProperty("index", i);
            list.add(layers[i]);
        }
        root.add("x", matrix(new Object[][] {{0.5, 0.8}}));
        root.add("layers", list);
        return root;
    }

    private static JsonObject layer(double[][] weights, double[][] dw, double[] db, Object[][] gotDw, double[] gotDb) {
        JsonObject l = new JsonObject();
        l.addProperty("activation", "relu");
        l.add("weights", matrix(toObjects(weights)));
        l.add("bias", matrix(new Object[][] {toObjects(new double[][] {new double[weights.length]})[0]}));
        JsonObject want = new JsonObject();
        want.add("dW", matrix(toObjects(dw)));
        want.add("db", matrix(toObjects(new double[][] {db})));
        l.add("expected", want);
        JsonObject got = new JsonObject();
        if (gotDw != null) {
            got.add("dW", matrix(gotDw));
        }
        if (gotDb != null) {
            got.add("db", matrix(toObjects(new double[][] {gotDb})));
        }
        l.add("submitted", got);
        return l;
    }

    private static Object[][] toObjects(double[][] m) {
        Object[][] o = new Object[m.length][];
        for (int i = 0; i < m.length; i++) {
            o[i] = new Object[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                o[i][j] = m[i][j];
            }
        }
        return o;
    }

    private static JsonArray matrix(Object[][] m) {
        JsonArray rows = new JsonArray();
        for (Object[] r : m) {
            JsonArray row = new JsonArray();
            for (Object v : r) {
                row.add(v instanceof Number n ? new JsonPrimitive(n) : new JsonPrimitive(String.valueOf(v)));
            }
            rows.add(row);
        }
        return rows;
    }
}
