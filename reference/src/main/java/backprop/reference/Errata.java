package backprop.reference;

import com.google.gson.reflect.TypeToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The documents' errata, loaded once from {@code /backprop/reference/examples/errata.json} in this jar. */
public final class Errata {
    private Errata() {
    }

    /** Every erratum, in file order; ids are unique. */
    public static List<Erratum> all() {
        return Loaded.ERRATA;
    }

    /** The erratum with this id. */
    public static Erratum byId(String id) {
        return all().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no erratum with id '" + id + "'"));
    }

    private static final class Loaded {
        static final List<Erratum> ERRATA;

        static {
            List<ErratumJson> json = JsonResources.read("errata.json", new TypeToken<List<ErratumJson>>() { }.getType());
            List<Erratum> list = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (ErratumJson e : json) {
                if (!ids.add(e.id())) {
                    throw new IllegalStateException("errata.json: duplicate id '" + e.id() + "'");
                }
                list.add(new Erratum(e.id(), e.document(), e.location(), e.kind(), e.printed(), e.correct(),
                        JsonResources.withNaN(e.printedValue()), JsonResources.withNaN(e.correctValue()), e.decimals(),
                        e.explanation()));
            }
            ERRATA = List.copyOf(list);
        }
    }

    record ErratumJson(String id, String document, String location, Erratum.Kind kind, String printed, String correct,
            Double[][] printedValue, Double[][] correctValue, int decimals, String explanation) {
    }
}
