package backprop.grader.export;

import backprop.grader.engine.Grader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Builds the zip Gradescope's "Configure Autograder" page takes. Per the autograder specification
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/) {@code setup.sh} and
 * {@code run_autograder} sit at the root of the zip; Gradescope extracts the zip into
 * {@code /autograder/source}, runs {@code setup.sh} once while building the image, copies
 * {@code run_autograder} to {@code /autograder/run_autograder} and runs it for every submission,
 * which it puts in {@code /autograder/submission}. So the zip holds:
 *
 * <pre>
 *   setup.sh         installs a JDK 17 (apt)                                  mode 755
 *   run_autograder   grades /autograder/submission, writes results/results.json  mode 755
 *   grader.jar       this grader (→ /autograder/source/grader.jar)
 *   README.txt       grader version and checksum, for the instructor
 * </pre>
 */
public final class GradescopeExport {
    public static final String SETUP = "setup.sh";
    public static final String RUN = "run_autograder";
    public static final String JAR = "grader.jar";
    public static final String README = "README.txt";
    /** The zip's entries, in order. */
    public static final List<String> ENTRIES = List.of(SETUP, RUN, JAR, README);

    /**
     * @param zip          the zip written
     * @param graderSha256 SHA-256 of the grader jar inside
     */
    public record Result(Path zip, String graderSha256) {
    }

    private GradescopeExport() {
    }

    /**
     * Writes the autograder zip. The jar is checked with {@link GraderJar#validate} first; the zip
     * is written next to {@code zip} and moved into place, so a failure leaves no half-written file.
     *
     * @param force replace an existing {@code zip}
     */
    public static Result build(Path graderJar, Path zip, boolean force) throws IOException {
        GraderJar.validate(graderJar);
        if (Files.isDirectory(zip)) {
            throw new IllegalArgumentException(zip + " is a directory; give the path of the zip to write");
        }
        if (Files.exists(zip) && !force) {
            throw new IllegalArgumentException(zip + " exists: pass --force to replace it");
        }
        String version = Grader.version();
        String sha = GraderJar.sha256(graderJar);
        Path parent = zip.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".gradescope-", ".zip");
        Files.delete(tmp); // the zip file system creates it
        try {
            URI uri = URI.create("jar:" + tmp.toUri());
            try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
                Map<String, String> values = Map.of("GRADER_VERSION", version);
                writeScript(fs, SETUP, Templates.render("gradescope/setup.sh", values));
                writeScript(fs, RUN, Templates.render("gradescope/run_autograder", values));
                Path jar = fs.getPath(JAR);
                Files.copy(graderJar, jar);
                Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
                Path readme = fs.getPath(README);
                Files.writeString(readme, readme(version, sha), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(readme, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Result(zip, sha);
    }

    private static void writeScript(FileSystem fs, String name, String text) throws IOException {
        Path p = fs.getPath(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String readme(String version, String sha) {
        return String.join("\n",
                "Gradescope autograder for the backprop-lab assignment, built by `grader gradescope`.",
                "",
                "grader version: " + version,
                "grader.jar SHA-256: " + sha,
                "",
                "Upload this zip on the assignment's \"Configure Autograder\" page (Ubuntu base image, at least 1 GB",
                "of memory). Gradescope extracts it into /autograder/source; setup.sh installs a JDK 17 once,",
                "run_autograder grades each submission and writes /autograder/results/results.json.",
                "grader.jar contains the hidden checks and the reference implementation: do not share this zip",
                "with students.",
                "");
    }
}
