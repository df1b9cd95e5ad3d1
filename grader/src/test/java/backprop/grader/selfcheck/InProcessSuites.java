package backprop.grader.selfcheck;

import backprop.grader.catalogue.CheckSpec;
import backprop.grader.checks.Seeds;
import backprop.grader.checks.Student;
import backprop.grader.compile.CompilationResult;
import backprop.grader.compile.SubmissionCompiler;
import backprop.grader.run.GradingSession;
import backprop.grader.run.RunOptions;
import backprop.grader.student.DriverJar;
import backprop.grader.student.StudentJvm;
import backprop.grader.submission.StarterSources;
import backprop.grader.submission.Submission;
import backprop.grader.submission.SubmissionLoader;
import backprop.grader.verify.Allowlist;
import backprop.grader.verify.BytecodeVerifier;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs graded checks one at a time, as the runner does but without JUnit's launcher around each run,
 * against a submission compiled and verified as in grading and running in student JVMs: fast enough
 * to repeat the checks under many seed offsets ({@link Seeds}, shifted by reflection here).
 */
final class InProcessSuites implements AutoCloseable {
    private final GradingSession session;
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final Field offset;

    /** One graded check: its catalogue entry and how to run it. */
    record Check(String number, CheckSpec spec, Method method) {
    }

    private InProcessSuites(GradingSession session) throws ReflectiveOperationException {
        this.session = session;
        for (CheckSpec spec : backprop.grader.catalogue.Catalogue.checks()) {
            String id = spec.uniqueId();
            String className = id.substring(id.indexOf("[class:") + 7, id.indexOf("]/[method:"));
            String methodName = id.substring(id.indexOf("[method:") + 8, id.lastIndexOf('('));
            Method m = Class.forName(className).getDeclaredMethod(methodName);
            m.setAccessible(true);
            checks.put(spec.number(), new Check(spec.number(), spec, m));
        }
        offset = Seeds.class.getDeclaredField("offset");
        offset.setAccessible(true);
    }

    /** Compiles {@code files} (file name → source of package backprop.nn) as a submission in {@code dir} and starts a session on it. */
    static InProcessSuites compile(Map<String, String> files, Path dir) throws IOException, ReflectiveOperationException {
        Path src = dir.resolve("submission");
        Files.createDirectories(src);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(src.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        StarterSources starter = StarterSources.packaged();
        Submission submission = new SubmissionLoader(starter).load(src);
        CompilationResult compiled = new SubmissionCompiler(starter, new BytecodeVerifier(Allowlist.defaults()))
                .compile(submission, dir.resolve("classes"), Duration.ofSeconds(60), System.nanoTime() + 120_000_000_000L);
        if (!compiled.replacedFiles().isEmpty() || !compiled.droppedFiles().isEmpty()) {
            throw new IllegalStateException("the submission does not compile or is refused: " + compiled.diagnostics());
        }
        RunOptions options = RunOptions.defaults().withCheckCpu(Duration.ofSeconds(30)).withGlobal(Duration.ofHours(1));
        StudentJvm.Settings settings = new StudentJvm.Settings(StudentJvm.Settings.currentJava(), DriverJar.path(),
                compiled.classesDir(), options.maxHeap(), options.isolation(), List.of("backprop.nn.Matrix"), 8192);
        return new InProcessSuites(new GradingSession(settings, dir, options, System.nanoTime() + Duration.ofHours(1).toNanos()));
    }

    List<Check> checks(Predicate<String> numbers) {
        return checks.values().stream().filter(c -> numbers.test(c.number())).toList();
    }

    /** Sets the seed offset of every randomised check (0: the graded seeds). */
    void seedOffset(long value) throws IllegalAccessException {
        offset.setLong(null, value);
    }

    /** Runs {@code check}; returns null when it passes, else its failure message (feedback and diagnosis). */
    String run(Check check) throws ReflectiveOperationException {
        Constructor<?> constructor = check.method().getDeclaringClass().getDeclaredConstructor();
        constructor.setAccessible(true);
        Object instance = constructor.newInstance();
        session.beginCheck(check.spec());
        Student.bind(session);
        try {
            check.method().invoke(instance);
            return null;
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        } finally {
            Student.unbind();
            session.endCheck();
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
