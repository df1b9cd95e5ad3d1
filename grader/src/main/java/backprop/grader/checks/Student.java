package backprop.grader.checks;

import backprop.driver.Wire;
import backprop.grader.student.StudentFault;
import backprop.grader.student.StudentThrew;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The seam between the graded checks, which run in the grader's JVM, and the submission, which runs
 * in a student JVM: every call into student code goes through {@link #session()}, and whatever goes
 * wrong there becomes feedback (a TODO still in place, an exception at the student's file and line,
 * endless recursion), never a grader stack trace. A call that runs out of time or kills its JVM is
 * not a check failure: it propagates, and the runner records a timeout or an error.
 */
public final class Student {
    private static final ThreadLocal<Session> SESSION = new ThreadLocal<>();
    private static final String NOT_IMPLEMENTED = "backprop.nn.NotImplementedYet";

    private Student() {
    }

    /**
     * The student JVM(s) of the grading that runs on this thread. Calls answer raw values as the wire
     * sends them: numbers, arrays, {@link Wire.Value}s (matrices as rows), {@link Wire.Ref}s, lists.
     */
    public interface Session {
        Object construct(String className, List<?> args);

        Object call(Wire.Ref target, String method, List<?> args);

        Object callStatic(String className, String method, List<?> args);

        /** {@code target.method(x)} for every x, in one round trip. */
        double[] callEach(Wire.Ref target, String method, double[] xs);

        /**
         * Runs {@code body} with every call going to a separate student JVM kept for diagnosis: what
         * runs there (re-running other checks to find a root cause) can change feedback, never points,
         * and no object or input of a graded check reaches it.
         */
        <T> T diagnosing(Supplier<T> body);
    }

    /** Binds {@code session} to this thread until {@link #unbind()}: the runner does this around a grading. */
    public static void bind(Session session) {
        SESSION.set(Objects.requireNonNull(session, "session"));
    }

    public static void unbind() {
        SESSION.remove();
    }

    /** The session of this thread's grading. */
    public static Session session() {
        Session s = SESSION.get();
        if (s == null) {
            throw new IllegalStateException("no student JVM: graded checks run only inside a grading");
        }
        return s;
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
        } catch (StudentThrew e) {
            throw failure(method, glossary, e);
        } catch (StudentFault e) {
            String fault = backprop.grader.Printable.of(e.getMessage());
            if (fault.startsWith("returned ")) { // a value beyond what can be checked
                throw new CheckFailure(method + " " + fault);
            }
            throw new CheckFailure(method + " could not be called: " + fault, "the starter's API changed: a public"
                    + " class, constructor or method of the starter is missing or has another signature; keep the"
                    + " starter's signatures (helpers of your own are fine)");
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

    /**
     * The feedback for an exception thrown by student code. Its message and class name are the student's
     * text: control characters are escaped, so they cannot draw fake lines (a fake "Diagnosis:" or total).
     */
    static CheckFailure failure(String method, Diagnoser.Glossary glossary, StudentThrew e) {
        Wire.Thrown t = printable(e.thrown());
        String at = e.index() >= 0 ? " for input number " + e.index() : "";
        if (t.className().equals(NOT_IMPLEMENTED)) {
            return new NotImplementedFailure(String.valueOf(t.message()));
        }
        if (t.className().equals("java.lang.StackOverflowError")) {
            return new CheckFailure(method + " recursed without end (StackOverflowError)" + at + where(t));
        }
        if (t.className().equals("java.lang.NoClassDefFoundError") && String.valueOf(t.message()).startsWith("Could not initialize class ")) {
            return new CheckFailure(method + " cannot run: " + t.message().substring("Could not initialize class ".length())
                    + " failed in its static initialiser earlier (see the first check that used it)");
        }
        if (t.className().equals("java.lang.ExceptionInInitializerError") && t.cause() != null) {
            Wire.Thrown c = t.cause();
            return new CheckFailure(method + " cannot run: a static initialiser threw " + simpleName(c.className())
                    + (c.message() == null ? "" : ": " + c.message()) + where(c));
        }
        return new CheckFailure(method + " threw " + simpleName(t.className()) + (t.message() == null ? "" : ": " + t.message())
                + at + where(t), Diagnoser.explainException(method, t, glossary));
    }

    /**
     * " (at Sigmoid.java:27)" for the first frame in the student's package, or "". Student code can forge
     * its frames (setStackTrace): a file name that is not a Java file name is left out.
     */
    static String where(Wire.Thrown t) {
        for (Wire.Frame f : t.frames()) {
            if (f.className().startsWith("backprop.nn.")) {
                return f.file() != null && f.file().matches("[A-Za-z_$][A-Za-z0-9_$]{0,100}\\.java")
                        ? " (at " + f.file() + ":" + f.line() + ")" : "";
            }
        }
        return "";
    }

    /** {@code t} with its class names and messages made printable (recursively through its causes). */
    private static Wire.Thrown printable(Wire.Thrown t) {
        if (t == null) {
            return null;
        }
        return new Wire.Thrown(backprop.grader.Printable.of(t.className()), t.message() == null ? null
                : backprop.grader.Printable.of(t.message()), t.frames(), printable(t.cause()));
    }

    static String simpleName(String className) {
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }
}
