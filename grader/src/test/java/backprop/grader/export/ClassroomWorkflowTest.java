package backprop.grader.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The exported {@code .github/workflows/classroom.yml} is valid YAML and meets the conditions of
 * {@code classroom-resources/autograding-grading-reporter@v1} listed in docs/github-classroom.md:
 * the name "Autograding Tests", one job {@code run-autograding-tests}, a runner id of letters and
 * digits whose {@code <ID>_RESULTS} variable carries base64 of our classroom.json. Its download step
 * is run for real (curl from a file:// URL) to show that the checksum is enforced.
 */
class ClassroomWorkflowTest {
    private static final Pattern RUNNERS = Pattern.compile("^([a-zA-Z0-9]+,)*[a-zA-Z0-9]+$");
    private static final Pattern OUTPUT_REF = Pattern.compile("^\\$\\{\\{\\s*steps\\.([\\w-]+)\\.outputs\\.([\\w-]+)\\s*}}$");

    @Test
    void theWorkflowIsWhatTheClassroomReporterNeeds(@TempDir Path tmp) throws IOException {
        Path jar = ExportSupport.fakeGraderJar(tmp.resolve("grader.jar"));
        Map<String, Object> workflow = exportedWorkflow(tmp.resolve("t"), StarterExport.Options.download(StarterExportTest.URL, jar).withCi(StarterExport.Ci.CLASSROOM));

        assertThat(workflow.get("name")).as("workflow name (the one in the reporter's README example)").isEqualTo("Autograding Tests");
        assertThat(workflow).as("top-level keys: 'on' must be a string key, not YAML 1.1's boolean true")
                .containsKey("on");
        assertThat(workflow.keySet()).as("top-level keys").allMatch(k -> k instanceof String);
        assertThat(map(workflow.get("on")).keySet()).as("triggers").contains("push", "repository_dispatch");
        assertThat(map(workflow.get("permissions"))).as("permissions").containsEntry("checks", "write").containsEntry("contents", "read");
        Map<String, Object> env = map(workflow.get("env"));
        assertThat(env).as("workflow env").containsEntry("GRADER_URL", StarterExportTest.URL)
                .containsEntry("GRADER_SHA256", GraderJar.sha256(jar));

        Map<String, Object> jobs = map(workflow.get("jobs"));
        assertThat(jobs.keySet()).as("jobs (exactly one, with this id)").containsExactly("run-autograding-tests");
        Map<String, Object> job = map(jobs.get("run-autograding-tests"));
        assertThat(job.get("runs-on")).as("runs-on").isEqualTo("ubuntu-latest");
        List<Map<String, Object>> steps = steps(job);

        assertThat(uses(steps)).as("actions used, in order").containsExactly("actions/checkout@v7", "actions/setup-java@v6",
                "classroom-resources/autograding-grading-reporter@v1", "actions/upload-artifact@v7");
        assertThat(stepUsing(steps, "actions/upload-artifact@v7")).as("the HTML report is kept for the student, whatever the score")
                .containsEntry("if", "always()")
                .as("a failed upload (a full storage quota) never fails the job").containsEntry("continue-on-error", true);
        assertThat(steps.indexOf(stepUsing(steps, "actions/upload-artifact@v7")))
                .as("the score is reported before the artifact is kept, so it never depends on the upload")
                .isGreaterThan(steps.indexOf(stepUsing(steps, "classroom-resources/autograding-grading-reporter@v1")));
        assertThat(map(stepNamed(steps, "Grade").get("env"))).as("the job summary names the artifact the workflow keeps")
                .containsEntry("GRADER_REPORT_ARTIFACT", map(stepUsing(steps, "actions/upload-artifact@v7").get("with")).get("name"));
        Map<String, Object> java = map(stepUsing(steps, "actions/setup-java@v6").get("with"));
        assertThat(java).as("setup-java inputs").containsEntry("distribution", "temurin").containsEntry("java-version", "17");

        String getGrader = run(stepNamed(steps, "Get the grader"));
        assertThat(getGrader).as("the download step").contains("curl", "\"$GRADER_URL\"", StarterExport.GRADER_PATH, "sha256sum");

        Map<String, Object> reporter = stepUsing(steps, "classroom-resources/autograding-grading-reporter@v1");
        String runners = String.valueOf(map(reporter.get("with")).get("runners"));
        assertThat(runners).as("the reporter's runners input").matches(RUNNERS).isEqualTo("backprop");
        Map<String, Object> reporterEnv = map(reporter.get("env"));
        String variable = runners.trim().toUpperCase(Locale.ROOT) + "_RESULTS";
        assertThat(reporterEnv).as("the reporter reads %s for runner %s", variable, runners).containsKey(variable);

        Matcher ref = OUTPUT_REF.matcher(String.valueOf(reporterEnv.get(variable)).trim());
        assertThat(ref.matches()).as("%s = ${{ steps.<id>.outputs.<name> }}: %s", variable, reporterEnv.get(variable)).isTrue();
        Map<String, Object> grade = steps.stream().filter(s -> ref.group(1).equals(s.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no step with id " + ref.group(1)));
        String gradeRun = run(grade);
        assertThat(gradeRun).as("the grading step")
                .contains("java -jar " + StarterExport.GRADER_PATH + " grade . --out grading")
                .contains("echo \"" + ref.group(2) + "=$(base64 -w0 grading/classroom.json)\" >> \"$GITHUB_OUTPUT\"");
        assertThat(steps.indexOf(grade)).as("grading runs after the download and before the reporter")
                .isGreaterThan(steps.indexOf(stepNamed(steps, "Get the grader"))).isLessThan(steps.indexOf(reporter));
    }

    @Test
    void theDownloadStepAcceptsThePinnedJarOnlyAndFailsClearlyWithoutAUrl(@TempDir Path tmp) throws IOException {
        assumeTrue(ExportSupport.onPath("bash") && ExportSupport.onPath("curl") && ExportSupport.onPath("sha256sum"),
                "bash, curl and sha256sum are needed to run the workflow's download step");
        Path jar = ExportSupport.fakeGraderJar(tmp.resolve("published/grader.jar"));
        String url = jar.toUri().toString();
        Map<String, Object> workflow = exportedWorkflow(tmp.resolve("t"), StarterExport.Options.download(StarterExportTest.URL, jar).withCi(StarterExport.Ci.CLASSROOM));
        String script = run(stepNamed(steps(map(map(workflow.get("jobs")).get("run-autograding-tests"))), "Get the grader"));
        Path scriptFile = Files.writeString(tmp.resolve("get-grader.sh"), script, StandardCharsets.UTF_8);
        String sha = GraderJar.sha256(jar);

        // GitHub runs a `run:` script with bash -e
        Path ok = Files.createDirectories(tmp.resolve("ok"));
        ExportSupport.Run good = ExportSupport.run(List.of("bash", "-e", scriptFile.toString()), ok,
                Map.of("GRADER_URL", url, "GRADER_SHA256", sha), Duration.ofSeconds(60));
        assertThat(good.exitCode()).as("download step with the right checksum:\n%s", good.output()).isZero();
        assertThat(ok.resolve(StarterExport.GRADER_PATH)).as("downloaded grader").hasSameBinaryContentAs(jar);

        Path tampered = Files.createDirectories(tmp.resolve("tampered"));
        String wrong = sha.replace(sha.charAt(0), sha.charAt(0) == 'a' ? 'b' : 'a');
        ExportSupport.Run bad = ExportSupport.run(List.of("bash", "-e", scriptFile.toString()), tampered,
                Map.of("GRADER_URL", url, "GRADER_SHA256", wrong), Duration.ofSeconds(60));
        assertThat(bad.exitCode()).as("download step with a wrong checksum:\n%s", bad.output()).isNotZero();

        Path missing = Files.createDirectories(tmp.resolve("missing"));
        ExportSupport.Run none = ExportSupport.run(List.of("bash", "-e", scriptFile.toString()), missing,
                Map.of("GRADER_URL", "", "GRADER_SHA256", ""), Duration.ofSeconds(60));
        assertThat(none.exitCode()).as("download step without a URL").isNotZero();
        assertThat(none.output()).as("download step without a URL").contains("::error::", "GRADER_URL is empty");

        Path notFound = Files.createDirectories(tmp.resolve("not-found"));
        Map<String, String> env = new HashMap<>(Map.of("GRADER_URL", tmp.resolve("nowhere.jar").toUri().toString(), "GRADER_SHA256", ""));
        ExportSupport.Run gone = ExportSupport.run(List.of("bash", "-e", scriptFile.toString()), notFound, env, Duration.ofSeconds(60));
        assertThat(gone.exitCode()).as("download step when the URL does not resolve:\n%s", gone.output()).isNotZero();
    }

    // ---- helpers -------------------------------------------------------------------------------

    static Map<String, Object> exportedWorkflow(Path dir, StarterExport.Options options) throws IOException {
        StarterExport.export(ExportSupport.bundle(), dir, options);
        String text = Files.readString(dir.resolve(options.ci().workflowPath()), StandardCharsets.UTF_8);
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        assertThat(parsed).as("parsed %s", options.ci().workflowPath()).isInstanceOf(Map.class);
        return map(parsed);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).as("a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        assertThat(o).as("a YAML sequence").isInstanceOf(List.class);
        return (List<Object>) o;
    }

    static List<Map<String, Object>> steps(Map<String, Object> job) {
        return list(job.get("steps")).stream().map(ClassroomWorkflowTest::map).toList();
    }

    static List<String> uses(List<Map<String, Object>> steps) {
        return steps.stream().filter(s -> s.containsKey("uses")).map(s -> String.valueOf(s.get("uses"))).toList();
    }

    static Map<String, Object> stepUsing(List<Map<String, Object>> steps, String action) {
        return steps.stream().filter(s -> action.equals(s.get("uses"))).findFirst()
                .orElseThrow(() -> new AssertionError("no step uses " + action));
    }

    static Map<String, Object> stepNamed(List<Map<String, Object>> steps, String name) {
        return steps.stream().filter(s -> name.equals(s.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no step named " + name));
    }

    static String run(Map<String, Object> step) {
        assertThat(step.get("run")).as("run: of step %s", step.get("name")).isInstanceOf(String.class);
        return (String) step.get("run");
    }
}
