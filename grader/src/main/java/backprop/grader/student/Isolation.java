package backprop.grader.student;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the operating system adds around a student JVM, on top of the bytecode check (which is what
 * the verdicts rely on, on every OS and JDK). Optional and best effort: on Linux with bubblewrap the
 * JVM runs without network, with a read-only view of only the JDK, the driver and the submission's
 * classes, a private /tmp and its own process namespace, and dies with the grader; with
 * {@code unshare} it gets its own process and network namespaces; elsewhere it runs as a plain
 * process (still killed with everything it started when its grading ends).
 */
public enum Isolation {
    BWRAP, UNSHARE, NONE;

    /** Modes that failed to start a JVM on this machine: not tried again in this process. */
    private static final Set<Isolation> BROKEN = ConcurrentHashMap.newKeySet();

    /** "auto", "bwrap", "unshare" or "none", as the CLI spells it. */
    public static List<Isolation> parse(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "auto" -> List.of(BWRAP, UNSHARE, NONE);
            case "bwrap" -> List.of(BWRAP);
            case "unshare" -> List.of(UNSHARE);
            case "none" -> List.of(NONE);
            default -> throw new IllegalArgumentException("isolation must be auto, bwrap, unshare or none, got '" + mode + "'");
        };
    }

    /** The first of {@code preferred} that this machine has and that has not failed here. */
    static Isolation choose(List<Isolation> preferred) {
        for (Isolation i : preferred) {
            if (!BROKEN.contains(i) && i.present()) {
                return i;
            }
        }
        return NONE;
    }

    static void markBroken(Isolation i) {
        if (i != NONE) {
            BROKEN.add(i);
        }
    }

    private boolean present() {
        return switch (this) {
            case BWRAP -> linux() && executable("bwrap") != null;
            case UNSHARE -> linux() && executable("unshare") != null;
            case NONE -> true;
        };
    }

    /**
     * The command that runs {@code java} (the JVM's command line) under this isolation, exposing
     * {@code readable} (read-only) and nothing else of the file system that the JVM does not need.
     */
    List<String> wrap(List<String> java, List<Path> readable) {
        List<String> cmd = new ArrayList<>();
        switch (this) {
            case BWRAP -> {
                cmd.add(executable("bwrap").toString());
                cmd.addAll(List.of("--die-with-parent", "--new-session", "--unshare-all", "--cap-drop", "ALL"));
                // /tmp first: the binds below (often under the host's /tmp) are mounted on top of it.
                cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
                List<Path> bound = new ArrayList<>();
                for (String system : List.of("/usr", "/lib", "/lib64", "/lib32", "/bin", "/etc/ld.so.cache",
                        "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives")) {
                    cmd.addAll(List.of("--ro-bind-try", system, system));
                    bound.add(Path.of(system));
                }
                // Each bind is a mount: a path inside one already bound (a JDK under /usr, Debian's links
                // into /etc/java-17-openjdk/...) needs none, and a JVM start then costs 4 ms less.
                List<Path> sorted = readable.stream().sorted(Comparator.comparingInt(Path::getNameCount)).toList();
                for (Path p : sorted) {
                    if (bound.stream().noneMatch(p::startsWith)) {
                        cmd.addAll(List.of("--ro-bind", p.toString(), p.toString()));
                        bound.add(p);
                    }
                }
                cmd.addAll(List.of("--chdir", "/", "--"));
            }
            case UNSHARE -> {
                Path setsid = executable("setsid");
                if (setsid != null) {
                    cmd.add(setsid.toString());
                }
                cmd.add(executable("unshare").toString());
                cmd.addAll(List.of("--fork", "--pid", "--kill-child", "--net", "--ipc", "--uts", "--mount-proc", "--"));
            }
            case NONE -> {
                Path setsid = linux() ? executable("setsid") : null;
                if (setsid != null) {
                    cmd.add(setsid.toString());
                }
            }
        }
        cmd.addAll(java);
        return cmd;
    }

    /** What this mode guarantees, for the docs and the verbose console. */
    public String describe() {
        return switch (this) {
            case BWRAP -> "bubblewrap: no network, read-only view of the JDK and the submission, private /tmp, own PID namespace";
            case UNSHARE -> "unshare: own PID, network, IPC and UTS namespaces";
            case NONE -> "a plain process (the bytecode check alone confines the code)";
        };
    }

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    private static Path executable(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                try {
                    return p.toRealPath();
                } catch (IOException e) {
                    return p;
                }
            }
        }
        return null;
    }
}
