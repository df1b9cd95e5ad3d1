package backprop.grader.selfcheck;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bug catalogue as fixtures: {@code src/test/resources/catalogue/mutants/<name>/} holds the
 * solution files with one classic mistake (full Java files, only the changed ones) and
 * {@code expect.json}: the checks that must fail and a substring their diagnosis must contain;
 * {@code catalogue/correct/<name>/} holds correct implementations that differ from the solutions
 * and must score 100 %. A submission is the solutions (marker lines stripped) overridden by the
 * fixture's files.
 */
final class Catalogue {
    /** The repository root (surefire sets {@code backprop.repo}). */
    static final Path REPO = Path.of(System.getProperty("backprop.repo", "..")).toAbsolutePath().normalize();
    static final Path SOLUTION_SOURCES = REPO.resolve("solutions/src/main/java/backprop/nn");
    static final Path STARTER_SOURCES = REPO.resolve("assignments/src/main/java/backprop/nn");
    static final Path ROOT = REPO.resolve("grader/src/test/resources/catalogue");
    static final String MUTANTS = "mutants";
    static final String CORRECT = "correct";

    private Catalogue() {
    }

    /** One fixture: its kind (mutants or correct), name, own files, and for a mutant what must happen. */
    record Fixture(String kind, String name, Map<String, String> files, List<String> fails, String diagnosis,
                   List<String> diagnosed) {
        String id() {
            return kind + "/" + name;
        }

        boolean isMutant() {
            return kind.equals(MUTANTS);
        }
    }

    static List<Fixture> mutants() {
        return fixtures(MUTANTS);
    }

    static List<Fixture> correct() {
        return fixtures(CORRECT);
    }

    static List<Fixture> fixtures(String kind) {
        Path dir = ROOT.resolve(kind);
        try (Stream<Path> list = Files.list(dir)) {
            List<Fixture> out = new ArrayList<>();
            for (Path d : list.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList()) {
                out.add(load(kind, d));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Fixture load(String kind, Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".java")).toList()) {
                files.put(p.getFileName().toString(), read(p));
            }
        }
        Path expect = dir.resolve("expect.json");
        if (!Files.exists(expect)) {
            return new Fixture(kind, dir.getFileName().toString(), files, List.of(), "", List.of());
        }
        JsonObject json = JsonParser.parseString(read(expect)).getAsJsonObject();
        List<String> fails = strings(json.getAsJsonArray("fails"));
        List<String> diagnosed = json.has("diagnosed") ? strings(json.getAsJsonArray("diagnosed")) : fails;
        return new Fixture(kind, dir.getFileName().toString(), files, fails, json.get("diagnosis").getAsString(), diagnosed);
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : array) {
            out.add(e.getAsString());
        }
        return out;
    }

    /** The solution files with the solution markers removed: file name → text. */
    static Map<String, String> solutionFiles() {
        return javaFiles(SOLUTION_SOURCES, true);
    }

    /** The generated starter: file name → text. */
    static Map<String, String> starterFiles() {
        return javaFiles(STARTER_SOURCES, false);
    }

    private static Map<String, String> javaFiles(Path dir, boolean stripMarkers) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = read(p);
                if (stripMarkers) {
                    text = text.lines()
                            .filter(l -> !l.trim().equals("// BEGIN SOLUTION") && !l.trim().equals("// END SOLUTION"))
                            .collect(Collectors.joining("\n", "", "\n"));
                }
                files.put(p.getFileName().toString(), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no Java files in " + dir);
        }
        return files;
    }

    /** The submission of {@code fixture}: the solutions overridden (or extended) by the fixture's files. */
    static Map<String, String> submissionFiles(Fixture fixture) {
        Map<String, String> files = new TreeMap<>(solutionFiles());
        files.putAll(fixture.files());
        return files;
    }

    /** Writes {@code files} in Maven layout under {@code root}; returns {@code root}. */
    static Path write(Path root, Map<String, String> files) {
        Path dir = root.resolve("src/main/java/backprop/nn");
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : files.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
