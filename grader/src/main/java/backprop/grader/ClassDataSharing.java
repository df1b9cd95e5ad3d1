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

    /** JVM options that use the archive of {@code folder} if it exists; none otherwise. */
    public static List<String> use(Optional<Path> folder) {
        if (folder.isPresent() && Files.isRegularFile(folder.get().resolve(ARCHIVE))) {
            return List.of("-XX:SharedArchiveFile=" + folder.get().resolve(ARCHIVE), "-Xshare:auto", "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off");
        }
        return List.of("-Xshare:auto");
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
