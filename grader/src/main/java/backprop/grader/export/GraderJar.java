package backprop.grader.export;

import backprop.grader.GraderFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The grader's runnable jar: finding the running one, checking a given one, its checksum. */
public final class GraderJar {
    static final String MAIN_CLASS = "backprop.grader.cli.Launch";

    private GraderJar() {
    }

    /** The jar this grader runs from, or empty when it runs from a classes directory (development, tests). */
    public static Optional<Path> running() {
        try {
            Path location = GraderFiles.codeLocation();
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (IllegalStateException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * Checks that {@code jar} is a runnable grader: {@code java -jar} starts the CLI, the dependencies
     * are inside (the shaded jar, not {@code original-grader.jar}) and the starter travels with it.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static void validate(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("grader jar not found: " + jar);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (file.getEntry(MAIN_CLASS.replace('.', '/') + ".class") == null || !MAIN_CLASS.equals(main)) {
                throw new IllegalArgumentException(jar + " is not the grader's runnable jar (no Main-Class " + MAIN_CLASS
                        + "): use grader/target/grader.jar");
            }
            if (file.getEntry("picocli/CommandLine.class") == null) {
                throw new IllegalArgumentException(jar + " does not contain the grader's dependencies (is it original-grader.jar?):"
                        + " use the shaded grader/target/grader.jar");
            }
            if (file.stream().noneMatch(e -> e.getName().startsWith(StarterBundle.MAIN_PREFIX + "backprop/nn/"))) {
                throw new IllegalArgumentException(jar + " was built without the starter sources (" + StarterBundle.MAIN_PREFIX + ")");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable jar: " + jar + " (" + e.getMessage() + ")", e);
        }
    }

    /** Lower-case hex SHA-256 of a file, as {@code sha256sum} prints it. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
