package backprop.grader.engine;

import backprop.grader.GraderFiles;
import backprop.grader.catalogue.Catalogue;
import backprop.grader.catalogue.CheckSpec;
import backprop.grader.compile.CompilationResult;
import backprop.grader.compile.SubmissionCompiler;
import backprop.grader.results.GradeReport;
import backprop.grader.results.PartResult;
import backprop.grader.results.Status;
import backprop.grader.results.Visibility;
import backprop.grader.run.CheckOutcome;
import backprop.grader.run.CheckRunner;
import backprop.grader.run.GradingSession;
import backprop.grader.run.RunOptions;
import backprop.grader.run.RunResult;
import backprop.grader.student.DriverJar;
import backprop.grader.student.StudentJvm;
import backprop.grader.submission.SourceFile;
import backprop.grader.submission.StarterSources;
import backprop.grader.submission.Submission;
import backprop.grader.submission.SubmissionLoader;
import backprop.grader.verify.Allowlist;
import backprop.grader.verify.BytecodeVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Grades one submission: load → compile → verify → checks (here, in the grader's JVM) ⇄ student JVMs
 * → score. The result is a {@link GradeReport}; writing it is the report writers' job.
 *
 * <p>A broken submission never makes this throw: it yields a report with zeros and feedback, within
 * the global time limit. Only an unreadable input (no such path, a corrupt zip) throws
 * {@link SubmissionLoader.UnreadableSubmissionException}.
 */
public final class Grader {
    /** Value classes of the student API, sent across the process boundary as their rows. */
    private static final List<String> VALUE_CLASSES = List.of("backprop.nn.Matrix");
    /** Bytes of printed output a student JVM keeps per call. */
    private static final int CALL_OUTPUT_LIMIT = 8192;
    /** Remarks kept in a report: a submission of ten thousand odd files needs no ten thousand lines. */
    private static final int MAX_NOTES = 40;

    private final RunOptions options;
    private final StarterSources starter;
    private final BytecodeVerifier verifier;

    private Grader(RunOptions options, Allowlist allowlist) {
        this.options = options;
        Timing.mark("grader created");
        this.starter = StarterSources.packaged();
        Timing.mark("starter read");
        this.verifier = new BytecodeVerifier(allowlist);
    }

    public static Grader create(RunOptions options) {
        return new Grader(options, Allowlist.defaults());
    }

    /** A grader whose bytecode check also allows what {@code allowlist} allows. */
    public static Grader create(RunOptions options, Allowlist allowlist) {
        return new Grader(options, allowlist);
    }

    public static Grader withDefaults() {
        return create(RunOptions.defaults());
    }

    /** The grader's version, from the build. */
    public static String version() {
        try (InputStream in = Grader.class.getResourceAsStream("/backprop/grader/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }

    /** Grades {@code submission}, using {@code workDir} (created if needed) for class files and the student JVMs. */
    public GradeReport grade(Path submission, Path workDir) {
        Instant started = Instant.now();
        long deadline = System.nanoTime() + options.global().toNanos();
        Timing.mark("grading starts");
        Submission loaded = new SubmissionLoader(starter).load(submission);
        Timing.mark("loaded");
        Path classes = workDir.resolve("classes");
        GraderFiles.emptyDirectory(classes);
        List<CheckSpec> catalogue = Catalogue.checks();
        StudentJvm.Settings jvm = new StudentJvm.Settings(StudentJvm.Settings.currentJava(), DriverJar.path(), classes,
                options.maxHeap(), options.isolation(), VALUE_CLASSES, CALL_OUTPUT_LIMIT);
        RunResult run;
        CompilationResult compiled;
        try (GradingSession session = new GradingSession(jvm, workDir, options, deadline)) {
            ACTIVE_SESSIONS.add(session);
            try {
                // The student JVMs start while javac runs; none loads a class of the submission before the checks.
                session.startAhead(Catalogue.groups(catalogue));
                // So is discovering the checks, in this JVM, which otherwise only waits for javac.
                java.util.concurrent.FutureTask<CheckRunner.Plan> plan = PREFETCHED.getAndSet(null);
                if (plan == null) {
                    plan = discoverInBackground(catalogue);
                }
                compiled = new SubmissionCompiler(starter, verifier).compile(loaded, classes, options.compileCpu(), deadline,
                        options.compileCache());
                Timing.mark("compiled and verified");
                run = compiled.timedOut()
                        ? notRun(catalogue, "not run: grading reached its time limit of " + options.global().toSeconds()
                        + " s while compiling the submission")
                        : CheckRunner.run(discovered(plan, catalogue), session, salt(loaded));
            } finally {
                ACTIVE_SESSIONS.remove(session);
            }
        }
        Timing.mark("checks run");
        List<PartResult> parts = Scorer.score(catalogue, run, compiled);
        List<String> notes = new ArrayList<>(loaded.notes());
        for (String f : compiled.replacedFiles()) {
            notes.add(compiled.refusedFiles().contains(f)
                    ? Scorer.refusal(compiled.byFile().get(f)) + "; its starter stub was graded instead"
                    : f + " did not compile; its starter stub was graded instead");
        }
        for (String f : compiled.droppedFiles()) {
            // One coherent note per file: not "compiled with your code" and then "left out".
            List<backprop.grader.results.CompileDiagnostic> why = compiled.byFile().get(f);
            if (why != null && !why.isEmpty()) {
                notes.remove("extra file " + why.get(0).file() + " compiled with your code");
            }
            notes.add(compiled.refusedFiles().contains(f)
                    ? Scorer.refusal(compiled.byFile().get(f)) + "; the file was left out"
                    : "extra file " + f + " did not compile and was left out");
        }
        if (compiled.timedOut()) {
            notes.add("grading reached its time limit of " + options.global().toSeconds() + " s while compiling: the"
                    + " compiler needed too long (an expression too complex to type-check?)");
        }
        notes.addAll(withCheckNumbers(run.notes(), catalogue));
        if (notes.size() > MAX_NOTES) {
            int more = notes.size() - MAX_NOTES;
            notes.subList(MAX_NOTES, notes.size()).clear();
            notes.add("... and " + more + " more remarks about the submission's files");
        }
        return new GradeReport(loaded.id(), version(), started, Instant.now(), parts, compiled.diagnostics(), notes,
                run.jvmOutput());
    }

    /** The seed salt of a submission: from its own files' text, so the same code always meets the same inputs. */
    static long salt(Submission submission) {
        StringBuilder code = new StringBuilder();
        submission.sources().stream().filter(SourceFile::fromStudent)
                .sorted(java.util.Comparator.comparing(SourceFile::fileName))
                .forEach(f -> code.append(f.fileName()).append('\0').append(f.source()).append('\0'));
        return backprop.grader.checks.Seeds.saltOf(code.toString());
    }

    /** A discovery started before this JVM's first grading ({@link #prefetch}), taken by that grading. */
    private static final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.FutureTask<CheckRunner.Plan>> PREFETCHED
            = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Starts discovering the checks (and warming the report writers) in the background now: a command
     * line that will grade calls this first, so that discovery overlaps with parsing the command line
     * and reading the submission. The next {@link #grade} uses it.
     */
    public static void prefetch() {
        PREFETCHED.compareAndSet(null, discoverInBackground(Catalogue.checks()));
    }

    private static java.util.concurrent.FutureTask<CheckRunner.Plan> discoverInBackground(List<CheckSpec> catalogue) {
        java.util.concurrent.FutureTask<CheckRunner.Plan> plan = new java.util.concurrent.FutureTask<>(
                () -> CheckRunner.plan(catalogue));
        Thread discovery = new Thread(() -> {
            plan.run();
            warmUpReports();
        }, "discover-checks");
        discovery.setDaemon(true);
        discovery.start();
        return plan;
    }

    private static final java.util.concurrent.atomic.AtomicBoolean REPORTS_WARM = new java.util.concurrent.atomic.AtomicBoolean();

    /** Once per JVM: the report writers loaded and compiled before the first report is due. */
    private static void warmUpReports() {
        if (REPORTS_WARM.compareAndSet(false, true)) {
            try {
                backprop.grader.report.Reports.warmUp();
            } catch (RuntimeException | LinkageError e) {
                // only speed is lost
            }
        }
    }

    /** The plan discovered in the background or, if that failed, one discovered now (which reports why). */
    private static CheckRunner.Plan discovered(java.util.concurrent.FutureTask<CheckRunner.Plan> plan, List<CheckSpec> catalogue) {
        try {
            return plan.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return CheckRunner.plan(catalogue);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while discovering the checks", e);
        }
    }

    private static RunResult notRun(List<CheckSpec> catalogue, String why) {
        Map<String, CheckOutcome> outcomes = new LinkedHashMap<>();
        catalogue.forEach(c -> outcomes.put(c.uniqueId(), new CheckOutcome(Status.TIMEOUT, why, "", 0)));
        return new RunResult(outcomes, List.of(), "");
    }

    /**
     * Notes that name a check by its JUnit unique id would mean nothing to a student and give away the
     * method names of hidden checks: name a visible check by its number, any other as hidden.
     */
    static List<String> withCheckNumbers(List<String> runNotes, List<CheckSpec> catalogue) {
        List<String> notes = new ArrayList<>();
        for (String note : runNotes) {
            for (CheckSpec spec : catalogue) {
                note = note.replace(spec.uniqueId(), spec.visibility() == Visibility.VISIBLE ? spec.number() : "(hidden)");
            }
            notes.add(note);
        }
        return notes;
    }

    /** Work directories of gradings in progress, so that an interrupted process can still remove them. */
    private static final java.util.Set<Path> ACTIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Student JVMs of gradings in progress, so that an interrupted process can stop them. */
    private static final java.util.Set<GradingSession> ACTIVE_SESSIONS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Grades in a fresh temporary directory, deleted afterwards. */
    public GradeReport grade(Path submission) {
        Path work;
        try {
            work = Files.createTempDirectory("backprop-grader-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ACTIVE.add(work);
        try {
            return grade(submission, work);
        } finally {
            deleteQuietly(work);
            ACTIVE.remove(work);
        }
    }

    /**
     * Stops the student JVMs and deletes the work directories of gradings still running; for a shutdown
     * hook. Best effort: a grading that starts or compiles at that very moment may leave its folder.
     */
    public static void deleteActiveWorkDirectories() {
        for (GradingSession session : List.copyOf(ACTIVE_SESSIONS)) {
            session.killAll();
        }
        for (Path work : List.copyOf(ACTIVE)) {
            deleteQuietly(work);
            ACTIVE.remove(work);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            GraderFiles.deleteTree(dir);
        } catch (UncheckedIOException ignored) {
            // a temporary directory left behind is not worth failing a grade for
        }
    }
}
