package backprop.grader.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds real submissions from the repository (system property {@code backprop.repo}): the solutions
 * with their {@code // BEGIN SOLUTION} / {@code // END SOLUTION} marker lines removed, the starter, the
 * bundled example, and variants made by replacing one piece of a solution file, in Maven layout, flat,
 * or zipped.
 */
public final class SubmissionFixtures {
    public static final Path REPO = Path.of(System.getProperty("backprop.repo", "..")).toAbsolutePath().normalize();
    public static final Path SOLUTIONS = REPO.resolve("solutions/src/main/java/backprop/nn");
    public static final Path STARTER = REPO.resolve("assignments/src/main/java/backprop/nn");
    public static final Path EXAMPLE = REPO.resolve("examples/submission");
    private static final String MAVEN = "src/main/java/backprop/nn/";

    private SubmissionFixtures() {
    }

    /** File name → source of the solutions, marker lines removed: what a perfect student hands in. */
    public static Map<String, String> solution() {
        Map<String, String> files = read(SOLUTIONS);
        files.replaceAll((name, source) -> source.lines()
                .filter(l -> !l.contains("// BEGIN SOLUTION") && !l.contains("// END SOLUTION"))
                .collect(Collectors.joining("\n", "", "\n")));
        return files;
    }

    /** File name → source of the generated starter. */
    public static Map<String, String> starter() {
        return read(STARTER);
    }

    /** {@code files} with {@code from} replaced by {@code to} in {@code file}; fails if {@code from} is not there. */
    public static Map<String, String> replace(Map<String, String> files, String file, String from, String to) {
        String source = files.get(file);
        if (source == null || !source.contains(from)) {
            throw new IllegalStateException(file + " does not contain \"" + from + "\": the solution changed, update the fixture");
        }
        Map<String, String> copy = new TreeMap<>(files);
        copy.put(file, source.replace(from, to));
        return copy;
    }

    /** Writes {@code files} into {@code dir/src/main/java/backprop/nn/}. */
    public static Path maven(Path dir, Map<String, String> files) {
        files.forEach((name, source) -> write(dir.resolve(MAVEN + name), source));
        return dir;
    }

    /** Writes {@code files} directly into {@code dir}, as uploaded to Gradescope. */
    public static Path flat(Path dir, Map<String, String> files) {
        files.forEach((name, source) -> write(dir.resolve(name), source));
        return dir;
    }

    /** A zip of {@code files} under {@code prefix} (e.g. {@code ""}, {@code "repo-main/src/main/java/backprop/nn/"}). */
    public static Path zip(Path zip, String prefix, Map<String, String> files) {
        try {
            Files.createDirectories(zip.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                for (Map.Entry<String, String> e : files.entrySet()) {
                    z.putNextEntry(new ZipEntry(prefix + e.getKey()));
                    z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                    z.closeEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory tree. */
    public static Path copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> read(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            Map<String, String> files = new TreeMap<>();
            for (Path p : list.filter(p -> p.toString().endsWith(".java")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
            if (files.isEmpty()) {
                throw new IllegalStateException("no Java sources in " + dir + " (is backprop.repo right?)");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
