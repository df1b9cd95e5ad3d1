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
