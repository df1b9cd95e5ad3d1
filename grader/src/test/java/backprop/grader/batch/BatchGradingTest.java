package backprop.grader.batch;

import static backprop.grader.batch.SubmissionFixtures.copyTree;
import static backprop.grader.batch.SubmissionFixtures.flat;
import static backprop.grader.batch.SubmissionFixtures.maven;
import static backprop.grader.batch.SubmissionFixtures.replace;
import static backprop.grader.batch.SubmissionFixtures.write;
import static backprop.grader.batch.SubmissionFixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import backprop.grader.cli.GraderCli;
import backprop.grader.run.RunOptions;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grades a realistic class of 32 submissions with {@code grader batch --jobs 2}: solutions in every
 * layout (Maven, flat, zipped, nested), the starter, the bundled example, buggy variants, submissions
 * that do not compile, one with an endless loop, and unreadable ones (corrupt, truncated and empty zips,
 * an empty folder, a folder without Java files). Then checks the reports, the gradebook, the summary,
 * and that a rerun skips everything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchGradingTest {
    /** Expected outcome of a fixture. */
    private enum Expect { MAX, ZERO, BELOW_MAX, UNGRADED }

    private record Fixture(Expect expect, String detail) {
    }

    private static final String HOSTILE = "mallory<svg onload=alert(1)>";

    @TempDir
    static Path tmp;

    private Path folder;
    private Path out;
    private final Map<String, Fixture> fixtures = new LinkedHashMap<>();
    private int exitCode;
    private String stdout;
    private String stderr;
    private Duration firstRun;

    @BeforeAll
    void gradeTheClass() throws IOException {
        folder = Files.createDirectories(tmp.resolve("submissions"));
        out = tmp.resolve("batch-output");
        buildClass();
        long t0 = System.nanoTime();
        String[] result = cli("batch", folder.toString(), "--out", out.toString(), "--jobs", "2", "--check-timeout", "2",
                "--timeout", "120");
        firstRun = Duration.ofNanos(System.nanoTime() - t0);
        exitCode = Integer.parseInt(result[0]);
        stdout = result[1];
        stderr = result[2];
        System.out.println("[BatchGradingTest] graded " + fixtures.size() + " submissions with --jobs 2 in "
                + firstRun.toMillis() / 1000.0 + " s");
    }

    private void buildClass() throws IOException {
        Map<String, String> sol = SubmissionFixtures.solution();
        Map<String, String> starter = SubmissionFixtures.starter();
        // Solutions: every layout a student or an export produces.
        add("sol-maven", Expect.MAX, maven(folder.resolve("sol-maven"), sol));
        add("sol-maven-2", Expect.MAX, maven(folder.resolve("sol-maven-2"), sol));
        add("sol-maven-3", Expect.MAX, maven(folder.resolve("sol-maven-3"), sol));
        add("sol-flat", Expect.MAX, flat(folder.resolve("sol-flat"), sol));
        add("sol-zip", Expect.MAX, zip(folder.resolve("sol-zip.zip"), "src/main/java/backprop/nn/", sol));
        add("sol-flat-zip", Expect.MAX, zip(folder.resolve("sol-flat-zip.zip"), "", sol));
        add("sol-github-zip", Expect.MAX, zip(folder.resolve("sol-github-zip.zip"), "hw3-main/src/main/java/backprop/nn/", sol));
        add("sol-nested", Expect.MAX, maven(folder.resolve("sol-nested/hw3-sol-nested"), sol).getParent());
        Map<String, String> crlf = new TreeMap<>(sol);
        crlf.replaceAll((k, v) -> v.replace("\n", "\r\n"));
        add("sol-crlf", Expect.MAX, flat(folder.resolve("sol-crlf"), crlf));
        Path extras = maven(folder.resolve("sol-extras"), sol);
        write(extras.resolve("README.md"), "# my homework\n");
        write(extras.resolve("target/classes/junk.txt"), "build output\n");
        write(extras.resolve("src/test/java/backprop/nn/MyTest.java"), "this is not Java at all {{{\n");
        add("sol-extras", Expect.MAX, extras);
        add("o'brien, pat", Expect.MAX, flat(folder.resolve("o'brien, pat"), sol));
        add("Jane Doe", Expect.MAX, maven(folder.resolve("Jane Doe"), sol));
        // The starter and the bundled example.
        add("starter", Expect.ZERO, maven(folder.resolve("starter"), starter));
        add("starter-zip", Expect.ZERO, zip(folder.resolve("starter-zip.zip"), "", starter));
        add("example", Expect.BELOW_MAX, copyTree(SubmissionFixtures.EXAMPLE, folder.resolve("example")));
        // Buggy variants: one mistake each, in the part named.
        Map<String, String> sigmoid = replace(sol, "Sigmoid.java", "s * (1.0 - s)", "s * (1.0 + s)");
        add("bug-sigmoid", Expect.BELOW_MAX, "Activations", maven(folder.resolve("bug-sigmoid"), sigmoid));
        add("bug-sigmoid-zip", Expect.BELOW_MAX, "Activations", zip(folder.resolve("bug-sigmoid-zip.zip"), "", sigmoid));
        Map<String, String> mse = replace(sol, "MeanSquaredError.java", "2.0 /", "1.0 /");
        add("bug-mse", Expect.BELOW_MAX, "Losses", flat(folder.resolve("bug-mse"), mse));
        add("=1+1", Expect.BELOW_MAX, "Losses", zip(folder.resolve("=1+1.zip"), "", mse));
        add("bug-db-half", Expect.BELOW_MAX, "Dense layer",
                maven(folder.resolve("bug-db-half"), replace(sol, "DenseLayer.java", "dZ.sumRows()", "dZ.sumRows().scale(0.5)")));
        add("bug-tanh", Expect.BELOW_MAX, "Activations",
                maven(folder.resolve("bug-tanh"), replace(sol, "Tanh.java", "return 1.0 - t * t;", "return 1.0 - z * z;")));
        add("bug-relu-kink", Expect.BELOW_MAX, "Activations",
                maven(folder.resolve("bug-relu-kink"), replace(sol, "ReLU.java", "return z > 0 ? 1.0 : 0.0;", "return z >= 0 ? 1.0 : 0.0;")));
        add("bug-softmax", Expect.BELOW_MAX, "Losses", maven(folder.resolve("bug-softmax"),
                replace(sol, "SoftmaxCrossEntropy.java", ".scale(1.0 / prediction.rows())", "")));
        // Not compiling: the broken file is graded as its stub, the rest as written.
        add("nocompile-sigmoid", Expect.BELOW_MAX, "Activations", maven(folder.resolve("nocompile-sigmoid"),
                replace(sol, "Sigmoid.java", "return s * (1.0 - s);", "return s * (1.0 - s)")));
        add("nocompile-dense", Expect.BELOW_MAX, "Dense layer", maven(folder.resolve("nocompile-dense"),
                replace(sol, "DenseLayer.java", "gradBias = dZ.sumRows();", "gradBias = dZ.sumRows()")));
        Map<String, String> allBroken = new TreeMap<>(sol);
        for (String name : studentFiles()) {
            allBroken.put(name, allBroken.get(name) + "\nclass Unclosed {\n");
        }
        add("nocompile-all", Expect.ZERO, maven(folder.resolve("nocompile-all"), allBroken));
        // Hostile: an endless loop that ignores interrupts, and an id that is markup.
        add(HOSTILE, Expect.BELOW_MAX, "Activations", maven(folder.resolve(HOSTILE), replace(sol, "Tanh.java",
                "double t = Math.tanh(z);", "long spins = 0; while (z == z || z != z) { spins++; } double t = spins;")));
        // Unreadable.
        write(folder.resolve("corrupt.zip"), "this is not a zip file, just text with a .zip name\n");
        add("corrupt", Expect.UNGRADED, "corrupt zip", folder.resolve("corrupt.zip"));
        Path whole = zip(tmp.resolve("whole.zip"), "", sol);
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(folder.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        add("truncated", Expect.UNGRADED, "corrupt zip", folder.resolve("truncated.zip"));
        add("empty-zip", Expect.UNGRADED, "empty zip", zip(folder.resolve("empty-zip.zip"), "", Map.of()));
        add("empty", Expect.UNGRADED, "empty folder", Files.createDirectories(folder.resolve("empty")));
        Path noJava = Files.createDirectories(folder.resolve("no-java"));
        write(noJava.resolve("answers.txt"), "I wrote my answers in a text file\n");
        add("no-java", Expect.UNGRADED, "no .java files", noJava);
        // Neither submissions nor errors.
        write(folder.resolve("submission_metadata.yml"), "# what a Gradescope export has beside the submissions\n");
        write(folder.resolve(".DS_Store"), "junk");
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(30);
    }

    private void add(String id, Expect expect, Path path) {
        add(id, expect, "", path);
    }

    private void add(String id, Expect expect, String detail, Path path) {
        assertThat(path).exists();
        fixtures.put(id, new Fixture(expect, detail));
    }

    /** The files students write: those with a solution block. */
    private static List<String> studentFiles() throws IOException {
        try (Stream<Path> list = Files.list(SubmissionFixtures.SOLUTIONS)) {
            List<String> names = new ArrayList<>();
            for (Path p : list.toList()) {
                if (Files.readString(p).contains("// BEGIN SOLUTION")) {
                    names.add(p.getFileName().toString());
                }
            }
            return names;
        }
    }

    private List<String> ids(Expect... kinds) {
        List<Expect> wanted = List.of(kinds);
        return fixtures.entrySet().stream().filter(e -> wanted.contains(e.getValue().expect())).map(Map.Entry::getKey).toList();
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theBatchRunsToTheEndAndReportsProgressPerSubmission() {
        assertThat(exitCode).as("exit code; stderr:\n" + stderr).isEqualTo(0);
        int n = fixtures.size();
        // Not a terminal here, so one progress line per finished submission: done/total, failures, ETA.
        List<String> progress = stderr.lines().filter(l -> l.matches("\\[\\s*\\d+/" + n + "] .*")).toList();
        assertThat(progress).hasSize(n);
        assertThat(progress.get(n - 1)).startsWith("[" + n + "/" + n + "] " + ids(Expect.UNGRADED).size() + " could not be graded");
        assertThat(progress.get(0)).contains("ETA");
        assertThat(stderr).contains("ignored submission_metadata.yml").doesNotContain(".DS_Store");
        assertThat(stdout).contains(n + " submission(s), " + (n - ids(Expect.UNGRADED).size()) + " graded, 0 skipped")
                .contains(ids(Expect.UNGRADED).size() + " could not be graded").contains("gradebook.csv");
    }

    @Test
    @Order(2)
    void everyGradableSubmissionHasItsReportsAndEveryOtherAReason() throws IOException {
        for (String id : ids(Expect.MAX, Expect.ZERO, Expect.BELOW_MAX)) {
            Path dir = out.resolve(id);
            assertThat(dir.resolve("report.json")).as(id).isRegularFile();
            assertThat(dir.resolve("results.json")).as(id).isRegularFile();
            assertThat(dir.resolve("classroom.json")).as(id).isRegularFile();
            assertThat(dir.resolve("report.html")).as(id).isRegularFile();
            assertThat(dir.resolve("ungraded.json")).as(id).doesNotExist();
            JsonObject report = json(dir.resolve("report.json"));
            assertThat(report.get("parts").getAsJsonArray()).as(id).hasSize(5);
            assertThat(Files.readString(dir.resolve("report.html"))).as(id).startsWith("<!DOCTYPE html>");
        }
        for (String id : ids(Expect.UNGRADED)) {
            Path dir = out.resolve(id);
            assertThat(dir.resolve("report.json")).as(id).doesNotExist();
            JsonObject ungraded = json(dir.resolve("ungraded.json"));
            assertThat(ungraded.get("reason").getAsString()).as(id).contains(fixtures.get(id).detail());
            assertThat(ungraded.get("kind").getAsString()).isEqualTo("unreadable");
        }
        try (Stream<Path> list = Files.list(out)) {
            assertThat(list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")))
                    .as("no staging folder or temporary file left behind").isEmpty();
        }
    }

    @Test
    @Order(3)
    void theGradebookHasOneRowPerStudentWithTheRightTotals() throws IOException {
        List<List<String>> rows = Csv.parse(Files.readString(out.resolve("gradebook.csv"), StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        assertThat(header).containsExactly("student_id", "total", "max", "Activations", "Losses", "Dense layer",
                "Network and training", "Worked examples", "status", "reason");
        assertThat(rows).hasSize(fixtures.size() + 1);
        Map<String, Map<String, String>> byId = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertThat(row).hasSameSizeAs(header);
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                cells.put(header.get(i), row.get(i));
            }
            byId.put(row.get(0), cells);
        }
        // A text cell a spreadsheet would evaluate gets an apostrophe; a comma is quoted and survives.
        assertThat(byId).containsKey("'=1+1").containsKey("o'brien, pat").containsKey("Jane Doe").containsKey(HOSTILE);
        for (Map.Entry<String, Fixture> e : fixtures.entrySet()) {
            String id = e.getKey();
            Map<String, String> row = byId.get(id.startsWith("=") ? "'" + id : id);
            assertThat(row).as(id).isNotNull();
            if (e.getValue().expect() == Expect.UNGRADED) {
                assertThat(row.get("total")).as(id).isEmpty();
                assertThat(row.get("max")).as(id).isEmpty();
                assertThat(row.get("Activations")).as(id).isEmpty();
                assertThat(row.get("status")).as(id).isEqualTo("ungraded");
                assertThat(row.get("reason")).as(id).contains(e.getValue().detail());
                continue;
            }
            JsonObject report = json(out.resolve(id).resolve("report.json"));
            double total = Double.parseDouble(row.get("total"));
            double max = Double.parseDouble(row.get("max"));
            assertThat(row.get("status")).as(id).isEqualTo("graded");
            assertThat(row.get("reason")).as(id).isEmpty();
            assertThat(total).as(id).isEqualTo(report.get("score").getAsDouble());
            assertThat(max).as(id).isEqualTo(report.get("max_score").getAsDouble()).isGreaterThan(0);
            double partsSum = 0;
            for (JsonElement p : report.getAsJsonArray("parts")) {
                String name = p.getAsJsonObject().get("name").getAsString();
                double cell = Double.parseDouble(row.get(name));
                assertThat(cell).as(id + " " + name).isEqualTo(p.getAsJsonObject().get("score").getAsDouble());
                partsSum += cell;
            }
            assertThat(partsSum).as(id).isCloseTo(total, within(1e-9));
            switch (e.getValue().expect()) {
                case MAX -> assertThat(total).as(id + ": a solution gets every point").isEqualTo(max);
                case ZERO -> assertThat(total).as(id + ": the starter gets nothing").isZero();
                case BELOW_MAX -> {
                    assertThat(total).as(id).isLessThan(max).isGreaterThan(0);
                    String part = e.getValue().detail();
                    if (!part.isEmpty()) {
                        assertThat(Double.parseDouble(row.get(part))).as(id + " loses points in " + part)
                                .isLessThan(partMax(report, part));
                    }
                }
                default -> throw new AssertionError(e);
            }
        }
        // Plain numbers with '.' as the decimal separator in the number cells.
        assertThat(byId.values().stream().map(r -> r.get("total")).filter(t -> !t.isEmpty()))
                .allMatch(t -> t.matches("\\d+(\\.\\d+)?"));
    }

    @Test
    @Order(4)
    void theSummaryAgreesWithTheGradebook() throws IOException {
        JsonObject summary = json(out.resolve("summary.json"));
        List<List<String>> rows = Csv.parse(Files.readString(out.resolve("gradebook.csv")));
        List<Double> totals = rows.subList(1, rows.size()).stream().filter(r -> !r.get(1).isEmpty())
                .map(r -> Double.parseDouble(r.get(1))).sorted().toList();
        int graded = ids(Expect.MAX, Expect.ZERO, Expect.BELOW_MAX).size();
        assertThat(totals).hasSize(graded);
        assertThat(summary.get("submissions").getAsInt()).isEqualTo(fixtures.size());
        assertThat(summary.get("count").getAsInt()).isEqualTo(graded);
        assertThat(summary.get("ungraded_count").getAsInt()).isEqualTo(ids(Expect.UNGRADED).size());
        double mean = totals.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(summary.get("mean").getAsDouble()).isCloseTo(mean, within(1e-3));
        double median = totals.size() % 2 == 1 ? totals.get(totals.size() / 2)
                : (totals.get(totals.size() / 2 - 1) + totals.get(totals.size() / 2)) / 2;
        assertThat(summary.get("median").getAsDouble()).isEqualTo(median);
        assertThat(summary.get("min").getAsDouble()).isZero();
        double max = summary.get("max_score").getAsDouble();
        assertThat(summary.get("max").getAsDouble()).isEqualTo(max);
        JsonArray histogram = summary.getAsJsonArray("histogram");
        assertThat(histogram).hasSize(10);
        int sum = 0;
        for (JsonElement b : histogram) {
            sum += b.getAsJsonObject().get("count").getAsInt();
        }
        assertThat(sum).isEqualTo(graded);
        assertThat(histogram.get(9).getAsJsonObject().get("count").getAsInt()).as("totals of 90-100 %")
                .isGreaterThanOrEqualTo(ids(Expect.MAX).size());
        assertThat(histogram.get(0).getAsJsonObject().get("count").getAsInt()).as("totals of 0-10 %")
                .isGreaterThanOrEqualTo(ids(Expect.ZERO).size());
        // Ungraded submissions, each with its reason.
        Map<String, String> ungraded = new HashMap<>();
        for (JsonElement u : summary.getAsJsonArray("ungraded")) {
            ungraded.put(u.getAsJsonObject().get("student_id").getAsString(), u.getAsJsonObject().get("reason").getAsString());
        }
        assertThat(ungraded.keySet()).containsExactlyInAnyOrderElementsOf(ids(Expect.UNGRADED));
        ungraded.forEach((id, reason) -> assertThat(reason).as(id).contains(fixtures.get(id).detail()));
        // Failure rates: the Sigmoid finite-difference check fails for the two Sigmoid bugs and the example.
        Map<String, JsonObject> checks = new HashMap<>();
        for (JsonElement c : summary.getAsJsonArray("checks")) {
            checks.put(c.getAsJsonObject().get("number").getAsString(), c.getAsJsonObject());
        }
        JsonObject sigmoid = checks.get("1.2");
        assertThat(sigmoid.get("name").getAsString()).contains("Sigmoid");
        assertThat(sigmoid.get("graded").getAsInt()).isEqualTo(graded);
        assertThat(sigmoid.get("failed").getAsInt()).isGreaterThanOrEqualTo(3);
        assertThat(sigmoid.get("failure_rate").getAsDouble())
                .isCloseTo(sigmoid.get("failed").getAsDouble() / graded, within(1e-4));
        // The most failed checks come with their most common diagnoses.
        JsonArray most = summary.getAsJsonArray("most_failed");
        assertThat(most).isNotEmpty();
        assertThat(most.get(0).getAsJsonObject().get("failed").getAsInt())
                .isEqualTo(checks.values().stream().mapToInt(c -> c.get("failed").getAsInt()).max().orElseThrow());
        boolean anyDiagnosis = false;
        for (JsonElement m : most) {
            anyDiagnosis |= !m.getAsJsonObject().getAsJsonArray("diagnoses").isEmpty();
        }
        assertThat(anyDiagnosis).as("some most-failed check has a diagnosis").isTrue();
        // One entry per student, with a link to each graded student's report.
        JsonArray students = summary.getAsJsonArray("students");
        assertThat(students).hasSize(fixtures.size());
        for (JsonElement s : students) {
            JsonObject o = s.getAsJsonObject();
            if ("graded".equals(o.get("status").getAsString())) {
                String link = java.net.URLDecoder.decode(o.get("report").getAsString().replace("+", "%2B"), StandardCharsets.UTF_8);
                assertThat(out.resolve(link)).as(link).isRegularFile();
            }
        }
        assertThat(Files.readString(out.resolve("summary.html"))).startsWith("<!DOCTYPE html>");
    }

    @Test
    @Order(5)
    void anEndlessLoopCostsOnlyItsOwnChecks() throws IOException {
        JsonObject report = json(out.resolve(HOSTILE).resolve("report.json"));
        List<String> timedOut = new ArrayList<>();
        for (JsonElement p : report.getAsJsonArray("parts")) {
            for (JsonElement c : p.getAsJsonObject().getAsJsonArray("checks")) {
                JsonObject check = c.getAsJsonObject();
                if ("timeout".equals(check.get("status").getAsString())) {
                    timedOut.add(check.get("number").getAsString() + " " + check.get("name").getAsString());
                }
            }
        }
        assertThat(timedOut).isNotEmpty().allMatch(s -> s.contains("Tanh"));
        assertThat(report.get("score").getAsDouble()).isGreaterThan(report.get("max_score").getAsDouble() / 2);
    }

    @Test
    @Order(6)
    void concurrentGradingsDoNotInterfere() throws IOException {
        // The same content, graded at the same time in different layouts, gets exactly the same verdicts.
        assertThat(verdicts("bug-sigmoid")).isEqualTo(verdicts("bug-sigmoid-zip"));
        assertThat(verdicts("bug-mse")).isEqualTo(verdicts("=1+1"));
        assertThat(verdicts("starter")).isEqualTo(verdicts("starter-zip"));
        for (String id : ids(Expect.MAX)) {
            assertThat(verdicts(id).values()).as(id).containsOnly("passed");
        }
        // Compile errors are reported as such, and only for the broken file.
        JsonObject broken = json(out.resolve("nocompile-sigmoid").resolve("report.json"));
        assertThat(broken.getAsJsonArray("diagnostics").toString()).contains("Sigmoid.java").doesNotContain("Tanh.java");
    }

    @Test
    @Order(10)
    void aRerunSkipsEverythingAndChangesNothing() throws Exception {
        Map<Path, String> before = snapshot();
        byte[] gradebook = Files.readAllBytes(out.resolve("gradebook.csv"));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BatchGrader.Result result = new BatchGrader(new BatchGrader.Options(2, out, false, runOptions()),
                new PrintStream(progress, true, StandardCharsets.UTF_8), false).run(folder);
        assertThat(result.found()).isEqualTo(fixtures.size());
        assertThat(result.skipped()).isEqualTo(fixtures.size());
        assertThat(result.graded()).isZero();
        assertThat(result.ungraded()).isZero();
        assertThat(result.ungradedInGradebook()).as("submissions still listed as not graded, from the first run")
                .isEqualTo(fixtures.values().stream().filter(f -> f.expect() == Expect.UNGRADED).count()).isPositive();
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(20));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("skipped " + fixtures.size() + " already graded");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(Files.readAllBytes(out.resolve("gradebook.csv"))).isEqualTo(gradebook);
        System.out.println("[BatchGradingTest] rerun, everything skipped, in " + result.elapsed().toMillis() / 1000.0 + " s");
    }

    @Test
    @Order(11)
    void usageErrorsExitWith2() throws IOException {
        assertThat(cli("batch", tmp.resolve("no-such-folder").toString())[0]).isEqualTo("2");
        assertThat(cli("batch", folder.toString(), "--jobs", "0", "--out", tmp.resolve("o1").toString())[0]).isEqualTo("2");
        assertThat(cli("batch", folder.toString(), "--check-timeout", "0", "--out", tmp.resolve("o2").toString())[0]).isEqualTo("2");
        assertThat(cli("batch", folder.toString(), "--out", out.resolve("gradebook.csv").toString())[0]).isEqualTo("2");
        assertThat(cli("batch", folder.toString(), "--out", folder.toString())[0]).isEqualTo("2");
        assertThat(cli("batch", folder.toString(), "--no-such-option")[0]).isEqualTo("2");
        assertThat(cli("batch")[0]).isEqualTo("2");
        Path none = Files.createDirectories(tmp.resolve("nothing-to-grade"));
        write(none.resolve("notes.txt"), "no submissions here");
        String[] r = cli("batch", none.toString(), "--out", tmp.resolve("o3").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("no submissions");
    }

    // ---------------------------------------------------------------------------------------------

    static RunOptions runOptions() {
        return RunOptions.defaults().withCheckCpu(Duration.ofSeconds(2)).withGlobal(Duration.ofSeconds(120));
    }

    /** Every file in the per-student folders, with its size, modification time and a hash of its bytes. */
    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.getParent().equals(out)).toList()) {
                files.put(out.relativize(p), Files.getLastModifiedTime(p) + " " + Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private Map<String, String> verdicts(String id) throws IOException {
        Map<String, String> v = new TreeMap<>();
        for (JsonElement p : json(out.resolve(id).resolve("report.json")).getAsJsonArray("parts")) {
            for (JsonElement c : p.getAsJsonObject().getAsJsonArray("checks")) {
                v.put(c.getAsJsonObject().get("number").getAsString(), c.getAsJsonObject().get("status").getAsString());
            }
        }
        return v;
    }

    private static double partMax(JsonObject report, String part) {
        for (JsonElement p : report.getAsJsonArray("parts")) {
            if (p.getAsJsonObject().get("name").getAsString().equals(part)) {
                return p.getAsJsonObject().get("max_score").getAsDouble();
            }
        }
        throw new AssertionError("no part " + part);
    }

    static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** Runs the CLI in this JVM; returns exit code, stdout, stderr. */
    static synchronized String[] cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = GraderCli.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new String[] {Integer.toString(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }
}
