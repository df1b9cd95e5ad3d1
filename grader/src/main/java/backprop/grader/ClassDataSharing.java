package backprop.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Class-data sharing archives (AppCDS) for the JVMs the grader starts: the grader's own, the compile
 * workers and the student JVMs. An archive holds the classes a kind of JVM loads, already parsed and
 * verified, so the next JVM of that kind starts faster; it depends on the JDK and the exact class path,
 * so it is keyed by both. Archives live in a per-user cache ({@code $XDG_CACHE_HOME/backprop-grader}
 * or {@code ~/.cache/backprop-grader}); without one, nothing changes but speed.
 *
 * <p>An archive is only ever written by a JVM whose normal exit the grader waited for, and moved into
 * place afterwards: a half-written archive can crash a JVM that maps it.
 */
public final class ClassDataSharing {
    private static final String ARCHIVE = "classes.jsa";

    private ClassDataSharing() {
    }

    /** Where the archives of a kind of JVM with this class path on this JDK go; empty when there is no writable cache. */
    public static Optional<Path> folder(String kind, List<Path> classpath) {
        Optional<Path> root = cacheRoot();
        if (root.isEmpty()) {
            return Optional.empty();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, kind);
            update(sha, realPath(Path.of(System.getProperty("java.home"))).toString());
            update(sha, System.getProperty("java.vm.version", ""));
            for (Path p : classpath) {
                Path real = realPath(p);
                update(sha, real.toString());
                if (Files.isRegularFile(real)) {
                    update(sha, Files.size(real) + "/" + Files.getLastModifiedTime(real).toMillis());
                }
            }
            return Optional.of(root.get().resolve(kind + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /**
     * JVM options that use the archive of {@code folder} if it exists, and the JDK's own archive in any
     * case, mapped where they were dumped: JDK 17 updates and later relocate them to a random address by
     * default, which costs a JVM start a fifth of its CPU time (10 ms of 55, and 40% of its page
     * faults) and, nine JVMs per submission, a batch a tenth. The archive's address is the only thing
     * ASLR then leaves fixed; reaching it would take a flaw in the JVM itself, the risk docs/trust-model.md
     * already names.
     */
    public static List<String> use(Optional<Path> folder) {
        List<String> options = new java.util.ArrayList<>(List.of("-XX:+UnlockDiagnosticVMOptions",
                "-XX:ArchiveRelocationMode=0", "-Xshare:auto"));
        if (folder.isPresent() && Files.isRegularFile(folder.get().resolve(ARCHIVE))) {
            if (USED.add(folder.get())) {
                touch(folder.get());
            }
            options.addAll(List.of("-XX:SharedArchiveFile=" + folder.get().resolve(ARCHIVE), "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off"));
        }
        return List.copyOf(options);
    }

    /** Archives kept per kind of JVM: a few grader builds or JDKs side by side; older ones are deleted. */
    static final int KEEP = 4;
    /** Folders marked as used by this process (once each: marking is a file-system write). */
    private static final java.util.Set<Path> USED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void touch(Path folder) {
        try {
            Files.setLastModifiedTime(folder, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        } catch (IOException | RuntimeException ignored) {
            // a read-only cache: the archive still works, only pruning sees it as old
        }
    }

    /**
     * Deletes the archive folders of {@code folder}'s kind beyond the {@link #KEEP} most recently used:
     * every rebuild of the grader and every JDK gets archives of its own (about 10 MB each), which would
     * otherwise pile up in the cache. A JVM that has an archive mapped keeps it until it exits.
     */
    static void prune(Path folder) {
        String name = folder.getFileName().toString();
        int dash = name.lastIndexOf('-');
        if (dash < 0 || folder.getParent() == null) {
            return;
        }
        String kind = name.substring(0, dash + 1);
        try (java.util.stream.Stream<Path> all = Files.list(folder.getParent())) {
            List<Path> same = all.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(kind) && n.lastIndexOf('-') == dash && Files.isDirectory(p) && !p.equals(folder);
            }).sorted(java.util.Comparator.comparing(ClassDataSharing::modified).reversed()).toList();
            for (Path old : same.subList(Math.min(KEEP - 1, same.size()), same.size())) {
                GraderFiles.deleteTree(old);
            }
        } catch (IOException | RuntimeException ignored) {
            // another run is pruning too, or the cache went away
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    /** Whether {@code folder} still needs its archive (and there is a cache to put it in). */
    public static boolean missing(Optional<Path> folder) {
        return folder.isPresent() && !Files.isRegularFile(folder.get().resolve(ARCHIVE));
    }

    /**
     * Options that make a JVM write the archive of {@code folder} when it exits, into a file of its own;
     * after its normal exit, {@link #adopt} moves that file into place.
     */
    public static Optional<Dump> dump(Optional<Path> folder) {
        if (!missing(folder)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(folder.get());
            Path tmp = Files.createTempFile(folder.get(), "dump-", ".jsa");
            Files.delete(tmp); // the JVM creates it
            return Optional.of(new Dump(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
                    tmp, folder.get().resolve(ARCHIVE)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A dump in progress: the options for the JVM, and where its archive goes once it has exited normally. */
    public record Dump(List<String> options, Path written, Path target) {
        /** The dumping JVM exited normally: its archive becomes the one to use. */
        public void adopt() {
            try {
                if (Files.isRegularFile(written) && Files.size(written) > 0 && !Files.exists(target)) {
                    try {
                        Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(written, target);
                    }
                    prune(target.getParent());
                }
            } catch (IOException | RuntimeException e) {
                // another run got there first, or the cache went away: no archive this time
            } finally {
                discard();
            }
        }

        /** The dumping JVM did not exit normally: its file, if any, is never used. */
        public void discard() {
            try {
                Files.deleteIfExists(written);
            } catch (IOException ignored) {
                // left behind in the cache; never used
            }
        }
    }

    /** A folder {@code name} in the grader's per-user cache, created if needed; empty when there is no writable cache. */
    public static Optional<Path> cacheFolder(String name) {
        Optional<Path> root = cacheRoot();
        if (root.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.createDirectories(root.get().resolve(name)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg, "backprop-grader")
                : home == null || home.isBlank() ? null : Path.of(home, ".cache", "backprop-grader");
        if (root == null) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(root);
            return Files.isWritable(root) ? Optional.of(root) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
