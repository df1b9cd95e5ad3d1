package backprop.grader.run;

import backprop.grader.checks.CheckFailure;
import backprop.grader.checks.NotImplementedFailure;
import java.util.concurrent.TimeoutException;

/** Turns a test's failure into the kind and the message the grader reports. */
final class Failures {
    private Failures() {
    }

    static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** "timeout", "not_implemented", "check", "assertion" or the class name of an unexpected throwable. */
    static String kind(Throwable t) {
        if (isTimeout(t)) {
            return "timeout";
        }
        if (t instanceof NotImplementedFailure) {
            return "not_implemented";
        }
        if (t instanceof CheckFailure) {
            return "check";
        }
        if (t instanceof AssertionError) {
            return "assertion";
        }
        return t.getClass().getName();
    }

    /** The failure message; for an unexpected throwable also where in the student's code it came from. */
    static String describe(Throwable t) {
        String kind = kind(t);
        if (kind.equals("check") || kind.equals("not_implemented") || kind.equals("assertion")) {
            return String.valueOf(t.getMessage());
        }
        if (kind.equals("timeout")) {
            return "the check did not finish in time (" + t.getMessage() + "): an endless loop, or very slow code?";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SecurityException) {
                return "stopped by the grader's sandbox: " + c.getMessage()
                        + " (graded code may not exit the JVM, use files, sockets or processes, or reflect into the grader)";
            }
        }
        if (t instanceof NoClassDefFoundError && String.valueOf(t.getMessage()).startsWith("Could not initialize class ")) {
            return String.valueOf(t.getMessage()).substring("Could not initialize class ".length())
                    + " cannot be used: its static initialiser failed earlier (see the first check that used it)";
        }
        StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
        if (t.getMessage() != null) {
            sb.append(": ").append(t.getMessage());
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("backprop.nn.")) {
                sb.append(" (at ").append(e.getFileName()).append(':').append(e.getLineNumber()).append(')');
                break;
            }
        }
        return sb.toString();
    }
}
