package backprop.grader.cli;

import backprop.grader.export.GradescopeExport;
import backprop.grader.export.GraderJar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gradescope <out.zip>}: builds the autograder zip to upload to Gradescope. */
@Command(name = "gradescope", mixinStandardHelpOptions = true,
        header = "Builds the Gradescope autograder zip.",
        description = {"The zip holds setup.sh (installs a JDK 17), run_autograder (grades /autograder/submission and "
                        + "writes /autograder/results/results.json, a valid one even if grading fails) and the grader jar. "
                        + "Upload it on the assignment's \"Configure Autograder\" page; it contains the hidden checks, so "
                        + "keep it away from students."})
final class GradescopeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<out.zip>", description = "The zip to write.")
    Path zip;

    @Option(names = "--grader-jar", paramLabel = "PATH",
            description = "The grader jar to put in the zip. Default: the jar this grader runs from.")
    Path graderJar;

    @Option(names = "--force", description = "Replace <out.zip> if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Optional<Path> jar = Optional.ofNullable(graderJar).or(GraderJar::running);
        if (jar.isEmpty()) {
            System.err.println("grader: not running from grader.jar, so there is no jar to put in the zip: pass --grader-jar"
                    + " grader/target/grader.jar (build it with mvn -DskipTests package)");
            return GraderCli.USAGE;
        }
        GradescopeExport.Result result;
        try {
            result = GradescopeExport.build(jar.get(), zip, force);
        } catch (IllegalArgumentException e) {
            System.err.println("grader: " + e.getMessage());
            return GraderCli.USAGE;
        }
        System.out.println("Gradescope autograder written to " + result.zip().toAbsolutePath().normalize());
        System.out.println("  " + String.join(", ", GradescopeExport.ENTRIES) + " (grader.jar: " + jar.get()
                + ", SHA-256 " + result.graderSha256() + ")");
        System.out.println("Upload it on the assignment's \"Configure Autograder\" page. It contains the hidden checks:"
                + " do not share it with students.");
        return GraderCli.GRADED;
    }
}
