package backprop.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.catalogue.Catalogue;
import backprop.grader.catalogue.CheckSpec;
import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import backprop.grader.results.Status;
import backprop.grader.run.RunOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Grades each submission once per test JVM, through the real {@link Grader}, and hands the same
 * report to every test that asks. Lazy rather than {@code @BeforeAll}: a grading that throws fails
 * each test that needs it (with the cause), instead of hiding the test class.
 */
final class GradedSubmissions {
    /** The grader's own per-check timeout, and a global limit well above what any fixture needs. */
    static final RunOptions NORMAL = RunOptions.defaults().withCheckCpu(Duration.ofSeconds(10)).withGlobal(Duration.ofSeconds(120));
    /** For submissions that loop: 2 s per check. */
    static final RunOptions SHORT = RunOptions.defaults().withCheckCpu(Duration.ofSeconds(2)).withGlobal(Duration.ofSeconds(120));

    private static final Map<String, Grading> CACHE = new ConcurrentHashMap<>();
    private static volatile List<CheckSpec> catalogue;

    private GradedSubmissions() {
    }

    /** A report and how long grading took. */
    record Grading(GradeReport report, Duration elapsed, Path submission, RuntimeException failure) {
        GradeReport get() {
            if (failure != null) {
                throw new AssertionError("grading " + submission + " threw instead of producing a report", failure);
            }
            return report;
        }
    }

    /** Runs {@code gradings} (each fills the cache) two at a time, and waits for all of them. */
    static void prefetch(List<Runnable> gradings) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (java.util.concurrent.Future<?> f : pool.invokeAll(gradings.stream()
                    .map(java.util.concurrent.Executors::callable).toList())) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The report for {@code key}, grading {@code submission} with {@code options} the first time. */
    static Grading grade(String key, RunOptions options, Supplier<Path> submission) {
        return CACHE.computeIfAbsent(key, k -> {
            Path path = submission.get();
            long start = System.nanoTime();
            try {
                GradeReport report = Grader.create(options).grade(path);
                return new Grading(report, Duration.ofNanos(System.nanoTime() - start), path, null);
            } catch (RuntimeException e) {
                return new Grading(null, Duration.ofNanos(System.nanoTime() - start), path, e);
            }
        });
    }

    /** Fixture {@code fixture} in {@code layout}, graded once. */
    static Grading fixture(String fixture, Fixtures.Layout layout, RunOptions options) {
        return grade("fixture:" + fixture + ":" + layout, options, () -> Fixtures.submission(fixture, layout));
    }

    /** The solutions in {@code layout}, graded once. */
    static Grading solutions(Fixtures.Layout layout) {
        return grade("solutions:" + layout, NORMAL, () -> Fixtures.solutions(layout));
    }

    /** The bundled example submission, graded once. */
    static Grading example() {
        return grade("example", NORMAL, () -> Fixtures.EXAMPLE);
    }

    /** The generated starter (the assignments module), graded once. */
    static Grading starter() {
        return grade("starter", NORMAL, () -> Fixtures.STARTER);
    }

    /** Every graded check, read from the suites' annotations as the grader does. */
    static List<CheckSpec> catalogue() {
        if (catalogue == null) {
            catalogue = Catalogue.read(GradedSubmissions.class.getClassLoader());
        }
        return catalogue;
    }

    static List<String> numbers() {
        return catalogue().stream().map(CheckSpec::number).toList();
    }

    static double maxScore() {
        return catalogue().stream().mapToDouble(CheckSpec::points).sum();
    }

    /** The result of check {@code number}. */
    static CheckResult check(GradeReport report, String number) {
        return report.checks().stream().filter(c -> c.number().equals(number)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no check " + number + " in the report"));
    }

    /** The report holds every check of the catalogue, once, in catalogue order, with its points. */
    static void assertComplete(GradeReport report) {
        assertThat(report.checks()).extracting(CheckResult::number).containsExactlyElementsOf(numbers());
        for (CheckSpec spec : catalogue()) {
            CheckResult c = check(report, spec.number());
            assertThat(c.maxScore()).as("points of %s", spec.number()).isEqualTo(spec.points());
            assertThat(c.score()).as("score of %s", spec.number()).isEqualTo(c.status() == Status.PASSED ? spec.points() : 0.0);
        }
        assertThat(report.maxScore()).isEqualTo(maxScore());
    }

    /** For failure messages: number, status and feedback of every check. */
    static String summary(GradeReport report) {
        StringBuilder sb = new StringBuilder();
        for (CheckResult c : report.checks()) {
            sb.append(c.number()).append(' ').append(c.status()).append(' ').append(c.score()).append('/').append(c.maxScore());
            if (!c.feedback().isEmpty()) {
                sb.append(": ").append(c.feedback().lines().findFirst().orElse(""));
            }
            sb.append('\n');
        }
        sb.append("notes: ").append(report.notes()).append('\n');
        sb.append("diagnostics: ").append(report.diagnostics()).append('\n');
        return sb.toString();
    }
}
