package backprop.grader.batch;

import backprop.grader.engine.Grader;
import backprop.grader.html.Format;
import backprop.grader.report.ReportFiles;
import backprop.grader.results.GradeReport;
import backprop.grader.run.RunOptions;
import backprop.grader.verify.Allowlist;
import backprop.grader.submission.SubmissionLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grades every submission of a folder, {@code jobs} at a time, into one output directory.
 *
 * <pre>{@code
 * BatchGrader.Result r = new BatchGrader(BatchGrader.Options.defaults(Path.of("batch-output")), System.err, false)
 *         .run(Path.of("submissions"));
 * }</pre>
 *
 * <p>Each submission is graded by {@link Grader#grade(Path)} in its own temporary work directory and its
 * own child JVMs, so submissions are independent; one that cannot be read, crashes or loops costs only
 * its own grade. Reports are written as soon as a submission is done, and {@code gradebook.csv},
 * {@code summary.json} and {@code summary.html} are rewritten after every finished submission and at
 * the end (from the per-student files on disk), always atomically. A submission whose
 * {@code report.json} is newer than all of its files is skipped unless {@code force}.
 *
 * <p>Interrupting the thread that called {@link #run(Path)} stops the batch: running gradings are
 * abandoned (their reports are not written), the class files are regenerated from what is on disk,
 * and {@link InterruptedException} is thrown. Only one batch may write to an output directory at a time.
 */
public final class BatchGrader {

    /**
     * @param jobs  submissions graded at the same time (each runs its own child JVM)
     * @param out   output directory, created if needed
     * @param force grade again even submissions whose report is up to date
     * @param run   time limits and isolation of the student JVMs, as for {@code grader grade}
     * @param allowlist the API graded code may use
     */
    public record Options(int jobs, Path out, boolean force, RunOptions run, Allowlist allowlist) {
        public Options(int jobs, Path out, boolean force, RunOptions run) {
            this(jobs, out, force, run, Allowlist.defaults());
        }

        public Options {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
            }
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(allowlist, "allowlist");
        }

        /** As many jobs as processors, no force, the default time limits. */
        public static Options defaults(Path out) {
            return new Options(Runtime.getRuntime().availableProcessors(), out, false, RunOptions.defaults());
        }

        public Options withJobs(int n) {
            return new Options(n, out, force, run, allowlist);
        }

        public Options withForce(boolean on) {
            return new Options(jobs, out, on, run, allowlist);
        }

        public Options withRun(RunOptions options) {
            return new Options(jobs, out, force, options, allowlist);
        }
    }

    /**
     * What one batch run did.
     *
     * @param found    submissions in the folder
     * @param graded   graded in this run
     * @param skipped  left alone because their report was up to date
     * @param ungraded found unreadable or failed in this run (listed in the summary with their reasons)
     * @param ignored  entries of the folder that are neither a folder nor a .zip
     * @param ungradedInGradebook submissions the gradebook lists as not graded, from this run or an earlier one
     * @param gradebook   {@code gradebook.csv}
     * @param summaryJson {@code summary.json}
     * @param summaryHtml {@code summary.html}
     * @param elapsed  wall-clock time of the run
     */
    public record Result(int found, int graded, int skipped, int ungraded, List<String> ignored, Path gradebook,
                         Path summaryJson, Path summaryHtml, Duration elapsed, int ungradedInGradebook) {
    }

    private final Options options;
    private final Progress progress;
    private final Grader grader;
    private final Object publishLock = new Object();
    private volatile boolean stopping;

    /**
     * @param progressOut where the progress line goes (usually {@code System.err}), or null for none
     * @param terminal    whether {@code progressOut} is a terminal (redraw one line) or a log (a line per submission)
     */
    public BatchGrader(Options options, PrintStream progressOut, boolean terminal) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = progressOut == null ? Progress.silent() : new Progress(progressOut, terminal);
        this.grader = Grader.create(options.run(), options.allowlist());
    }

    /** Grades the submissions in {@code folder}; see the class comment. */
    public Result run(Path folder) throws IOException, InterruptedException {
        long start = System.nanoTime();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        Path out = options.out();
        Files.createDirectories(out);
        ResultStore.deleteTree(out.resolve(ResultStore.STAGING)); // left over by an interrupted batch
        ResultStore store = new ResultStore(out);
        if (options.force()) {
            store.markForced(); // an interrupted --force run resumes without --force, regrading only what it had not reached
        }
        Submissions.Found found = Submissions.find(folder, out);
        found.ignored().forEach(progress::ignored);
        List<Submissions.Candidate> todo = new ArrayList<>();
        int skipped = 0;
        for (Submissions.Candidate c : found.candidates()) {
            if (!options.force() && store.upToDate(c)) {
                skipped++;
            } else {
                todo.add(c);
            }
        }
        Map<String, StudentEntry> entries = new ConcurrentHashMap<>();
        store.scan().forEach(e -> entries.put(e.id(), e));
        publish(out, entries.values());
        progress.start(found.candidates().size(), todo.size(), skipped, Math.min(options.jobs(), Math.max(1, todo.size())));

        AtomicInteger graded = new AtomicInteger();
        AtomicInteger ungraded = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), daemonThreads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Submissions.Candidate c : todo) {
                futures.add(pool.submit(() -> gradeOne(c, store, entries, out, graded, ungraded)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("batch grading failed: " + e.getCause(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            stopping = true;
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            publishQuietly(out, store);
            progress.end();
            throw e;
        } finally {
            pool.shutdownNow();
        }
        store.clearForced();
        List<StudentEntry> all = store.scan();
        publish(out, all);
        ResultStore.deleteTree(out.resolve(ResultStore.STAGING));
        progress.end();
        return new Result(found.candidates().size(), graded.get(), skipped, ungraded.get(), found.ignored(),
                out.resolve(Gradebook.FILE_NAME), out.resolve(ClassSummary.JSON_FILE), out.resolve(ClassSummary.HTML_FILE),
                Duration.ofNanos(System.nanoTime() - start), (int) all.stream().filter(e -> !e.graded()).count());
    }

    /**
     * Stops recording: from now on no grading that is still running writes its reports. For a shutdown
     * hook, before the child JVMs are killed (a killed child JVM would make a report of errors); the
     * class files are then regenerated from what is on disk.
     */
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        int kept = publishQuietly(options.out(), new ResultStore(options.out()));
        progress.message("Stopped. The gradebook lists the " + kept + " submission(s) recorded so far; run the same"
                + " command again to grade the rest" + (options.force() ? " (without --force: what this run already"
                + " regraded is kept)." : "."));
    }

    /**
     * Why one submission (a folder or a .zip) cannot be graded at all, the reason a batch records
     * ("empty folder: no files at all", "no .java files in the zip", …); empty when it looks gradable.
     */
    public static Optional<String> unusable(Path submission) {
        if (Files.isDirectory(submission)) {
            return Submissions.problem(new Submissions.Candidate(submission.toString(), submission, false));
        }
        String lower = submission.toString().toLowerCase(java.util.Locale.ROOT);
        if (Files.isRegularFile(submission) && lower.endsWith(".zip")) {
            return Submissions.problem(new Submissions.Candidate(submission.toString(), submission, true));
        }
        if (Files.exists(submission) && !lower.endsWith(".java")) {
            return Optional.of("not a folder, a .zip or a .java file");
        }
        return Optional.empty();
    }

    /** The ids of the submissions {@link #run(Path)} would find in {@code folder}, in order. */
    public static List<String> submissionsIn(Path folder, Path out) throws IOException {
        return Submissions.find(folder, out).candidates().stream().map(Submissions.Candidate::id).toList();
    }

    /**
     * Rewrites {@code gradebook.csv}, {@code summary.json} and {@code summary.html} in {@code out} from the
     * per-student files there, e.g. after a batch was killed. Returns the entries read.
     */
    public static List<StudentEntry> regenerate(Path out) throws IOException {
        List<StudentEntry> all = new ResultStore(out).scan();
        writeClassFiles(out, all);
        return all;
    }

    private void gradeOne(Submissions.Candidate c, ResultStore store, Map<String, StudentEntry> entries, Path out,
                          AtomicInteger graded, AtomicInteger ungraded) {
        long t0 = System.nanoTime();
        GradeReport report = null;
        String reason = null;
        String kind = null;
        Optional<String> problem = Submissions.problem(c);
        if (problem.isPresent()) {
            reason = problem.get();
            kind = ResultStore.UNREADABLE;
        } else {
            try {
                report = grader.grade(c.path());
            } catch (SubmissionLoader.UnreadableSubmissionException e) {
                reason = e.getMessage();
                kind = ResultStore.UNREADABLE;
            } catch (RuntimeException | Error e) {
                if (stopping || Thread.currentThread().isInterrupted() || interrupted(e)) {
                    return; // the batch is being stopped: record nothing for this submission
                }
                reason = "internal error while grading (retried on the next run): " + e;
                kind = ResultStore.INTERNAL_ERROR;
            }
        }
        if (stopping || Thread.currentThread().isInterrupted()) {
            return; // stopped meanwhile: its child JVM may have been killed, so the report may be wrong
        }
        try {
            if (report != null) {
                store.writeGraded(c.id(), report);
                graded.incrementAndGet();
            } else {
                store.writeUngraded(c, reason, kind);
                ungraded.incrementAndGet();
            }
            store.read(c.id()).ifPresent(e -> entries.put(e.id(), e));
            publish(out, entries.values());
        } catch (IOException | UncheckedIOException e) {
            if (stopping || interrupted(e)) {
                return;
            }
            progress.message("cannot write the reports of " + c.id() + ": " + e);
        } catch (RuntimeException | Error e) { // one submission's reports must never stop the class
            progress.message("cannot write the reports of " + c.id() + ": " + e);
            try {
                store.writeUngraded(c, "internal error while writing the reports (retried on the next run): " + e,
                        ResultStore.INTERNAL_ERROR);
                store.read(c.id()).ifPresent(x -> entries.put(x.id(), x));
            } catch (IOException | RuntimeException | Error ignored) {
                // nothing more can be recorded for this submission
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.finished(c.id(), report != null, report != null
                ? Format.points(report.score()) + " / " + Format.points(report.maxScore())
                : "could not be graded: " + reason, seconds);
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    private void publish(Path out, Collection<StudentEntry> entries) throws IOException {
        synchronized (publishLock) {
            writeClassFiles(out, List.copyOf(entries));
        }
    }

    private int publishQuietly(Path out, ResultStore store) {
        boolean wasInterrupted = Thread.interrupted();
        try {
            synchronized (publishLock) {
                List<StudentEntry> all = store.scan();
                writeClassFiles(out, all);
                return all.size();
            }
        } catch (IOException | UncheckedIOException e) {
            progress.message("cannot rewrite the gradebook: " + e);
            return 0;
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void writeClassFiles(Path out, List<StudentEntry> entries) throws IOException {
        ClassSummary summary = ClassSummary.of(entries, Grader.version());
        ReportFiles.writeAtomically(out.resolve(Gradebook.FILE_NAME), Gradebook.render(summary.entries()));
        ReportFiles.writeAtomically(out.resolve(ClassSummary.JSON_FILE), summary.toJson());
        ReportFiles.writeAtomically(out.resolve(ClassSummary.HTML_FILE), SummaryPage.render(summary));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "batch-grader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
