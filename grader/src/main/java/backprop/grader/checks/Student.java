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
            if (e instanceof NoClassDefFoundError && String.valueOf(e.getMessage()).startsWith("Could not initialize class ")) {
                throw new CheckFailure(method + " cannot run: " + e.getMessage().substring("Could not initialize class ".length())
                        + " failed in its static initialiser earlier (see the first check that used it)");
            }
            SecurityException denied = sandboxDenial(e);
            if (denied != null) {
                throw new CheckFailure(method + " was stopped by the grader's sandbox: " + denied.getMessage() + where(e),
                        "forbidden operation: graded code may only compute (no exiting the JVM, files, sockets, processes,"
                                + " or reflection into the grader)");
            }
            throw new CheckFailure(method + " threw " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where(e),
                    Diagnoser.explainException(method, e, glossary));
        }
    }

    /** The SecurityException of the test JVM's sandbox behind {@code e}, or null. */
    static SecurityException sandboxDenial(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SecurityException s) {
                return s;
            }
        }
        return null;
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
