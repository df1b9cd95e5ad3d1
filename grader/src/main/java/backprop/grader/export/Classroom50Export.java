package backprop.grader.export;

import backprop.grader.catalogue.Catalogue;
import backprop.grader.catalogue.CheckSpec;
import backprop.grader.engine.Grader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * What a teacher puts under {@code <classroom>/autograders/<assignment>/} in a Classroom 50 repository:
 * {@code autograder.py} (standard library only), the grader jar it runs, and a README. Classroom 50
 * publishes that folder as a tarball on the organisation's GitHub Pages (at most 10 MiB, a limit of
 * its runner.py) and runs {@code autograder.py} in each student's checkout; see docs/classroom50.md.
 */
public final class Classroom50Export {
    public static final String SCRIPT = "autograder.py";
    public static final String JAR = "grader.jar";
    public static final String README = "README.md";
    /** Classroom 50's runner.py refuses bundles above this size (MAX_FETCH_BYTES). */
    public static final long MAX_BUNDLE_BYTES = 10L * 1024 * 1024;

    /** What was written: the folder, its files, the jar's SHA-256 and the bundle's size in bytes. */
    public record Result(Path dir, List<String> files, String graderSha256, long bytes) {
    }

    private Classroom50Export() {
    }

    /** Writes the bundle folder {@code dir} for assignment {@code assignment} with grader jar {@code graderJar}. */
    public static Result export(Path graderJar, Path dir, String assignment, boolean force) throws IOException {
        return export(graderJar, dir, assignment, force, "");
    }

    /**
     * Like {@link #export(Path, Path, String, boolean)}; with a non-empty {@code graderUrl} the jar is not
     * put in the folder: autograder.py downloads it from there and checks its SHA-256.
     */
    public static Result export(Path graderJar, Path dir, String assignment, boolean force, String graderUrl)
            throws IOException {
        if (!graderUrl.isEmpty() && !graderUrl.matches("https?://[^\\s\"'$\\\\]+")) {
            throw new IllegalArgumentException("--grader-url must be an http(s) URL without spaces, quotes or '$': " + graderUrl);
        }
        GraderJar.validate(graderJar);
        if (!assignment.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("--assignment must be a Classroom 50 assignment id (letters, digits, . _ -),"
                    + " got '" + assignment + "'");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " exists and is not a folder");
        }
        if (!force && Files.isDirectory(dir)) {
            try (var list = Files.list(dir)) {
                if (list.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty: choose a new folder, or pass --force");
                }
            }
        }
        Files.createDirectories(dir);
        String sha = GraderJar.sha256(graderJar);
        long max = Math.round(Catalogue.checks().stream().mapToDouble(CheckSpec::points).sum());
        Files.writeString(dir.resolve(SCRIPT), Templates.render("classroom50/autograder.py", Map.of(
                "ASSIGNMENT", assignment, "GRADER_VERSION", Grader.version(), "GRADER_SHA256", sha,
                "MAX_SCORE", Long.toString(max), "GRADER_URL", graderUrl)));
        dir.resolve(SCRIPT).toFile().setExecutable(true, false);
        if (graderUrl.isEmpty()) {
            Files.copy(graderJar, dir.resolve(JAR), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(dir.resolve(JAR));
        }
        Files.writeString(dir.resolve(README), Templates.render("classroom50/README.md", Map.of(
                "ASSIGNMENT", assignment, "GRADER_VERSION", Grader.version(), "GRADER_SHA256", sha)));
        List<String> files = graderUrl.isEmpty() ? List.of(README, JAR, SCRIPT) : List.of(README, SCRIPT);
        long bytes = 0;
        for (String f : files) {
            bytes += Files.size(dir.resolve(f));
        }
        if (bytes > MAX_BUNDLE_BYTES) {
            throw new IllegalStateException("the bundle is " + bytes + " bytes, more than Classroom 50's 10 MiB limit: publish"
                    + " grader.jar elsewhere and pass --grader-url");
        }
        return new Result(dir, files, sha, bytes);
    }
}
