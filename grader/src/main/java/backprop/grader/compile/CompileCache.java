package backprop.grader.compile;

import backprop.grader.ClassDataSharing;
import backprop.grader.GraderFiles;
import backprop.grader.results.CompileDiagnostic;
import backprop.grader.submission.SourceFile;
import backprop.grader.submission.Submission;
import com.google.gson.Gson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Compilations the grader did before, in its per-user cache ({@code compiled/<key>}): the verified class
 * files and what happened to each file (replaced, dropped, refused, the compiler's messages). The key is the
 * SHA-256 of everything that decides the outcome: the grader's version, the JDK, the allowlist, the
 * compiler's CPU budget, and every source file (name, origin, text). Grading unchanged code again (a
 * student's repeated local runs, a re-run in CI, a regrade) then skips javac, as Maven's incremental
 * compilation does for {@code mvn test}. Cached classes are verified again before they are used;
 * compilations that ran out of time are never cached.
 */
final class CompileCache {
    private static final String RESULT = "result.json";
    private static final String CLASSES = "classes";
    /** Compilations kept; the least recently used go first. */
    static final int KEEP = 300;
    private static final Gson GSON = new Gson();

    private CompileCache() {
    }

    /** What is stored beside the class files. */
    private record Stored(List<CompileDiagnostic> diagnostics, List<String> replaced, List<String> dropped, List<String> refused,
                          Map<String, List<CompileDiagnostic>> byFile) {
    }

    static String key(Submission submission, String allowlistFingerprint, Duration compileCpu) {
        StringBuilder all = new StringBuilder()
                .append(backprop.grader.engine.Grader.version()).append('\n')
                .append(System.getProperty("java.vm.version")).append('|').append(System.getProperty("java.home")).append('\n')
                .append(allowlistFingerprint).append('\n').append(compileCpu.toMillis()).append('\n');
        submission.sources().stream().sorted(Comparator.comparing(SourceFile::fileName)).forEach(f -> all
                .append(f.fileName()).append('\u0000').append(f.origin()).append('\u0000').append(f.fromStudent())
                .append('\u0000').append(f.source().length()).append('\u0000').append(f.source()).append('\u0000'));
        return GraderFiles.sha256(all.toString());
    }

    /** The cached compilation of {@code key}, its classes copied into {@code classesDir}; empty on a miss. */
    static Optional<CompilationResult> load(String key, Path classesDir) {
        Optional<Path> root = ClassDataSharing.cacheFolder("compiled");
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Path entry = root.get().resolve(key);
        try {
            if (!Files.isRegularFile(entry.resolve(RESULT)) || !Files.isDirectory(entry.resolve(CLASSES))) {
                return Optional.empty();
            }
            Stored stored = GSON.fromJson(Files.readString(entry.resolve(RESULT), StandardCharsets.UTF_8), Stored.class);
            GraderFiles.emptyDirectory(classesDir);
            copyTree(entry.resolve(CLASSES), classesDir);
            Files.setLastModifiedTime(entry, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            return Optional.of(new CompilationResult(classesDir, stored.diagnostics(), new LinkedHashSet<>(stored.replaced()),
                    new LinkedHashSet<>(stored.dropped()), new LinkedHashSet<>(stored.refused()),
                    new LinkedHashMap<>(stored.byFile()), false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged entry: compile as if it were not there
        }
    }

    /** Keeps {@code result} and its classes under {@code key}; written aside and moved into place whole. */
    static void store(String key, CompilationResult result) {
        if (result.timedOut()) {
            return;
        }
        Optional<Path> root = ClassDataSharing.cacheFolder("compiled");
        if (root.isEmpty() || Files.isDirectory(root.get().resolve(key))) {
            return;
        }
        Path staging = null;
        try {
            staging = Files.createTempDirectory(root.get(), ".staging-");
            copyTree(result.classesDir(), staging.resolve(CLASSES));
            Stored stored = new Stored(result.diagnostics(), List.copyOf(result.replacedFiles()), List.copyOf(result.droppedFiles()),
                    List.copyOf(result.refusedFiles()), result.byFile());
            Files.writeString(staging.resolve(RESULT), GSON.toJson(stored), StandardCharsets.UTF_8);
            try {
                Files.move(staging, root.get().resolve(key), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, root.get().resolve(key));
            }
            staging = null;
            prune(root.get());
        } catch (IOException | RuntimeException e) {
            // another grading stored it first, or the cache is gone: no harm
        } finally {
            if (staging != null) {
                GraderFiles.deleteTree(staging);
            }
        }
    }

    private static void prune(Path root) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(root)) {
            entries = list.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        if (entries.size() <= KEEP) {
            return;
        }
        entries.stream().sorted(Comparator.comparing(CompileCache::modified)).limit(entries.size() - KEEP)
                .forEach(GraderFiles::deleteTree);
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
