package backprop.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code grader/target/grader.jar}, as users run it ({@code java -jar}): every command
 * works from the shaded jar itself, not only from the classes the unit tests see.
 */
class PackagedJarIT {
    private static final Path JAR = Fixtures.REPO.resolve("grader/target/grader.jar");

    private static String[] run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString()));
        cmd.addAll(List.of(args));
        Path log = dir.resolve("log-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finishes", List.of(args)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), Files.readString(log)};
    }

    @Test
    void theStudentTemplateAndTheGradescopeZipAreWrittenFromTheJar(@TempDir Path tmp) throws Exception {
        String[] starter = run(tmp, "starter", tmp.resolve("template").toString());
        assertThat(starter[0]).as(starter[1]).isEqualTo("0");
        assertThat(tmp.resolve("template/pom.xml")).isRegularFile();

        String[] gradescope = run(tmp, "gradescope", tmp.resolve("autograder.zip").toString());
        assertThat(gradescope[0]).as(gradescope[1]).isEqualTo("0");
        assertThat(tmp.resolve("autograder.zip")).isRegularFile();

        String[] grade = run(tmp, "grade", tmp.resolve("template").toString(), "--out", tmp.resolve("out").toString(), "--quiet");
        assertThat(grade[0]).as(grade[1]).isEqualTo("0");
        assertThat(grade[1]).contains("0 / 82");
    }

    @Test
    void studentsGradeTheirRepositoryLocallyWithOneCommandAndOnlyWithThePinnedGrader(@TempDir Path tmp) throws Exception {
        Path template = tmp.resolve("template");
        String[] starter = run(tmp, "starter", template.toString(), "--embed-grader-jar", "--grader-jar", JAR.toString());
        assertThat(starter[0]).as(starter[1]).isEqualTo("0");

        String[] local = bash(template, "grade-locally.sh", "--quiet");
        assertThat(local[0]).as(local[1]).isEqualTo("0");
        assertThat(local[1]).contains("template: 0 / 82").contains("open grading/report.html");
        assertThat(template.resolve("grading/report.html")).isRegularFile();

        Files.writeString(template.resolve(".grader/grader.jar"), "not the pinned grader");
        String[] tampered = bash(template, "grade-locally.sh");
        assertThat(tampered[0]).isEqualTo("1");
        assertThat(tampered[1]).contains("is not the grader your instructor pinned");
        assertThat(template.resolve(".grader/grader.jar")).doesNotExist();
    }

    @Test
    void theActionsWorkflowsGradingStepsRunAsGitHubWouldRunThem(@TempDir Path tmp) throws Exception {
        Path template = tmp.resolve("template");
        String[] starter = run(tmp, "starter", template.toString(), "--embed-grader-jar", "--grader-jar", JAR.toString());
        assertThat(starter[0]).as(starter[1]).isEqualTo("0");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> workflow = (java.util.Map<String, Object>) new org.yaml.snakeyaml.Yaml(
                new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions()))
                .load(Files.readString(template.resolve(".github/workflows/grade.yml")));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> env = (java.util.Map<String, Object>) workflow.get("env");
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> steps = (List<java.util.Map<String, Object>>) ((java.util.Map<String, Object>)
                ((java.util.Map<String, Object>) workflow.get("jobs")).get("grade")).get("steps");
        Path summary = tmp.resolve("step-summary.md");
        for (String name : List.of("Get the grader", "Grade")) {
            java.util.Map<String, Object> step = steps.stream().filter(st -> name.equals(st.get("name"))).findFirst().orElseThrow();
            Path script = Files.writeString(tmp.resolve(name.replace(' ', '-') + ".sh"), String.valueOf(step.get("run")));
            ProcessBuilder pb = new ProcessBuilder("bash", "-e", script.toString()).directory(template.toFile())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve(name.replace(' ', '-') + ".log").toFile());
            pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator
                    + pb.environment().getOrDefault("PATH", ""));
            env.forEach((k, v) -> pb.environment().put(k, String.valueOf(v)));
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> stepEnv = (java.util.Map<String, Object>) step.getOrDefault("env", java.util.Map.of());
            stepEnv.forEach((k, v) -> pb.environment().put(k, String.valueOf(v)));
            pb.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
            Process p = pb.start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as("step %s:\n%s", name, Files.readString(tmp.resolve(name.replace(' ', '-') + ".log")))
                    .isZero();
        }
        assertThat(template.resolve("grading/junit.xml")).isRegularFile();
        assertThat(template.resolve("grading/summary.md")).content().contains("scored 0 / 82 points");
        assertThat(summary).content().contains("## Backprop grader:").contains("scored 0 / 82 points")
                .contains("artifact \"grading-report\"");
    }

    private static String[] bash(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash"));
        cmd.addAll(List.of(args));
        Path log = dir.getParent().resolve("bash-" + System.nanoTime() + ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator
                + pb.environment().getOrDefault("PATH", ""));
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("bash %s finishes", List.of(args)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), Files.readString(log)};
    }

    @Test
    void theExampleIsGradedAndTheHelpPrinted(@TempDir Path tmp) throws Exception {
        String[] grade = run(Fixtures.REPO, "grade", "--out", tmp.resolve("out").toString(), "--quiet");
        assertThat(grade[0]).as(grade[1]).isEqualTo("0");
        assertThat(grade[1]).contains("submission: ").contains(" / 82");
        assertThat(tmp.resolve("out/report.json")).isRegularFile();

        String[] help = run(tmp, "--help");
        assertThat(help[0]).isEqualTo("0");
        assertThat(help[1]).contains("grade").contains("batch");
    }
}
