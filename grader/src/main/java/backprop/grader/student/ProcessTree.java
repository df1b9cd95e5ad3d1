package backprop.grader.student;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A process and everything it started: the CPU time they used together (what budgets are measured
 * in, so that a loaded machine never fails correct code) and killing all of them.
 */
final class ProcessTree {
    private final ProcessHandle root;
    private final boolean rootTakesAll;

    /**
     * @param rootTakesAll whether the kernel ends every descendant when the root dies (a PID namespace
     *                     whose init dies with the root, as bwrap --die-with-parent and unshare
     *                     --kill-child set up): then killing needs no walk of the process table
     */
    ProcessTree(ProcessHandle root, boolean rootTakesAll) {
        this.root = root;
        this.rootTakesAll = rootTakesAll;
    }

    /**
     * User plus system CPU time of the root and its live descendants (a wrapper such as bwrap runs
     * the JVM as a descendant). Zero where the OS does not tell.
     */
    Duration cpu() {
        long nanos = cpuOf(root);
        for (ProcessHandle p : root.descendants().toList()) {
            nanos += cpuOf(p);
        }
        return Duration.ofNanos(nanos);
    }

    private static long cpuOf(ProcessHandle p) {
        Optional<Duration> d = p.info().totalCpuDuration();
        return d.map(Duration::toNanos).orElse(0L);
    }

    /** Kills the root and every descendant, children first seen before the root goes (they would be re-parented). */
    void kill() {
        if (rootTakesAll) {
            root.destroyForcibly();
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
        // A process started between the listing and the kill: one more pass.
        root.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
