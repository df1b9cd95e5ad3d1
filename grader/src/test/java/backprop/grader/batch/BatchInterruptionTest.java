package backprop.grader.batch;

import static backprop.grader.batch.SubmissionFixtures.flat;
import static backprop.grader.batch.SubmissionFixtures.maven;
import static backprop.grader.batch.SubmissionFixtures.replace;
import static backprop.grader.batch.SubmissionFixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch killed mid-way (as by Ctrl-C or a CI timeout) leaves only complete, valid reports and a usable
 * gradebook; a rerun grades only what is missing; {@code --force} grades everything again.
 */
class BatchInterruptionTest {
    private static final int SUBMISSIONS = 10;

    @TempDir
    Path tmp;

    @Test
    void aKilledBatchLeavesValidReportsAndARerunCompletesOnlyTheMissingOnes() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("submissions"));
        Path out = tmp.resolve("out");
        Map<String, String> sol = SubmissionFixtures.solution();
        Map<String, String> mse = replace(sol, "MeanSquaredError.java", "2.0 /", "1.0 /");
        for (int i = 0; i < SUBMISSIONS - 1; i++) {
            String id = String.format("student-%02d", i);
            switch (i % 3) {
                case 0 -> maven(folder.resolve(id), sol);
                case 1 -> flat(folder.resolve(id), mse);
                default -> zip(folder.resolve(id + ".zip"), "", sol);
            }
        }
        SubmissionFixtures.write(folder.resolve("broken.zip"), "not a zip");

        // 1. Start the real command line in its own JVM and kill it once a few reports exist.
        Path log = tmp.resolve("batch.log");
        Process batch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "backprop.grader.cli.GraderCli",
                "batch", folder.toString(), "--out", out.toString(), "--jobs", "2", "--check-timeout", "2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        batch.getOutputStream().close();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (reports(out).size() < 3) {
            assertThat(batch.isAlive()).as("the batch ended before it was killed; its output:\n" + read(log)).isTrue();
            assertThat(System.nanoTime()).as("no 3 reports after 180 s; output:\n" + read(log)).isLessThan(deadline);
            Thread.sleep(100);
        }
        List<ProcessHandle> testJvms = batch.descendants().toList();
        batch.destroy(); // SIGTERM, like a CI timeout; Ctrl-C runs the same shutdown hook
        assertThat(batch.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("the batch stops when killed").isTrue();
        for (ProcessHandle h : testJvms) {
            h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS); // no test JVM outlives the batch
        }

        // 2. What is there is complete and valid.
        List<Path> done = reports(out);
        assertThat(done.size()).as("reports written before the kill").isBetween(3, SUBMISSIONS - 1);
        for (Path report : done) {
            JsonObject o = BatchGradingTest.json(report); // complete JSON, never half a file
            assertThat(o.get("score").getAsDouble()).isGreaterThan(0);
            assertThat(o.getAsJsonArray("parts")).hasSize(5);
            for (String f : List.of("results.json", "classroom.json", "report.html")) {
                assertThat(report.resolveSibling(f)).isRegularFile();
            }
        }
        List<List<String>> rows = Csv.parse(Files.readString(out.resolve("gradebook.csv"), StandardCharsets.UTF_8));
        assertThat(rows.get(0).subList(0, 3)).containsExactly("student_id", "total", "max");
        for (List<String> row : rows.subList(1, rows.size())) {
            Path dir = out.resolve(row.get(0));
            assertThat(Files.exists(dir.resolve("report.json")) || Files.exists(dir.resolve("ungraded.json")))
                    .as(row.get(0) + " is in the gradebook, so its report is on disk").isTrue();
        }
        List<StudentEntry> regenerated = BatchGrader.regenerate(out);
        List<List<String>> after = Csv.parse(Files.readString(out.resolve("gradebook.csv"), StandardCharsets.UTF_8));
        assertThat(after).hasSize(regenerated.size() + 1);
        assertThat(regenerated.stream().filter(StudentEntry::graded).count()).isEqualTo(done.size());
        assertThat(BatchGradingTest.json(out.resolve("summary.json")).get("count").getAsInt()).isEqualTo(done.size());
        int recorded = regenerated.size();

        // 3. A rerun grades only the missing ones.
        Map<Path, FileTime> times = times(done);
        BatchGrader.Result rerun = new BatchGrader(new BatchGrader.Options(2, out, false, BatchGradingTest.runOptions()),
                null, false).run(folder);
        assertThat(rerun.found()).isEqualTo(SUBMISSIONS);
        assertThat(rerun.skipped()).isEqualTo(recorded);
        assertThat(rerun.graded() + rerun.ungraded()).isEqualTo(SUBMISSIONS - recorded);
        assertThat(times(done)).as("reports written before the kill are kept as they are").isEqualTo(times);
        assertThat(reports(out)).hasSize(SUBMISSIONS - 1);
        assertThat(Csv.parse(Files.readString(out.resolve("gradebook.csv")))).hasSize(SUBMISSIONS + 1);
        assertThat(out.resolve("broken").resolve("ungraded.json")).isRegularFile();

        // 4. --force grades everything again.
        Map<Path, FileTime> before = times(reports(out));
        Thread.sleep(20);
        BatchGrader.Result forced = new BatchGrader(new BatchGrader.Options(2, out, true, BatchGradingTest.runOptions()),
                null, false).run(folder);
        assertThat(forced.skipped()).isZero();
        assertThat(forced.graded()).isEqualTo(SUBMISSIONS - 1);
        assertThat(forced.ungraded()).isEqualTo(1);
        Map<Path, FileTime> now = times(reports(out));
        before.forEach((p, t) -> assertThat(now.get(p)).as(p.toString()).isGreaterThan(t));
    }

    private static List<Path> reports(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(out)) {
            for (Path d : dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).toList()) {
                if (Files.isRegularFile(d.resolve("report.json"))) {
                    found.add(d.resolve("report.json"));
                }
            }
        }
        return found;
    }

    private static Map<Path, FileTime> times(List<Path> files) throws IOException {
        Map<Path, FileTime> m = new HashMap<>();
        for (Path f : files) {
            m.put(f, Files.getLastModifiedTime(f));
        }
        return m;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
