package backprop.grader.engine;

import backprop.grader.GraderFiles;
import backprop.grader.catalogue.Catalogue;
import backprop.grader.catalogue.CheckSpec;
import backprop.grader.compile.CompilationResult;
import backprop.grader.compile.SubmissionCompiler;
import backprop.grader.results.GradeReport;
import backprop.grader.results.PartResult;
import backprop.grader.results.Visibility;
import backprop.grader.run.IsolatedRunner;
import backprop.grader.run.RunResult;
import backprop.grader.submission.StarterSources;
import backprop.grader.submission.Submission;
import backprop.grader.submission.SubmissionLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Grades one submission: load → compile → isolated run → score. The result is a
 * {@link GradeReport}; writing it is the report writers' job.
 *
 * <p>A broken submission never makes this throw: it yields a report with zeros and feedback. Only
 * an unreadable input (no such path, a corrupt zip) throws
 * {@link SubmissionLoader.UnreadableSubmissionException}.
 */
public final class Grader {
    private final IsolatedRunner.Options runOptions;
    private final StarterSources starter;

    private Grader(IsolatedRunner.Options runOptions) {
        this.runOptions = runOptions;
        this.starter = StarterSources.packaged();
    }

    public static Grader create(IsolatedRunner.Options runOptions) {
        return new Grader(runOptions);
    }

    public static Grader withDefaults() {
        return create(IsolatedRunner.Options.defaults());
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

    /** Grades {@code submission}, using {@code workDir} (created if needed) for class files and the test JVMs. */
    public GradeReport grade(Path submission, Path workDir) {
        Instant started = Instant.now();
        Submission loaded = new SubmissionLoader(starter).load(submission);
        CompilationResult compiled = new SubmissionCompiler(starter).compile(loaded, workDir.resolve("classes"));
        List<CheckSpec> catalogue = catalogue(compiled.classesDir());
        RunResult run = new IsolatedRunner(runOptions, GraderClasspath.entries())
                .run(compiled.classesDir(), catalogue.stream().map(CheckSpec::uniqueId).toList(), workDir.resolve("run"));
        List<PartResult> parts = Scorer.score(catalogue, run, compiled);
        List<String> notes = new ArrayList<>(loaded.notes());
        compiled.replacedFiles().forEach(f -> notes.add(f + " did not compile; its starter stub was graded instead"));
        compiled.droppedFiles().forEach(f -> notes.add(f + " did not compile and was left out"));
        notes.addAll(withCheckNumbers(run.notes(), catalogue));
        return new GradeReport(loaded.id(), version(), started, Instant.now(), parts, compiled.diagnostics(), notes,
                run.jvmOutput());
    }

    /**
     * The runner's notes name checks by JUnit unique id, which means nothing to a student and gives
     * away the method names of hidden checks: name a visible check by its number, any other as hidden.
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
     * Deletes the work directories of gradings still running; for a shutdown hook, after their JVMs are
     * stopped. Best effort: a grading that starts or compiles at that very moment may leave its folder.
     */
    public static void deleteActiveWorkDirectories() {
        for (Path work : List.copyOf(ACTIVE)) {
            deleteQuietly(work);
            ACTIVE.remove(work);
        }
    }

    /** The checks, read in this JVM from the suites compiled against this submission's classes. */
    static List<CheckSpec> catalogue(Path classesDir) {
        URL[] urls;
        try {
            // The grader's own classes first: only backprop.nn may come from the submission.
            urls = new URL[] {GraderFiles.codeLocation().toUri().toURL(), classesDir.toUri().toURL()};
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        try (ChildFirstClassLoader loader = new ChildFirstClassLoader(urls, Grader.class.getClassLoader(),
                List.of("backprop.nn.", "backprop.grader.suites.", "backprop.grader.checks."))) {
            return Catalogue.read(loader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
