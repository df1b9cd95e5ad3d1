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

/** {@code starter <dir>}: writes the student template repository (GitHub Classroom's assignment template). */
@Command(name = "starter", mixinStandardHelpOptions = true,
        header = "Writes the student template repository.",
        description = {"The template is what students clone (in GitHub Classroom: the assignment's starter code).",
                "%nInto <dir>: the stubs, the public tests, a standalone pom.xml (students run `mvn test`), a README, "
                        + ".gitignore and the workflow .github/workflows/classroom.yml, which on every push downloads the "
                        + "grader from --grader-url, checks its SHA-256, grades the repository and reports the score to "
                        + "GitHub Classroom. The template contains no solution code and, unless --embed-grader-jar, no "
                        + "grader. The grader jar holds the hidden checks and the reference implementation: whoever can "
                        + "download it (a public --grader-url, or the embedded copy) can read them, so in Classroom hidden "
                        + "checks are not shown rather than secret (docs/trust-model.md)."})
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

    @Override
    public Integer call() throws IOException {
        Path jar = graderJar != null ? graderJar : GraderJar.running().orElse(null);
        StarterExport.Result result;
        try {
            StarterBundle bundle = StarterBundle.locate(repo);
            result = StarterExport.export(bundle, dir, new StarterExport.Options(graderUrl, jar, embed, force));
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
        System.out.println("Next: push " + dir + " to a new GitHub repository, mark it as a template, and use it as the"
                + " assignment's starter code in GitHub Classroom.");
        return GraderCli.GRADED;
    }
}
