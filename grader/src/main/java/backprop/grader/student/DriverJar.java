package backprop.grader.student;

import backprop.grader.GraderFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The student driver's jar: the only grader code on a student JVM's class path. The build puts it
 * beside the grader's classes as {@code student-driver.jar}; from the grader's jar it is copied once
 * per process into a temporary file.
 */
public final class DriverJar {
    static final String RESOURCE = "student-driver.jar";
    private static volatile Path path;

    private DriverJar() {
    }

    /** A readable copy of the driver jar. */
    public static Path path() {
        Path p = path;
        if (p == null) {
            synchronized (DriverJar.class) {
                if (path == null) {
                    path = locate();
                }
                p = path;
            }
        }
        return p;
    }

    private static String sha(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path locate() {
        Path location = GraderFiles.codeLocation();
        if (Files.isDirectory(location)) {
            // From a classes folder (development, the grader's own tests): the driver module's classes.
            try {
                Path driver = Path.of(backprop.driver.Wire.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!driver.equals(location)) {
                    return driver;
                }
            } catch (java.net.URISyntaxException | RuntimeException e) {
                // fall through to the packaged copy
            }
        }
        try (InputStream in = DriverJar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the grader was built without " + RESOURCE + " (in " + location + ")");
            }
            byte[] bytes = in.readAllBytes();
            // A stable, content-named copy in the cache: class-data sharing archives are keyed by the jar's path.
            Optional<Path> cached = backprop.grader.ClassDataSharing.folder("driver", List.of())
                    .map(dir -> dir.resolve(sha(bytes) + ".jar"));
            if (cached.isPresent()) {
                Path jar = cached.get();
                if (Files.isRegularFile(jar) && Files.size(jar) == bytes.length) {
                    return jar;
                }
                Files.createDirectories(jar.getParent());
                Path tmp = Files.createTempFile(jar.getParent(), "driver-", ".tmp");
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    Files.deleteIfExists(tmp);
                }
                if (Files.isRegularFile(jar) && Files.size(jar) == bytes.length) {
                    return jar;
                }
            }
            Path dir = Files.createTempDirectory("backprop-driver-");
            Path jar = dir.resolve(RESOURCE);
            Files.write(jar, bytes);
            jar.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + RESOURCE, e);
        }
    }
}
