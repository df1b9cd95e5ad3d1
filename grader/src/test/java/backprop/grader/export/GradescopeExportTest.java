package backprop.grader.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import backprop.grader.cli.GraderCli;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grader gradescope}: the zip has Gradescope's layout, and its {@code run_autograder}, run in a
 * simulated {@code /autograder} (AUTOGRADER_ROOT), always leaves a valid results.json with the right
 * score. The shaded jar does not exist yet when surefire runs, so the grader runs from this JVM's
 * classpath through GRADER_CMD, the hook run_autograder offers for exactly that.
 */
class GradescopeExportTest {
    private static Path zip;
    private static Path jar;

    @BeforeAll
    static void buildTheZip(@TempDir Path tmp) throws IOException {
        jar = ExportSupport.fakeGraderJar(tmp.resolve("grader.jar"));
        zip = GradescopeExport.build(jar, tmp.resolve("out/autograder.zip"), false).zip();
    }

    @Test
    void theZipHasSetupAndRunAutograderAtItsRootAndTheJar() throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("enablePosixFileAttributes", "true"))) {
            List<String> entries = new ArrayList<>();
            for (Path root : fs.getRootDirectories()) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).forEach(p -> entries.add(root.relativize(p).toString()));
                }
            }
            assertThat(entries).as("entries of the autograder zip (all at its root)")
                    .containsExactlyInAnyOrder("setup.sh", "run_autograder", "grader.jar", "README.txt");
            for (String script : List.of("setup.sh", "run_autograder")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(fs.getPath(script));
                assertThat(PosixFilePermissions.toString(perms)).as("mode of %s in the zip", script).isEqualTo("rwxr-xr-x");
                assertThat(Files.readString(fs.getPath(script))).as("%s", script).startsWith("#!/usr/bin/env bash\n")
                        .doesNotContainPattern("@@[A-Z0-9_]+@@").doesNotContain("\r");
            }
            assertThat(Files.readAllBytes(fs.getPath("grader.jar"))).as("grader.jar in the zip").isEqualTo(Files.readAllBytes(jar));
            assertThat(Files.readString(fs.getPath("README.txt"))).as("README.txt").contains(GraderJar.sha256(jar));
            assertThat(Files.readString(fs.getPath("setup.sh"))).as("setup.sh")
                    .contains("apt-get update", "apt-get install -y --no-install-recommends openjdk-17-jdk-headless");
            assertThat(Files.readString(fs.getPath("run_autograder"))).as("run_autograder")
                    .contains("${AUTOGRADER_ROOT:-/autograder}", "\"$ROOT/source/grader.jar\"", "$RESULTS/results.json");
        }
    }

    @Test
    void theScriptsAreValidBash(@TempDir Path tmp) throws IOException {
        assumeTrue(ExportSupport.onPath("bash"), "bash is not on the PATH");
        Path root = unpack(tmp);
        for (String script : List.of("source/setup.sh", "source/run_autograder")) {
            ExportSupport.Run run = ExportSupport.run(List.of("bash", "-n", root.resolve(script).toString()), root, Map.of(),
                    Duration.ofSeconds(30));
            assertThat(run.exitCode()).as("bash -n %s:\n%s", script, run.output()).isZero();
        }
    }

    @Test
    void aCorrectSubmissionGetsFullMarks(@TempDir Path tmp) throws IOException {
        Path root = unpack(tmp);
        ExportSupport.copyFlat(ExportSupport.REPO.resolve("solutions/src/main/java/backprop/nn"), root.resolve("submission"), ".java");
        JsonNode results = runAutograder(root, graderCmd());
        double max = maxScore(results);
        assertThat(max).as("sum of the tests' max_score").isPositive();
        assertThat(results.get("score").asDouble()).as("score of the solutions (max %s)\n%s", max, results.get("output").asText())
                .isEqualTo(max);
        assertThat(results.get("tests")).as("tests").allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("passed"));
    }

    @Test
    void theBuggyExampleSubmissionGetsPartialMarks(@TempDir Path tmp) throws IOException {
        Path root = unpack(tmp);
        ExportSupport.copyTree(ExportSupport.REPO.resolve("examples/submission"), root.resolve("submission"));
        JsonNode results = runAutograder(root, graderCmd());
        double score = results.get("score").asDouble();
        assertThat(score).as("score of examples/submission (max %s)", maxScore(results)).isPositive().isLessThan(maxScore(results));
        assertThat(test(results, "Tanh.derivative matches finite differences").get("score").asDouble())
                .as("Tanh, left as a TODO in the example").isZero();
        assertThat(test(results, "ReLU.derivative matches finite differences").get("score").asDouble())
                .as("ReLU, correct in the example").isPositive();
    }

    @Test
    void aSubmissionThatDoesNotCompileIsGradedAroundTheBrokenFile(@TempDir Path tmp) throws IOException {
        Path root = unpack(tmp);
        Path submission = root.resolve("submission");
        ExportSupport.copyFlat(ExportSupport.REPO.resolve("solutions/src/main/java/backprop/nn"), submission, ".java");
        Path tanh = submission.resolve("Tanh.java");
        String source = Files.readString(tanh, StandardCharsets.UTF_8);
        String broken = source.replace("return 1.0 - t * t;", "return 1.0 - t * t");
        assertThat(broken).as("Tanh.java with a missing semicolon (update the test if the solution changed)").isNotEqualTo(source);
        Files.writeString(tanh, broken, StandardCharsets.UTF_8);

        JsonNode results = runAutograder(root, graderCmd());
        double max = maxScore(results);
        double score = results.get("score").asDouble();
        List<JsonNode> tanhChecks = tests(results).stream().filter(t -> t.get("name").asText().contains("Tanh.derivative")).toList();
        assertThat(tanhChecks).as("checks of Tanh.derivative").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(t -> assertThat(t.get("score").asDouble()).as(t.get("name").asText()).isZero());
        double tanhPoints = tanhChecks.stream().mapToDouble(t -> t.get("max_score").asDouble()).sum();
        assertThat(score).as("score with a Tanh.java that does not compile: everything but Tanh's checks")
                .isEqualTo(max - tanhPoints);
        assertThat(results.get("output").asText()).as("top-level output").contains("Tanh.java");
    }

    @Test
    void aCrashingGraderStillLeavesAValidResultsJsonWorthZero(@TempDir Path tmp) throws IOException {
        Path root = unpack(tmp);
        Files.createDirectories(root.resolve("submission"));
        JsonNode crashed = runAutograder(root, "bash -c 'echo boom >&2; exit 3'");
        assertThat(crashed.get("score").asDouble()).as("score when the grader crashes").isZero();
        assertThat(crashed.get("output").asText()).as("output when the grader crashes")
                .contains("exit code 3", "instructor").doesNotContain("boom");

        JsonNode missing = runAutograder(root, "false");
        assertThat(missing.get("score").asDouble()).as("score when the grader command fails").isZero();
    }

    @Test
    void anUnreadableSubmissionGetsZeroAndTheReason(@TempDir Path tmp) throws IOException {
        Path root = unpack(tmp);
        Files.createDirectories(root.resolve("submission"));
        // the grader exits with 2 for a submission it cannot read; quotes, a backslash and a tab in its
        // message must survive the shell's JSON escaping
        Path nowhere = tmp.resolve("no \"such\" \\ sub\tmission");
        JsonNode results = runAutograder(root, graderCmd(), nowhere);
        assertThat(results.get("score").asDouble()).as("score of an unreadable submission").isZero();
        assertThat(results.get("output").asText()).as("output for an unreadable submission")
                .contains("could not read it", "grader: submission not found: ", "no \"such\" \\ sub");
    }

    @Test
    void theCommandLineNeedsAJarAndRefusesToOverwrite(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("gs.zip");
        assertThat(GraderCli.run("gradescope", out.toString())).as("exit code without a jar (tests run from classes)")
                .isEqualTo(GraderCli.USAGE);
        assertThat(out).as("zip written without a jar").doesNotExist();
        assertThat(GraderCli.run("gradescope", out.toString(), "--grader-jar", jar.toString())).as("exit code with --grader-jar")
                .isEqualTo(GraderCli.GRADED);
        assertThat(out).as("zip written by the CLI").isRegularFile();
        assertThat(GraderCli.run("gradescope", out.toString(), "--grader-jar", jar.toString())).as("exit code when the zip exists")
                .isEqualTo(GraderCli.USAGE);
        assertThat(GraderCli.run("gradescope", out.toString(), "--grader-jar", jar.toString(), "--force"))
                .as("exit code with --force").isEqualTo(GraderCli.GRADED);
        Path original = Files.writeString(tmp.resolve("original-grader.jar"), "not a jar");
        assertThat(GraderCli.run("gradescope", tmp.resolve("other.zip").toString(), "--grader-jar", original.toString()))
                .as("exit code with a jar that is not the grader").isEqualTo(GraderCli.USAGE);
        assertThatThrownBy(() -> GradescopeExport.build(jar, tmp, true)).as("a directory as the zip")
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the simulated /autograder ------------------------------------------------------------

    /** Gradescope's layout: the zip extracted into source/, run_autograder copied to the root, results/. */
    private static Path unpack(Path tmp) throws IOException {
        Path root = tmp.resolve("autograder");
        Path source = Files.createDirectories(root.resolve("source"));
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of())) {
            for (Path p : fs.getRootDirectories()) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : walk.filter(Files::isRegularFile).toList()) {
                        Files.copy(f, source.resolve(p.relativize(f).toString()));
                    }
                }
            }
        }
        Files.copy(source.resolve("run_autograder"), root.resolve("run_autograder"));
        return root;
    }

    private static JsonNode runAutograder(Path root, String graderCmd) throws IOException {
        return runAutograder(root, graderCmd, null);
    }

    /**
     * Runs {@code bash run_autograder} in {@code root}; with {@code submissionOverride}, the grader is
     * pointed at that path through a wrapper instead of root/submission.
     */
    private static JsonNode runAutograder(Path root, String graderCmd, Path submissionOverride) throws IOException {
        assumeTrue(ExportSupport.onPath("bash"), "bash is not on the PATH");
        String cmd = graderCmd;
        if (submissionOverride != null) {
            // run_autograder calls: $GRADER_CMD grade <root>/submission --out ...; swap the submission for the override
            Path wrapper = Files.writeString(root.resolve("swap-submission.sh"),
                    "#!/usr/bin/env bash\nargs=(\"$@\")\nargs[1]=" + ExportSupport.shellQuote(submissionOverride.toString())
                            + "\nexec " + graderCmd + " \"${args[@]}\"\n");
            cmd = "bash " + ExportSupport.shellQuote(wrapper.toString());
        }
        Map<String, String> env = new HashMap<>();
        env.put("AUTOGRADER_ROOT", root.toString());
        env.put("GRADER_CMD", cmd);
        ExportSupport.Run run = ExportSupport.run(List.of("bash", "run_autograder"), root, env, Duration.ofMinutes(6));
        assertThat(run.exitCode()).as("exit code of run_autograder (always 0):\n%s", run.output()).isZero();
        Path results = root.resolve("results/results.json");
        assertThat(results).as("results/results.json after run_autograder:\n%s", run.output()).isRegularFile();
        JsonNode json = GradescopeSchema.parse(Files.readString(results, StandardCharsets.UTF_8));
        assertThat(GradescopeSchema.validate(json)).as("schema violations of results.json:\n%s", json.toPrettyString()).isEmpty();
        assertThat(json.has("score")).as("results.json has a top-level score").isTrue();
        return json;
    }

    /** java -cp <this JVM's classpath minus the student API> GraderCli, as shell words. */
    private static String graderCmd() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = String.join(File.pathSeparator, ExportSupport.graderClasspath());
        return ExportSupport.shellQuote(java) + " -cp " + ExportSupport.shellQuote(cp) + " backprop.grader.cli.GraderCli";
    }

    private static List<JsonNode> tests(JsonNode results) {
        return StreamSupport.stream(results.get("tests").spliterator(), false).toList();
    }

    private static JsonNode test(JsonNode results, String nameContains) {
        return tests(results).stream().filter(t -> t.get("name").asText().contains(nameContains)).findFirst()
                .orElseThrow(() -> new AssertionError("no test named *" + nameContains + "* in " + results.toPrettyString()));
    }

    private static double maxScore(JsonNode results) {
        return tests(results).stream().mapToDouble(t -> t.get("max_score").asDouble()).sum();
    }
}
