package backprop.grader.checks;

/**
 * The seeds of the randomised checks. Each check has a base seed; a grading adds a salt derived from
 * the submission's own code, so the same submission always gets the same inputs (and its feedback can
 * be reproduced), while nobody can know the inputs of a submission before writing it: a table of
 * answers computed offline with the grader's jar would change the code and so the inputs. The
 * grader's own property tests shift the seeds further ({@link #offset}, set by reflection).
 */
public final class Seeds {
    private static volatile long offset;
    private static final ThreadLocal<Long> SALT = ThreadLocal.withInitial(() -> 0L);

    private Seeds() {
    }

    /** The seed a check uses for its base seed {@code base} in this grading. */
    public static long of(long base) {
        return base + 1_000L * offset + SALT.get();
    }

    /** The current shift of the property tests (0 when grading). */
    public static long offset() {
        return offset;
    }

    /** Sets this thread's salt for the grading that runs on it (0: the bare base seeds). */
    public static void salt(long salt) {
        SALT.set(salt);
    }

    /** A salt from a submission's code: a multiple of 100,000, so that no two base seeds meet. */
    public static long saltOf(String code) {
        long h = 1125899906842597L;
        for (int i = 0; i < code.length(); i++) {
            h = 31 * h + code.charAt(i);
        }
        return Math.floorMod(h, 1_000_000_000L) * 100_000L;
    }
}
