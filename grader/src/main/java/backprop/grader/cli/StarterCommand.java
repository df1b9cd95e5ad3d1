package backprop.grader.cli;

import backprop.grader.export.GraderJar;
import backprop.grader.export.StarterBundle;
import backprop.grader.export.StarterExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code starter <dir>}: writes the student template repository, with the workflow that grades every push. */
@Command(name = "starter", mixinStandardHelpOptions = true,
        header = "Writes the student template repository.",
        description = {"The template is what students clone or get as their repository.",
                "%nInto <dir>: the stubs, the public tests, a standalone pom.xml (students run mvn\u00a0test), a README, "
                        + ".gitignore, grade-locally.sh and a workflow (--ci) that on every push downloads the grader from "
                        + "--grader-url, checks its SHA-256 and grades the repository. The template contains no solution "
                        + "code and, unless --embed-grader-jar, no grader. The grader jar holds the hidden checks and the "
                        + "reference implementation: whoever can download it (a public --grader-url, or the embedded copy) "
                        + "can read them, so in CI hidden checks are not shown rather than secret (docs/trust-model.md)."})
final class StarterCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<dir>", description = "Where to write the template (a new or empty directory).")
    Path dir;

    @Option(names = "--grader-url", paramLabel = "URL",
            description = {"Where the workflow downloads grader.jar from (GRADER_URL in the workflow).",
                    "Without it GRADER_URL is left empty for you to fill in."})
    String graderUrl;

    @Option(names = "--grader-jar", paramLabel = "PATH",
            description = {"The grader.jar you will publish at the URL: its SHA-256 goes into the workflow (GRADER_SHA256).",
                    "Default: the jar this grader runs from, if any."})
    Path graderJar;

    @Option(names = "--embed-grader-jar",
            description = {"Commit the grader jar into the template as " + StarterExport.GRADER_PATH + " instead of downloading it.",
                    "Students can then read the hidden checks and the reference implementation (as they can from a public URL)."})
    boolean embed;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "Course repository to take the public tests from, for a grader built without them (development).")
    Path repo;

    @Option(names = "--force", description = "Write into a non-empty directory, replacing files of the same names.")
    boolean force;

    @Option(names = "--ci", paramLabel = "CI", defaultValue = "actions",
            description = {"Which CI grades the students' pushes: actions (plain GitHub Actions: job summary, a check run"
                    + " with the failed checks, a score comment on pull requests) or classroom (GitHub Classroom's reporter;"
                    + " legacy, Classroom was retired on 2026-08-28). Default: ${DEFAULT-VALUE}."})
    String ci;

    @Override
    public Integer call() throws IOException {
        Path jar = graderJar != null ? graderJar : GraderJar.running().orElse(null);
        StarterExport.Ci chosen;
        switch (ci) {
            case "actions" -> chosen = StarterExport.Ci.ACTIONS;
            case "classroom" -> chosen = StarterExport.Ci.CLASSROOM;
            default -> {
                System.err.println("grader: --ci must be actions or classroom, got '" + ci + "'");
                return GraderCli.USAGE;
            }
        }
        StarterExport.Result result;
        try {
            StarterBundle bundle = StarterBundle.locate(repo);
            result = StarterExport.export(bundle, dir, new StarterExport.Options(graderUrl, jar, embed, force, chosen));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("grader: " + e.getMessage());
            return GraderCli.USAGE;
        }
        System.out.println("Student template written to " + dir.toAbsolutePath().normalize() + " (" + result.files().size()
                + " files):");
        result.files().stream().filter(f -> !f.startsWith("src/")).forEach(f -> System.out.println("  " + f));
        long main = result.files().stream().filter(f -> f.startsWith("src/main/java/")).count();
        long tests = result.files().stream().filter(f -> f.startsWith("src/test/java/")).count();
        System.out.println("  src/main/java: " + main + " files, src/test/java: " + tests + " files");
        if (jar != null && embed) {
            System.out.println("Grader jar embedded: " + jar + " (SHA-256 " + result.graderSha256() + ")");
        } else if (jar != null) {
            System.out.println("Publish exactly " + jar + " (SHA-256 " + result.graderSha256() + ") at "
                    + (graderUrl == null || graderUrl.isBlank() ? "the URL you then set as GRADER_URL" : graderUrl)
                    + ": the workflow refuses any other file.");
        }
        result.warnings().forEach(w -> System.err.println("warning: " + w));
        System.out.println("Next: push " + dir + " to a new GitHub repository and mark it as a template; each student's"
                + " repository made from it grades itself on every push (" + chosen.workflowPath() + ").");
        return GraderCli.GRADED;
    }
}
