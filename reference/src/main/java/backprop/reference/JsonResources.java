package backprop.reference;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** Reads the JSON files under {@code /backprop/reference/examples/} from the classpath (the jar). */
final class JsonResources {
    static final String FOLDER = "/backprop/reference/examples/";
    private static final Gson GSON = new Gson();

    private JsonResources() {
    }

    static <T> T read(String fileName, Type type) {
        String path = FOLDER + fileName;
        try (InputStream in = JsonResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing from the classpath");
            }
            T value = GSON.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), type);
            if (value == null) {
                throw new IllegalStateException("resource " + path + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new IllegalStateException("resource " + path + " is invalid: " + e.getMessage(), e);
        }
    }

    /** JSON numbers with null for "not printed", as doubles with NaN; null stays null. */
    static double[][] withNaN(Double[][] values) {
        if (values == null) {
            return null;
        }
        double[][] out = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                return null;
            }
            out[i] = new double[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                out[i][j] = values[i][j] == null ? Double.NaN : values[i][j];
            }
        }
        return out;
    }
}
