package backprop.grader.run;

import backprop.driver.Wire;
import backprop.grader.catalogue.CheckSpec;
import backprop.grader.checks.Student;
import backprop.grader.student.StudentJvm;
import backprop.grader.student.StudentTimedOut;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The student JVMs of one grading, and which one a call goes to. Checks of one part and one
 * visibility share a JVM; every other combination gets its own, started when its first check calls
 * student code; so do the diagnoses (re-running checks to find a root cause), whose JVMs never see a
 * graded check's objects or inputs. A JVM killed by a timeout or a crash is replaced for the next
 * check.
 *
 * <p>Order of use: {@link #beginCheck}, calls (through {@link Student}), {@link #endCheck}; repeat;
 * then {@link #close}.
 */
public final class GradingSession implements Student.Session, AutoCloseable {
    /** Characters of printed output kept per check. */
    static final int OUTPUT_LIMIT = 4000;
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final StudentJvm.Settings settings;
    private final Path workDir;
    private final RunOptions options;
    private final long deadline;
    private final Map<String, StudentJvm> jvms = new LinkedHashMap<>();
    /** Every JVM started, for {@link #killAll} from another thread. */
    private final List<StudentJvm> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Integer> launches = new LinkedHashMap<>();
    private final Map<StudentJvm, Duration> baselines = new IdentityHashMap<>();
    private final StringBuilder output = new StringBuilder();
    private long outputDropped;
    private String group = "";
    /** JVMs started ahead of need, in the background, so that a part's first check does not wait for one. */
    private final java.util.Deque<java.util.concurrent.Future<StudentJvm>> spares = new java.util.ArrayDeque<>();
    private java.util.concurrent.ExecutorService starter;
    private int planned;
    private volatile boolean closed;
    /** JVMs that timed out or died during the current check: not restarted before the next check. */
    private final Map<String, backprop.grader.student.StudentException> ended = new LinkedHashMap<>();
    private boolean diagnosing;
    /** Working out deferred diagnoses after every graded check: calls go to the check's own group JVM. */
    private boolean resolving;

    /**
     * @param deadline System.nanoTime after which no call may run (the grading's global limit)
     */
    public GradingSession(StudentJvm.Settings settings, Path workDir, RunOptions options, long deadline) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.options = Objects.requireNonNull(options, "options");
        this.deadline = deadline;
    }

    /**
     * Starts the JVMs of {@code groups} checks' groups in the background, at most two ahead of need:
     * start-up then overlaps with compiling and with the checks of the group before. Call before the
     * classes are compiled if you like: a student JVM loads nothing of the submission until asked.
     */
    public synchronized void startAhead(int groups) {
        planned = groups;
        starter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "student-jvm-starter");
            t.setDaemon(true);
            return t;
        });
        topUp();
    }

    private synchronized void topUp() {
        while (starter != null && spares.size() < 2 && planned > 0) {
            planned--;
            long left = deadline - System.nanoTime();
            Duration startup = Duration.ofNanos(Math.max(1, Math.min(left, STARTUP.toNanos())));
            spares.add(starter.submit(() -> {
                StudentJvm jvm = StudentJvm.start(settings, workDir, startup, (text, dropped) -> { });
                started.add(jvm);
                if (closed) {
                    jvm.kill(); // the grading ended while this JVM started: it must not outlive it
                }
                return jvm;
            }));
        }
    }

    /** A JVM started ahead, if one is (or is being) started; null otherwise or if starting it failed. */
    private StudentJvm spare() {
        java.util.concurrent.Future<StudentJvm> next;
        synchronized (this) {
            next = spares.poll();
        }
        if (next == null) {
            return null;
        }
        topUp();
        try {
            StudentJvm jvm = next.get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            return jvm.alive() ? jvm : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null; // start it in the foreground, which reports why it cannot
        }
    }

    /** The JVM group of a check: its part and its visibility. */
    static String group(CheckSpec spec) {
        return spec.part() + " / " + spec.visibility().json();
    }

    /** The next calls belong to check {@code spec}: they go to its part's and visibility's JVM, with a fresh budget. */
    public void beginCheck(CheckSpec spec) {
        group = group(spec);
        diagnosing = false;
        resolving = false;
        baselines.clear();
        ended.clear();
        output.setLength(0);
        outputDropped = 0;
    }

    /**
     * The next calls work out a deferred diagnosis of check {@code spec}, after every graded check has
     * run: they go to the JVM of its group (no graded check follows there any more), with a fresh budget,
     * and what they print is dropped.
     */
    public void beginResolving(CheckSpec spec) {
        beginCheck(spec);
        resolving = true;
    }

    /** What the student's code printed during the check, bounded, with a count of what was left out. */
    public String endCheck() {
        String text = output.toString();
        return outputDropped > 0 ? text + "\n[... " + outputDropped + " more characters not shown]" : text;
    }

    /** Remarks on JVMs that had to be replaced, named by part and visibility (never by check). */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        launches.forEach((g, n) -> {
            if (n > 1 && !g.startsWith("diagnosis")) {
                notes.add("the checks of " + g.replace(" / ", " (") + ") needed " + n + " student JVMs: a check timed out"
                        + " or ended its JVM, and the next one ran in a fresh JVM");
            }
        });
        return notes;
    }

    /** The isolation the student JVMs ran under, or null if none was started. */
    String isolation() {
        return jvms.values().stream().findFirst().map(j -> j.isolation().describe()).orElse(null);
    }

    private String key() {
        return diagnosing && !resolving ? "diagnosis / " + group : group;
    }

    private StudentJvm jvm() {
        String key = key();
        backprop.grader.student.StudentException earlier = ended.get(key);
        if (earlier instanceof StudentTimedOut) {
            throw new StudentTimedOut(earlier.getMessage());
        }
        if (earlier != null) {
            throw new backprop.grader.student.StudentJvmDied(earlier.getMessage(), false);
        }
        StudentJvm jvm = jvms.get(key);
        if (jvm == null || !jvm.alive()) {
            if (jvm != null) {
                jvm.close();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw limitReached();
            }
            Duration startup = Duration.ofNanos(Math.min(left, STARTUP.toNanos()));
            StudentJvm spare = spare();
            if (spare != null) {
                jvm = spare;
            } else {
                jvm = StudentJvm.start(settings, workDir, startup, (text, dropped) -> { });
                started.add(jvm);
            }
            jvm.onOutput(diagnosing ? (text, dropped) -> { } : this::printed);
            jvms.put(key, jvm);
            launches.merge(key, 1, Integer::sum);
        }
        return jvm;
    }

    private StudentTimedOut limitReached() {
        return new StudentTimedOut("not run: grading reached its time limit of " + options.global().toSeconds() + " s");
    }

    private StudentJvm.Budget budget(StudentJvm jvm) {
        Duration base = baselines.computeIfAbsent(jvm, StudentJvm::cpu);
        long now = System.nanoTime();
        if (now - deadline >= 0) {
            throw limitReached();
        }
        return new StudentJvm.Budget(base.plus(options.checkCpu()), options.checkCpu(), now + options.wallBackstop().toNanos(),
                deadline, options.global());
    }

    private void printed(String text, long dropped) {
        if (resolving) {
            return;
        }
        int room = OUTPUT_LIMIT - output.length();
        if (text.length() <= room) {
            output.append(text);
        } else {
            output.append(text, 0, Math.max(room, 0));
            outputDropped += text.length() - Math.max(room, 0);
        }
        outputDropped += dropped;
    }

    @Override
    public Object construct(String className, List<?> args) {
        return exchange(jvm -> jvm.construct(className, args, budget(jvm)));
    }

    @Override
    public Object call(Wire.Ref target, String method, List<?> args) {
        return exchange(jvm -> jvm.call(target, method, args, budget(jvm)));
    }

    @Override
    public Object callStatic(String className, String method, List<?> args) {
        return exchange(jvm -> jvm.callStatic(className, method, args, budget(jvm)));
    }

    @Override
    public double[] callEach(Wire.Ref target, String method, double[] xs) {
        return (double[]) exchange(jvm -> jvm.callEach(target, method, xs, budget(jvm)));
    }

    private Object exchange(java.util.function.Function<StudentJvm, Object> call) {
        StudentJvm jvm = jvm();
        try {
            return call.apply(jvm);
        } catch (StudentTimedOut | backprop.grader.student.StudentJvmDied e) {
            ended.put(key(), e);
            throw e;
        }
    }

    @Override
    public <T> T diagnosing(Supplier<T> body) {
        boolean was = diagnosing;
        diagnosing = true;
        try {
            return body.get();
        } finally {
            diagnosing = was;
        }
    }

    /** Stops every student JVM of this grading. */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (starter != null) {
                starter.shutdownNow();
            }
            spares.forEach(f -> f.cancel(true));
            spares.clear();
        }
        if (backprop.grader.engine.Timing.on()) {
            jvms.forEach((name, jvm) -> backprop.grader.engine.Timing.note(String.format(java.util.Locale.ROOT,
                    "student JVM %-40s %5d ms CPU", name, jvm.cpu().toMillis())));
        }
        jvms.values().forEach(StudentJvm::close);
        jvms.clear();
        started.forEach(StudentJvm::kill);
        started.clear();
    }

    /** Kills every student JVM at once (from another thread: a shutdown). */
    public void killAll() {
        closed = true;
        started.forEach(StudentJvm::kill);
    }
}
