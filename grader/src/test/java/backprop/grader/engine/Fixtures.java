package backprop.grader.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds real submissions for the acceptance tests: every file of the solutions (with the
 * {@code // BEGIN SOLUTION} / {@code // END SOLUTION} marker lines removed), overridden by the files
 * of a fixture under {@code src/test/resources/fixtures/<name>/}, written in one of the layouts
 * students hand in.
 *
 * <p>A fixture directory holds only the student files that differ from the solutions, each a full
 * Java file. Files the solutions do not have are added (helper classes, scratch files). An optional
 * {@code omit.txt} lists, one per line, solution files the submission leaves out.
 */
public final class Fixtures {
    /** The repository root (surefire sets {@code backprop.repo}). */
    public static final Path REPO = Path.of(System.getProperty("backprop.repo", "..")).toAbsolutePath().normalize();
    public static final Path SOLUTIONS = REPO.resolve("solutions");
    public static final Path STARTER = REPO.resolve("assignments");
    public static final Path EXAMPLE = REPO.resolve("examples/submission");
    static final Path SOLUTION_SOURCES = SOLUTIONS.resolve("src/main/java/backprop/nn");
    static final String OMIT = "omit.txt";

    private static Path tempRoot;

    private Fixtures() {
    }

    /** How the files of a submission are arranged. */
    public enum Layout {
        /** {@code src/main/java/backprop/nn/Sigmoid.java}, as in the starter project. */
        MAVEN,
        /** All {@code .java} files in one folder, as uploaded to Gradescope. */
        FLAT,
        /** A {@code .zip} of the Maven layout. */
        ZIP,
        /** Unusual folders: {@code my-project/code/backprop/nn/Sigmoid.java}. */
        NESTED;

        /** Where a file of package {@code backprop.nn} goes, relative to the submission root. */
        String folder() {
            return switch (this) {
                case MAVEN, ZIP -> "src/main/java/backprop/nn/";
                case FLAT -> "";
                case NESTED -> "my-project/code/backprop/nn/";
            };
        }
    }

    /** The solutions as a submission in {@code layout}. */
    public static Path solutions(Layout layout) {
        return write("solutions-" + name(layout), solutionFiles(), layout);
    }

    /** The solutions overridden by fixture {@code fixture}, as a submission in {@code layout}. */
    public static Path submission(String fixture, Layout layout) {
        return write(fixture + "-" + name(layout), files(fixture), layout);
    }

    /** File name → text of the submission that fixture {@code fixture} describes. */
    public static Map<String, String> files(String fixture) {
        Path dir = fixtureDir(fixture);
        Map<String, String> files = new TreeMap<>(solutionFiles());
        Map<String, String> own = fixtureFiles(fixture);
        files.putAll(own);
        Path omit = dir.resolve(OMIT);
        if (Files.exists(omit)) {
            for (String line : read(omit).split("\n")) {
                String name = line.trim();
                if (!name.isEmpty() && files.remove(name) == null) {
                    throw new IllegalArgumentException("fixture " + fixture + " omits " + name + ", which the solutions do not have");
                }
            }
        }
        return files;
    }

    /** Only the fixture's own {@code .java} files: file name → text. */
    public static Map<String, String> fixtureFiles(String fixture) {
        Path dir = fixtureDir(fixture);
        Map<String, String> own = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".java")).toList()) {
                own.put(p.getFileName().toString(), read(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return own;
    }

    /** The names of all fixture directories. */
    public static Set<String> names() {
        Path root = fixtureDir("");
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of the first line of fixture file {@code fixture/file} that contains {@code text}. */
    public static int lineOf(String fixture, String file, String text) {
        List<String> lines = read(fixtureDir(fixture).resolve(file)).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(fixture + "/" + file + " has no line containing " + text);
    }

    /** The solution files with the solution markers removed: file name → text. */
    public static Map<String, String> solutionFiles() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(SOLUTION_SOURCES)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = read(p).lines()
                        .filter(l -> !l.trim().equals("// BEGIN SOLUTION") && !l.trim().equals("// END SOLUTION"))
                        .collect(Collectors.joining("\n", "", "\n"));
                files.put(p.getFileName().toString(), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no solution files in " + SOLUTION_SOURCES);
        }
        return files;
    }

    /**
     * Writes {@code files} (file name → text, all of package {@code backprop.nn}) in {@code layout}
     * under a fresh folder named {@code id} (or {@code id.zip}); returns what to grade.
     */
    public static Path write(String id, Map<String, String> files, Layout layout) {
        Path parent = freshDir();
        try {
            if (layout == Layout.ZIP) {
                Path zip = parent.resolve(id + ".zip");
                try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                    String folder = "";
                    for (String part : layout.folder().split("/")) {
                        folder += part + "/";
                        out.putNextEntry(new ZipEntry(folder));
                        out.closeEntry();
                    }
                    for (Map.Entry<String, String> e : files.entrySet()) {
                        out.putNextEntry(new ZipEntry(layout.folder() + e.getKey()));
                        out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                        out.closeEntry();
                    }
                }
                return zip;
            }
            Path root = parent.resolve(id);
            Path dir = root.resolve(layout.folder());
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : files.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one more file into a submission folder, at {@code relative}. */
    public static Path add(Path submission, String relative, String text) {
        Path file = submission.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A new empty directory below this test run's temporary root (deleted when the JVM ends). */
    public static synchronized Path freshDir() {
        try {
            if (tempRoot == null) {
                tempRoot = Files.createTempDirectory("backprop-fixtures-");
                Path root = tempRoot;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            }
            return Files.createTempDirectory(tempRoot, "s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} to a new file {@code name} in a fresh directory. */
    public static Path bytesFile(String name, byte[] bytes) {
        Path file = freshDir().resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path fixtureDir(String fixture) {
        URL url = Fixtures.class.getResource("/fixtures/" + fixture);
        Path dir;
        try {
            dir = url != null ? Path.of(url.toURI()) : REPO.resolve("grader/src/test/resources/fixtures").resolve(fixture);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no fixture " + fixture + " (expected the folder " + dir + ")");
        }
        return dir;
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Layout layout) {
        return layout.name().toLowerCase(java.util.Locale.ROOT);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
