package backprop.grader.cli;

import backprop.grader.batch.BatchGrader;
import backprop.grader.engine.Grader;
import backprop.grader.html.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batch <folder> [--jobs N] [--out DIR] [--force]}: grades every submission of a folder (one
 * sub-folder or .zip per student) and writes per-student reports, a gradebook and a class summary.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        header = "Grades a whole class: every submission in a folder.",
        description = {"One sub-folder or .zip per student, as a GitHub Classroom or Gradescope export gives them; the"
                + " student id is the folder's name, or the zip's without .zip. Writes DIR/<id>/report.json,"
                + " results.json, classroom.json, junit.xml and report.html per submission, and DIR/gradebook.csv,"
                + " DIR/summary.json and DIR/summary.html for the class.",
                "%nSubmissions whose report.json is newer than the submission are skipped unless --force. The exit code"
                        + " is 0 when the batch ran, even if some submissions could not be graded."})
final class BatchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<folder>", description = "The folder holding the submissions.")
    Path folder;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Submissions graded at the same time (each in its own JVM). Default: the number of processors.")
    Integer jobs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "batch-output",
            description = "Where to write the reports. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--force", description = "Grade again even submissions whose report is up to date.")
    boolean force;

    @picocli.CommandLine.Mixin
    LimitOptions limits;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(folder)) {
            System.err.println("grader: " + (Files.exists(folder) ? "not a folder: " : "folder not found: ")
                    + folder.toAbsolutePath().normalize());
            return GraderCli.USAGE;
        }
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 1) {
            System.err.println("grader: --jobs must be at least 1, got " + n);
            return GraderCli.USAGE;
        }
        var run = limits.runOptions();
        var allowlist = limits.allowlist();
        if (run == null || allowlist == null) {
            return GraderCli.USAGE;
        }
        if (Files.exists(out) && Files.isDirectory(out) && Files.isSameFile(out, folder)) {
            System.err.println("grader: --out must not be the submissions folder itself: " + out.toAbsolutePath().normalize());
            return GraderCli.USAGE;
        }
        if (Files.isDirectory(folder.resolve("src/main/java")) || hasJavaFiles(folder)) {
            System.err.println("grader: " + folder.toAbsolutePath().normalize() + " looks like one submission (it has "
                    + (Files.isDirectory(folder.resolve("src/main/java")) ? "src/main/java" : ".java files") + " of its own);"
                    + " batch grades a folder of submissions, one sub-folder or .zip per student: use 'grader grade' for one");
            return GraderCli.USAGE;
        }
        List<String> ids = BatchGrader.submissionsIn(folder, out);
        if (ids.isEmpty()) {
            System.err.println("grader: no submissions in " + folder.toAbsolutePath().normalize()
                    + ": expected one sub-folder or .zip file per student");
            return GraderCli.USAGE;
        }
        java.util.Optional<String> badOut = OutputFolder.problem("--out", out);
        if (badOut.isPresent()) {
            System.err.println("grader: " + badOut.get());
            return GraderCli.USAGE;
        }
        BatchGrader.Options options = new BatchGrader.Options(n, out, force, run, allowlist);
        BatchGrader batch = new BatchGrader(options, System.err, System.console() != null);
        // Ctrl-C or a kill: stop recording, regenerate the gradebook from the reports already written, and
        // stop the student JVMs and compilers, which would otherwise run on until their budgets run out.
        Thread hook = new Thread(() -> {
            batch.stop();
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Grader.deleteActiveWorkDirectories();
        }, "batch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        BatchGrader.Result result;
        try {
            result = batch.run(folder);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        Path dir = out.toAbsolutePath().normalize();
        System.out.println("Batch done in " + Format.decimal(result.elapsed().toMillis() / 1000.0, 1) + " s: "
                + result.found() + " submission(s), " + result.graded() + " graded, " + result.skipped() + " skipped (up to date"
                + (result.skipped() > 0 ? "; --force regrades them" : "") + "), " + result.ungraded() + " could not be graded"
                + (result.ungradedInGradebook() > result.ungraded() ? " in this run; " + result.ungradedInGradebook()
                        + " are listed as not graded in the gradebook." : "."));
        System.out.println("Gradebook: " + dir.resolve("gradebook.csv"));
        System.out.println("Summary:   " + dir.resolve("summary.html") + " (and summary.json)");
        System.out.println("Reports:   " + dir + "/<id>/report.html (and report.json, results.json, classroom.json, junit.xml, summary.md)");
        return GraderCli.GRADED;
    }

    private static boolean hasJavaFiles(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p));
        }
    }
}
