package backprop.grader.cli;

import backprop.grader.engine.Grader;
import backprop.grader.report.Reports;
import backprop.grader.report.SummaryOptions;
import backprop.grader.results.GradeReport;
import backprop.grader.run.RunOptions;
import backprop.grader.submission.SubmissionLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grade [<submission>] [--out DIR]}: grades one submission and writes the three reports. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        header = "Grades one submission and prints its score.",
        description = "A submission is a folder in Maven layout, a folder of .java files, or a .zip of either. The"
                + " reports go into --out: report.json (the grader's own), results.json (Gradescope),"
                + " classroom.json (GitHub Classroom) and report.html (for people).")
final class GradeCommand implements Callable<Integer> {
    static final Path EXAMPLE = Path.of("examples", "submission");

    @Parameters(arity = "0..1", paramLabel = "<submission>",
            description = "What to grade. Default: the bundled example submission, ${DEFAULT-VALUE}.",
            defaultValue = "examples/submission")
    Path submission;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the reports. Default: ${DEFAULT-VALUE}.",
            defaultValue = "grading-output")
    Path out;

    @picocli.CommandLine.Mixin
    LimitOptions limits;

    @Option(names = "--quiet", description = "Print only the total.")
    boolean quiet;

    @Option(names = "--show-hidden", description = "Print the feedback of hidden checks too (for instructors; students"
            + " see hidden checks by number and status only).")
    boolean showHidden;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(submission)) {
            System.err.println("grader: submission not found: " + submission.toAbsolutePath()
                    + (submission.equals(EXAMPLE) ? " (run from the repository root to grade the bundled example)" : ""));
            return GraderCli.USAGE;
        }
        // Everything that can be wrong with the arguments is found now, not after the grading.
        java.util.Optional<String> unusable = backprop.grader.batch.BatchGrader.unusable(submission);
        if (unusable.isPresent()) {
            System.err.println("grader: cannot grade " + submission.toAbsolutePath().normalize() + ": " + unusable.get());
            JobSummary.notGraded(unusable.get(), System.getenv());
            return GraderCli.USAGE;
        }
        Grader grader = limits.grader();
        if (grader == null) {
            return GraderCli.USAGE;
        }
        java.util.Optional<String> badOut = OutputFolder.problem("--out", out);
        if (badOut.isPresent()) {
            System.err.println("grader: " + badOut.get());
            return GraderCli.USAGE;
        }
        backprop.grader.compile.CompilerProcess.prestart(); // its JVM starts while the submission is read
        GradeReport report;
        try {
            report = grader.grade(submission);
        } catch (SubmissionLoader.UnreadableSubmissionException e) {
            System.err.println("grader: " + e.getMessage());
            JobSummary.notGraded(e.getMessage(), System.getenv());
            return GraderCli.USAGE;
        } catch (RuntimeException | Error e) {
            System.err.println("grader: internal error while grading " + submission + ": " + e);
            return GraderCli.INTERNAL;
        }
        backprop.grader.engine.Timing.mark("graded");
        Reports.writeAll(report, out);
        backprop.grader.engine.Timing.mark("reports written");
        JobSummary.append(report, System.getenv());
        if (quiet) {
            System.out.println(report.submissionId() + ": " + trim(report.score()) + " / " + trim(report.maxScore()));
        } else {
            System.out.print(Reports.consoleSummary(report, SummaryOptions.DEFAULT.withRevealHidden(showHidden)));
            System.out.println("Reports written to " + out.toAbsolutePath().normalize() + " (report.json, results.json, classroom.json, junit.xml, summary.md, report.html)");
        }
        return GraderCli.GRADED;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
