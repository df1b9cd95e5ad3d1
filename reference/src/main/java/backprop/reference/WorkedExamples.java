package backprop.reference;

import com.google.gson.reflect.TypeToken;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents' worked examples and step-free claims, loaded once from
 * {@code /backprop/reference/examples/<document-stem>.json} in this jar.
 */
public final class WorkedExamples {
    /** The documents, by file name; each has a fixture file named after its stem. */
    public static final List<String> DOCUMENTS = List.of(
            "000_4b3603e6f7e37e7d.txt",
            "001_69cf991a5fec35a8.txt",
            "002_fd0fc83796376f1d.txt",
            "003_f9e6b739e51f3737.txt",
            "004_3f91747fa0a58962.txt");

    private WorkedExamples() {
    }

    /** Every worked example of every document, in document order. */
    public static List<WorkedExample> all() {
        return Loaded.EXAMPLES;
    }

    /** Every step-free claim of every document, in document order. */
    public static List<Note> notes() {
        return Loaded.NOTES;
    }

    /** The worked example with this id. */
    public static WorkedExample byId(String id) {
        return all().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no worked example with id '" + id + "'"));
    }

    /** Lazily loaded on first use, so a broken fixture fails with a clear message at that point. */
    private static final class Loaded {
        static final List<WorkedExample> EXAMPLES;
        static final List<Note> NOTES;

        static {
            List<WorkedExample> examples = new ArrayList<>();
            List<Note> notes = new ArrayList<>();
            for (String document : DOCUMENTS) {
                String file = document.replaceFirst("\\.txt$", ".json");
                FileJson json = JsonResources.read(file, TypeToken.get(FileJson.class).getType());
                if (!document.equals(json.document())) {
                    throw new IllegalStateException(file + " says document '" + json.document() + "', expected '"
                            + document + "'");
                }
                for (CaseJson c : json.examples() == null ? List.<CaseJson>of() : json.examples()) {
                    examples.add(c.toExample(document));
                }
                for (NoteJson n : json.notes() == null ? List.<NoteJson>of() : json.notes()) {
                    notes.add(new Note(document, n.section(), n.claim(), n.check()));
                }
            }
            EXAMPLES = List.copyOf(examples);
            NOTES = List.copyOf(notes);
        }
    }

    record FileJson(String document, String title, List<CaseJson> examples, List<NoteJson> notes) {
    }

    record NoteJson(String section, String claim, String check) {
    }

    record LayerJson(double[][] weights, double[] bias, String activation) {
    }

    record StepJson(String name, String quantity, Double[][] printed, int decimals, String location, String erratum) {
    }

    record CaseJson(String id, String section, String description, List<LayerJson> network, double[][] x,
            double[][] y, String loss, double lossScale, double learningRate, List<StepJson> steps) {

        WorkedExample toExample(String document) {
            List<DenseSpec> specs = new ArrayList<>();
            for (LayerJson l : network) {
                specs.add(new DenseSpec(l.weights(), l.bias(), l.activation()));
            }
            List<Step> list = new ArrayList<>();
            for (StepJson s : steps) {
                list.add(new Step(s.name(), s.quantity(), JsonResources.withNaN(s.printed()), s.decimals(),
                        s.location(), s.erratum()));
            }
            return new WorkedExample(id, document, section, description, specs, x, y, loss, lossScale, learningRate,
                    list);
        }
    }
}
