package backprop.grader.checks;

import java.util.function.Supplier;

/**
 * A failed check whose diagnosis is worked out later, once every graded check of the grading has run:
 * finding a root cause re-runs other checks' code on student code, and doing that in a JVM where
 * graded checks still follow could let what it hands over help them. The message is the check's own
 * feedback and diagnosis until {@link #resolve()} is called, which may replace the diagnosis.
 */
public final class DeferredDiagnosis extends CheckFailure {
    private static final long serialVersionUID = 1L;
    private final transient Supplier<CheckFailure> resolver;

    public DeferredDiagnosis(CheckFailure provisional, Supplier<CheckFailure> resolver) {
        super(provisional.feedback(), provisional.diagnosis());
        this.resolver = resolver;
    }

    /** The failure with its final diagnosis; runs the deferred work (calls into the student JVM). */
    public CheckFailure resolve() {
        return resolver.get();
    }
}
