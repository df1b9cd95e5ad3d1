package backprop.grader.student;

import java.time.Duration;

/** A call used up its check's CPU time (or the wall-clock backstop, or the grading's time limit); its JVM was killed. */
public final class StudentTimedOut extends StudentException {
    private static final long serialVersionUID = 1L;

    public StudentTimedOut(String message) {
        super(message);
    }

    static StudentTimedOut cpu(Duration budget) {
        return new StudentTimedOut("the code used more than " + seconds(budget) + " of CPU time in this check and was"
                + " stopped: an endless loop, or very slow code?");
    }

    static StudentTimedOut wall(Duration backstop) {
        return new StudentTimedOut("the code did not answer within " + seconds(backstop) + " (wall clock) and was"
                + " stopped");
    }

    static StudentTimedOut gradingLimit(Duration limit) {
        return new StudentTimedOut("not finished: grading stopped at its time limit of " + seconds(limit));
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
