package backprop.grader.batch;

import backprop.grader.html.Format;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The progress line on stderr: submissions done of those to grade, how many could not be graded, and
 * the estimated time left. On a terminal one line is redrawn with {@code \r}; otherwise (a log, CI) one
 * line is printed per finished submission. Thread-safe.
 */
final class Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private int total;
    private int done;
    private int ungraded;
    private int lastWidth;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A progress reporter that prints nothing. */
    static Progress silent() {
        return new Progress(null, false);
    }

    synchronized void start(int found, int toGrade, int skipped, int jobs) {
        total = toGrade;
        if (out == null) {
            return;
        }
        out.println("Found " + found + " submission" + (found == 1 ? "" : "s") + "; grading " + toGrade + " with " + jobs
                + " parallel job" + (jobs == 1 ? "" : "s") + (skipped > 0 ? "; skipped " + skipped
                + " already graded (their report.json is newer than the submission; --force regrades them)" : ""));
        if (terminal && toGrade > 0) {
            draw(line(null));
        }
    }

    synchronized void ignored(String name) {
        if (out != null) {
            message(Format.clean("ignored " + name + ": not a folder or .zip").replace("\n", " "));
        }
    }

    /** One submission finished: {@code result} is e.g. "57.5 / 82" or "could not be graded: corrupt zip". */
    synchronized void finished(String id, boolean graded, String result, double seconds) {
        done++;
        if (!graded) {
            ungraded++;
        }
        if (out == null) {
            return;
        }
        String what = Format.clean(id + ": " + result).replace("\n", " ") + " (" + Format.decimal(seconds, 1) + " s)";
        if (terminal) {
            if (!graded) {
                message(what);
            }
            draw(line(what));
        } else {
            out.println(line(what));
        }
    }

    synchronized void end() {
        if (out != null && terminal && lastWidth > 0) {
            out.println();
            lastWidth = 0;
        }
    }

    /** A message on its own line, above the progress line on a terminal. */
    synchronized void message(String text) {
        if (out == null) {
            return;
        }
        if (terminal && lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
        out.println(text);
    }

    private void draw(String line) {
        String padded = line.length() < lastWidth ? line + " ".repeat(lastWidth - line.length()) : line;
        out.print("\r" + padded);
        out.flush();
        lastWidth = line.length();
    }

    private String line(String last) {
        int width = Integer.toString(total).length();
        StringBuilder b = new StringBuilder();
        b.append('[').append(String.format("%" + width + "d", done)).append('/').append(total).append("] ");
        b.append(ungraded).append(" could not be graded · ");
        b.append(done >= total ? "done" : "ETA " + eta());
        if (last != null) {
            b.append(" · ").append(last);
        }
        String s = b.toString();
        return terminal && s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }

    private String eta() {
        if (done == 0) {
            return "--:--";
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long left = Math.round(elapsed / done * (total - done));
        Duration d = Duration.ofSeconds(left);
        return d.toHours() > 0 ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
                : String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
