package backprop.grader.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/** Shared by the export tests: the repository, a stand-in grader jar, running processes. */
final class ExportSupport {
    /** The repository root (surefire sets {@code backprop.repo}; from an IDE the module directory is the working directory). */
    static final Path REPO = Path.of(System.getProperty("backprop.repo", "..")).toAbsolutePath().normalize();

    private ExportSupport() {
    }

    /** The bundle {@code grader starter} would use here: packaged stubs, packaged (or repository) public tests. */
    static StarterBundle bundle() {
        return StarterBundle.locate(REPO);
    }

    /**
     * A jar that passes {@link GraderJar#validate} (Main-Class, the CLI class, picocli, the starter)
     * without being the real shaded jar, which surefire runs before {@code package} builds it.
     */
    static Path fakeGraderJar(Path file) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, GraderJar.MAIN_CLASS);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            put(out, GraderJar.MAIN_CLASS.replace('.', '/') + ".class", "stand-in".getBytes(StandardCharsets.UTF_8));
            put(out, "picocli/CommandLine.class", "stand-in".getBytes(StandardCharsets.UTF_8));
            put(out, "starter/backprop/nn/Sigmoid.java", "package backprop.nn;".getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    /** A command's exit code and its stdout and stderr together. */
    record Run(int exitCode, String output) {
    }

    /** Runs {@code command} in {@code dir}, with {@code env} added, killing it after {@code timeout}. */
    static Run run(List<String> command, Path dir, Map<String, String> env, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Path log = Files.createTempFile("export-test-", ".log");
        pb.redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout + ":\n" + Files.readString(log));
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Whether {@code program} is an executable on the PATH. */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(d -> Path.of(d, program)).anyMatch(Files::isExecutable);
    }

    /** {@code word} quoted for bash. */
    static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * This JVM's classpath without the entries that hold the student API (the starter jar or
     * classes), as the grader needs it to run as a separate process: java -cp … GraderCli.
     */
    static List<String> graderClasspath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank() && !holdsStudentApi(Path.of(e))) {
                entries.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return entries;
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
            return false;
        }
    }

    /** Every regular file under {@code root}, as paths relative to it with '/', sorted. */
    static List<String> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyFlat(Path fromDir, Path toDir, String suffix) throws IOException {
        Files.createDirectories(toDir);
        try (Stream<Path> list = Files.list(fromDir)) {
            for (Path p : list.filter(p -> p.toString().endsWith(suffix)).toList()) {
                Files.copy(p, toDir.resolve(p.getFileName().toString()));
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void assertNoUnfilledPlaceholders(Path root) throws IOException {
        for (String rel : files(root)) {
            if (rel.endsWith(".jar")) {
                continue;
            }
            assertThat(Files.readString(root.resolve(rel), StandardCharsets.UTF_8)).as("%s: template placeholders left", rel)
                    .doesNotContainPattern("@@[A-Z0-9_]+@@");
        }
    }
}
