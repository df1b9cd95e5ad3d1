package backprop.grader.selfcheck;

import backprop.grader.engine.Grader;
import backprop.grader.results.GradeReport;
import backprop.grader.run.RunOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Grades every catalogue fixture, the solutions and the starter once per test JVM, with the real
 * {@link Grader} (compilation, child JVMs, scoring), a few at a time; every assertion about a
 * fixture reads the same report. A grading that throws fails the tests that need it.
 */
final class Gradings {
    /** Short limits: a correct check takes well under a second; XOR about one. */
    static final RunOptions OPTIONS = RunOptions.defaults().withCheckCpu(Duration.ofSeconds(15)).withGlobal(Duration.ofSeconds(150));
    static final String SOLUTIONS = "solutions";
    static final String STARTER = "starter";

    private static Map<String, Outcome> all;

    private Gradings() {
    }

    /** A report, or why there is none, and how long grading took. */
    record Outcome(GradeReport report, RuntimeException failure, Duration elapsed) {
        GradeReport get(String id) {
            if (failure != null) {
                throw new AssertionError("grading " + id + " threw instead of producing a report", failure);
            }
            return report;
        }
    }

    /** The report of {@code id}: a fixture's id ("mutants/mse-summed"), {@link #SOLUTIONS} or {@link #STARTER}. */
    static GradeReport report(String id) {
        Outcome o = all().get(id);
        if (o == null) {
            throw new IllegalArgumentException("nothing graded under " + id);
        }
        return o.get(id);
    }

    static synchronized Map<String, Outcome> all() {
        if (all == null) {
            all = gradeAll();
        }
        return all;
    }

    private static Map<String, Outcome> gradeAll() {
        Map<String, Map<String, String>> submissions = new LinkedHashMap<>();
        submissions.put(SOLUTIONS, Catalogue.solutionFiles());
        submissions.put(STARTER, Catalogue.starterFiles());
        List<Catalogue.Fixture> fixtures = new ArrayList<>(Catalogue.mutants());
        fixtures.addAll(Catalogue.correct());
        for (Catalogue.Fixture f : fixtures) {
            submissions.put(f.id(), Catalogue.submissionFiles(f));
        }
        Path root;
        try {
            root = Files.createTempDirectory("backprop-selfcheck-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Grader grader = Grader.create(OPTIONS);
            Map<String, Future<Outcome>> futures = new LinkedHashMap<>();
            int k = 0;
            for (Map.Entry<String, Map<String, String>> e : submissions.entrySet()) {
                Path dir = Catalogue.write(root.resolve("s" + k++).resolve(e.getKey().replace('/', '-')), e.getValue());
                futures.put(e.getKey(), pool.submit(() -> grade(grader, dir)));
            }
            Map<String, Outcome> out = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Outcome>> e : futures.entrySet()) {
                out.put(e.getKey(), e.getValue().get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            Catalogue.deleteTree(root);
        }
    }

    private static Outcome grade(Grader grader, Path submission) {
        long start = System.nanoTime();
        try {
            GradeReport report = grader.grade(submission);
            return new Outcome(report, null, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            return new Outcome(null, e, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
