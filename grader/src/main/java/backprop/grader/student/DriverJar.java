package backprop.grader.student;

import backprop.grader.GraderFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    private static Path locate() {
        Path location = GraderFiles.codeLocation();
        if (Files.isDirectory(location) && Files.isRegularFile(location.resolve(RESOURCE))) {
            return location.resolve(RESOURCE).toAbsolutePath();
        }
        try (InputStream in = DriverJar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the grader was built without " + RESOURCE + " (in " + location + ")");
            }
            Path dir = Files.createTempDirectory("backprop-driver-");
            Path jar = dir.resolve(RESOURCE);
            Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
            jar.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + RESOURCE, e);
        }
    }
}
