package backprop.grader.report;

import java.util.Collection;
import java.util.Optional;

/**
 * The common unit that all checks' points are whole multiples of (their greatest common divisor), so
 * that a check worth p points can be reported to GitHub Classroom as p/unit equal entries.
 *
 * <p>Why: the Classroom reporter's console table computes a runner's score as
 * {@code passed entries / all entries × max_score}, while its points annotation adds up each entry's
 * {@code score}. The two agree with our total exactly when every entry is worth the same.
 *
 * @param unit        points per entry
 * @param denominator points are multiples of {@code 1/denominator}
 * @param numerator   {@code unit == numerator / denominator}
 */
record ClassroomUnits(double unit, long denominator, long numerator) {
    /** Largest denominator tried: points like 0.5, 0.25 or 0.1 are found long before. */
    static final int MAX_DENOMINATOR = 1000;
    /** More entries than this would not fit the environment variable the reporter reads. */
    static final long MAX_ENTRIES = 300;

    /**
     * The unit for these (positive) points, or empty when there is none small enough in entries:
     * points that are not multiples of any {@code 1/d} with {@code d <= 1000}, or more than
     * {@link #MAX_ENTRIES} entries in all.
     */
    static Optional<ClassroomUnits> of(Collection<Double> points) {
        if (points.isEmpty() || points.stream().anyMatch(p -> !(p > 0) || Double.isInfinite(p))) {
            return Optional.empty();
        }
        for (long d = 1; d <= MAX_DENOMINATOR; d++) {
            long gcd = 0;
            boolean whole = true;
            for (double p : points) {
                double scaled = p * d;
                long n = Math.round(scaled);
                if (n <= 0 || Math.abs(scaled - n) > 1e-9 * Math.max(1.0, scaled)) {
                    whole = false;
                    break;
                }
                gcd = gcd(gcd, n);
            }
            if (whole) {
                ClassroomUnits units = new ClassroomUnits((double) gcd / d, d, gcd);
                long entries = points.stream().mapToLong(units::entries).sum();
                return entries <= MAX_ENTRIES ? Optional.of(units) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** How many entries of {@link #unit()} make up {@code points}. */
    long entries(double points) {
        return Math.round(points * denominator) / numerator;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
