package backprop.grader.cli;

import backprop.grader.export.Classroom50Export;
import backprop.grader.export.GraderJar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code classroom50 <dir>}: writes the autograder folder of a Classroom 50 assignment. */
@Command(name = "classroom50", mixinStandardHelpOptions = true,
        header = "Writes the autograder folder of a Classroom 50 assignment.",
        description = {"Into <dir>: autograder.py (Python standard library only), grader.jar and a README. Put them at"
                + " <classroom>/autograders/<assignment>/ in your Classroom 50 repository and give the assignment the"
                + " runtime {\"java\": \"17\"}. Every submission is then graded in the student's checkout, which gets"
                + " result.json and release-body.md. The folder is published on your GitHub Pages, so the hidden checks"
                + " in grader.jar are not secret there: regrade with batch for the authoritative score."})
final class Classroom50Command implements Callable<Integer> {
    @Parameters(paramLabel = "<dir>", description = "The folder to write (a new or empty one).")
    Path dir;

    @Option(names = "--assignment", paramLabel = "ID", defaultValue = "backprop",
            description = "The assignment's id in Classroom 50, named in the README. Default: ${DEFAULT-VALUE}.")
    String assignment;

    @Option(names = "--grader-jar", paramLabel = "PATH",
            description = "The grader jar to put in the folder. Default: the jar this grader runs from.")
    Path graderJar;

    @Option(names = "--grader-url", paramLabel = "URL", defaultValue = "",
            description = "Leave grader.jar out of the folder: autograder.py downloads it from this URL and checks its SHA-256"
                    + " (for a bundle that must stay under 10 MiB). Default: the jar is in the folder.")
    String graderUrl;

    @Option(names = "--force", description = "Write into a non-empty folder, replacing files of the same names.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Optional<Path> jar = Optional.ofNullable(graderJar).or(GraderJar::running);
        if (jar.isEmpty()) {
            System.err.println("grader: not running from grader.jar, so there is no jar to put in the folder: pass"
                    + " --grader-jar grader/target/grader.jar (build it with mvn -DskipTests package)");
            return GraderCli.USAGE;
        }
        Classroom50Export.Result result;
        try {
            result = Classroom50Export.export(jar.get(), dir, assignment, force, graderUrl.trim());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("grader: " + e.getMessage());
            return GraderCli.USAGE;
        }
        System.out.println("Classroom 50 autograder written to " + dir.toAbsolutePath().normalize() + ": "
                + String.join(", ", result.files()) + " (" + String.format(java.util.Locale.ROOT, "%.1f", result.bytes() / 1048576.0)
                + " MiB of the 10 MiB a bundle may have)");
        System.out.println("Next: copy them to <classroom>/autograders/" + assignment + "/ in your Classroom 50 repository,"
                + " push, and set the assignment's runtime to {\"java\": \"17\"}.");
        return GraderCli.GRADED;
    }
}
