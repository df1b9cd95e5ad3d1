package backprop.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers every step of the grader needs: where the grader's classes are, and emptying folders. */
public final class GraderFiles {
    private GraderFiles() {
    }

    /** Where the grader's own classes are: the jar, or a classes directory during development and tests. */
    public static Path codeLocation() {
        try {
            return Path.of(GraderFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the grader's classes", e);
        }
    }

    /** The SHA-256 of {@code text} (UTF-8), in hex. */
    public static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }

    /** Deletes {@code dir} and everything in it; nothing happens when it does not exist. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /**
     * Makes {@code dir} an existing, empty directory. An existing directory is kept (only its contents
     * go), so that a process that already has it in view (a student JVM started ahead, a bind mount)
     * sees what is written there next.
     */
    public static void emptyDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }
}
