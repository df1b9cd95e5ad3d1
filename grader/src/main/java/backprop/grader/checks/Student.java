package backprop.grader.checks;

import backprop.nn.NotImplementedYet;
import java.util.function.Supplier;

/**
 * Calls into student code and turns whatever goes wrong into feedback: a TODO still in place, an
 * exception (with the student's file and line), endless recursion. Never a grader stack trace.
 */
public final class Student {
    private Student() {
    }

    /** The value {@code body} returns; {@code method} names the student's method, e.g. "Sigmoid.derivative". */
    public static <T> T call(String method, Supplier<T> body) {
        return call(method, Diagnoser.Glossary.NONE, body);
    }

    /**
     * As {@link #call(String, Supplier)}; {@code glossary} names the matrices by their shapes, so that
     * a failed matrix product is diagnosed in the student's terms ("dZ · Wᵀ").
     */
    public static <T> T call(String method, Diagnoser.Glossary glossary, Supplier<T> body) {
        try {
            return body.get();
        } catch (NotImplementedYet e) {
            throw new NotImplementedFailure(e.getMessage());
        } catch (StackOverflowError e) {
            throw new CheckFailure(method + " recursed without end (StackOverflowError)" + where(e));
        } catch (RuntimeException | LinkageError | AssertionError e) {
            if (e instanceof CheckFailure failure) {
                throw failure;
            }
            throw new CheckFailure(method + " threw " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where(e),
                    Diagnoser.explainException(method, e, glossary));
        }
    }

    /** Runs {@code body}, as {@link #call} does. */
    public static void run(String method, Runnable body) {
        run(method, Diagnoser.Glossary.NONE, body);
    }

    /** Runs {@code body}, as {@link #call(String, Diagnoser.Glossary, Supplier)} does. */
    public static void run(String method, Diagnoser.Glossary glossary, Runnable body) {
        call(method, glossary, () -> {
            body.run();
            return null;
        });
    }

    /** " (at Sigmoid.java:27)" for the first frame in the student's package, or "". */
    static String where(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("backprop.nn.")) {
                return " (at " + e.getFileName() + ":" + e.getLineNumber() + ")";
            }
        }
        return "";
    }
}
