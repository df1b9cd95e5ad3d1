package backprop.grader.engine;

/**
 * Where grading time goes, printed to stderr when the system property {@code backprop.grader.timing}
 * is set (for scripts/benchmark-grading.sh and docs/benchmarks.md); silent otherwise.
 */
public final class Timing {
    private static final boolean ON = Boolean.getBoolean("backprop.grader.timing");
    private static final long START = System.nanoTime();
    private static long last = START;

    private Timing() {
    }

    /** Prints the time since the previous mark and since the JVM's first mark, if timing is on. */
    public static synchronized void mark(String what) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        System.err.printf(java.util.Locale.ROOT, "[timing] %-28s +%6.0f ms  (%6.0f ms)%n", what, (now - last) / 1e6,
                (now - START) / 1e6);
        last = now;
    }

    /** Whether timing is on: for figures that cost something to gather. */
    public static boolean on() {
        return ON;
    }

    /** Prints one line of figures, if timing is on. */
    public static synchronized void note(String text) {
        if (ON) {
            System.err.println("[timing]   " + text);
        }
    }
}
