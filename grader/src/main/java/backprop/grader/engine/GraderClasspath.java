package backprop.grader.engine;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * The classpath a test JVM needs besides the submission: the grader (suites, checks, reference,
 * JUnit). Any entry holding the student API (the starter jar on a development classpath) is left
 * out, so the submission's own classes are the only {@code backprop.nn} the checks can see.
 */
final class GraderClasspath {
    private GraderClasspath() {
    }

    static List<String> entries() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isBlank())
                .map(e -> Path.of(e).toAbsolutePath().normalize())
                .filter(e -> !holdsStudentApi(e))
                .map(Path::toString)
                .toList();
    }

    private static boolean holdsStudentApi(Path entry) {
        String api = "backprop/nn/Matrix.class";
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve(api));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(entry.toFile())) {
            return zip.getEntry(api) != null;
        } catch (IOException e) {
            if (entry.toString().endsWith(".jar")) {
                throw new UncheckedIOException("cannot read classpath entry " + entry, e);
            }
            return false;
        }
    }
}
