package backprop.grader.export;

import backprop.grader.GraderFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sources a student starts from: the generated stubs ({@code src/main/java}) and the public tests
 * ({@code src/test/java}), as relative path (e.g. {@code backprop/nn/Sigmoid.java}) → text.
 *
 * <p>The grader jar carries both: the stubs under {@code starter/} (also what submissions are graded
 * against), the public tests under {@code starter-tests/}. {@link #locate} takes them from there, so
 * {@code grader starter} works from the jar alone; a grader built without the tests (during
 * development) takes them from a course repository instead.
 */
public final class StarterBundle {
    /** Where the stubs are packaged in the grader. */
    public static final String MAIN_PREFIX = "starter/";
    /** Where the public tests are packaged in the grader. */
    public static final String TESTS_PREFIX = "starter-tests/";
    /** The module of a course repository that holds both, in Maven layout. */
    public static final String ASSIGNMENTS = "assignments";

    private static final Pattern STUB = Pattern.compile("throw new NotImplementedYet\\(\"(\\w+)\\.(\\w+)\"\\);");

    private final Map<String, String> main;
    private final Map<String, String> tests;
    private final String origin;

    private StarterBundle(Map<String, String> main, Map<String, String> tests, String origin) {
        this.main = Collections.unmodifiableMap(new TreeMap<>(main));
        this.tests = Collections.unmodifiableMap(new TreeMap<>(tests));
        this.origin = origin;
        for (String rel : concat(this.main.keySet(), this.tests.keySet())) {
            if (rel.isEmpty() || rel.startsWith("/") || rel.contains("\\") || List.of(rel.split("/")).contains("..")) {
                throw new IllegalArgumentException("not a safe relative path in the starter: " + rel);
            }
        }
    }

    /** A bundle of the given sources; {@code origin} says where they came from, for messages. */
    public static StarterBundle of(Map<String, String> main, Map<String, String> tests, String origin) {
        return new StarterBundle(main, tests, origin);
    }

    /**
     * The stubs and public tests packaged with this grader, falling back for the tests (only) to
     * {@code repository}/assignments/src/test/java, then to the system property {@code backprop.repo}.
     *
     * @param repository a course repository, or null
     * @throws IllegalStateException if the stubs are missing, or the tests are neither packaged nor
     *         in a repository, with a message saying what to do
     */
    public static StarterBundle locate(Path repository) {
        Path location = GraderFiles.codeLocation();
        Map<String, String> main = readPackaged(location, MAIN_PREFIX);
        if (main.isEmpty()) {
            throw new IllegalStateException("the grader was built without its starter sources (" + MAIN_PREFIX + " in "
                    + location + ")");
        }
        Map<String, String> tests = readPackaged(location, TESTS_PREFIX);
        if (!tests.isEmpty()) {
            return new StarterBundle(main, tests, location.toString());
        }
        List<Path> candidates = new ArrayList<>();
        if (repository != null) {
            candidates.add(repository);
        }
        Optional.ofNullable(System.getProperty("backprop.repo")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        for (Path repo : candidates) {
            Path dir = repo.resolve(ASSIGNMENTS).resolve("src/test/java");
            if (Files.isDirectory(dir)) {
                Map<String, String> fromRepo = readTree(dir);
                if (!fromRepo.isEmpty()) {
                    return new StarterBundle(main, fromRepo, location + " (public tests from " + dir + ")");
                }
            }
        }
        throw new IllegalStateException("this grader was built without the public tests (" + TESTS_PREFIX + " in " + location
                + ") and no course repository has them" + (candidates.isEmpty() ? "" : " (looked in " + candidates + ")")
                + ": pass --repo <course repository> or rebuild the grader with its starter-tests resource");
    }

    /** Stubs and tests straight from a course repository's {@code assignments} module (for tests and tooling). */
    public static StarterBundle fromRepository(Path repository) {
        Path module = repository.resolve(ASSIGNMENTS);
        return new StarterBundle(readTree(module.resolve("src/main/java")), readTree(module.resolve("src/test/java")),
                module.toString());
    }

    /** Stub sources, relative to {@code src/main/java}. */
    public Map<String, String> mainSources() {
        return main;
    }

    /** Public test sources, relative to {@code src/test/java}. */
    public Map<String, String> testSources() {
        return tests;
    }

    /** Where the sources came from. */
    public String origin() {
        return origin;
    }

    /** The methods still to write, by file, in file order: {@code "Sigmoid.java" → ["derivative"]}. */
    public Map<String, List<String>> stubs() {
        Map<String, List<String>> stubs = new LinkedHashMap<>();
        main.forEach((rel, text) -> {
            Matcher m = STUB.matcher(text);
            while (m.find()) {
                stubs.computeIfAbsent(rel.substring(rel.lastIndexOf('/') + 1), k -> new ArrayList<>()).add(m.group(2));
            }
        });
        return stubs;
    }

    /** Files without a stub: given code the student only uses. */
    public List<String> givenFiles() {
        Map<String, List<String>> stubs = stubs();
        return main.keySet().stream().map(rel -> rel.substring(rel.lastIndexOf('/') + 1))
                .filter(name -> name.endsWith(".java") && !stubs.containsKey(name) && !name.equals("package-info.java"))
                .toList();
    }

    // ---- reading -------------------------------------------------------------------------------


    /** Files under {@code prefix} in a classes directory or a jar. */
    static Map<String, String> readPackaged(Path location, String prefix) {
        if (Files.isDirectory(location)) {
            return readTree(location.resolve(prefix));
        }
        Map<String, String> files = new TreeMap<>();
        try (JarFile jar = new JarFile(location.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().startsWith(prefix) && e.getName().length() > prefix.length()) {
                    try (InputStream in = jar.getInputStream(e)) {
                        files.put(e.getName().substring(prefix.length()), text(in.readAllBytes()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
        return files;
    }

    private static Map<String, String> readTree(Path root) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), text(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
        return files;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
