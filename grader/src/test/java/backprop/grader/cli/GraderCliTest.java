package backprop.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.engine.Fixtures;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grader grade …} end to end through {@link GraderCli#run}: exit codes, files, messages. */
class GraderCliTest {
    @TempDir
    Path tmp;

    /** Exit code and everything printed to System.err while {@code args} ran (System.out is left alone). */
    private record Run(int exitCode, String err) {
    }

    private static Run run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        int code;
        try {
            code = GraderCli.run(args);
        } finally {
            System.setErr(original);
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        original.print(err);
        return new Run(code, err);
    }

    @Test
    void gradingTheSolutionsExitsZeroAndWritesTheThreeReports() throws IOException {
        Path out = tmp.resolve("out");

        Run r = run("grade", Fixtures.SOLUTIONS.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(GraderCli.GRADED).isZero();
        for (String name : new String[] {"report.json", "results.json", "classroom.json"}) {
            assertThat(out.resolve(name)).isRegularFile().isNotEmptyFile();
        }
        var report = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
        assertThat(report.get("score").getAsDouble()).isEqualTo(report.get("max_score").getAsDouble()).isPositive();
        assertThat(report.get("submission_id").getAsString()).isEqualTo("solutions");
    }

    @Test
    void missingSubmissionExitsTwoNamingThePath() {
        Path missing = tmp.resolve("no-such-folder");
        Path out = tmp.resolve("out");

        Run r = run("grade", missing.toString(), "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(GraderCli.USAGE).isEqualTo(2);
        assertThat(r.err()).contains("submission not found").contains(missing.toString());
        assertThat(out).doesNotExist();
    }

    @Test
    void truncatedZipExitsTwo() throws IOException {
        byte[] zip = Files.readAllBytes(Fixtures.solutions(Fixtures.Layout.ZIP));
        Path corrupt = tmp.resolve("corrupt.zip");
        Files.write(corrupt, Arrays.copyOf(zip, zip.length / 2));

        Run r = run("grade", corrupt.toString(), "--out", tmp.resolve("out").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot grade").contains("corrupt zip").contains("corrupt.zip");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void fileNamedZipThatIsNotAZipExitsTwo() throws IOException {
        Path corrupt = tmp.resolve("homework.zip");
        Files.writeString(corrupt, "this is not a zip file at all\n");

        Run r = run("grade", corrupt.toString(), "--out", tmp.resolve("out").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("homework.zip");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void zeroCheckTimeoutExitsTwoBeforeGrading() {
        Run r = run("grade", "--check-timeout", "0", Fixtures.SOLUTIONS.toString(), "--out", tmp.resolve("out").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--check-timeout must be between 1 and 3600 seconds, got 0");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void nonNumericTimeoutIsAUsageError() {
        Run r = run("grade", "--timeout", "soon", Fixtures.SOLUTIONS.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("soon");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("regrade").exitCode()).isEqualTo(2);
    }

    @Test
    void gradingAnEmptyFolderExitsTwoSayingItIsEmpty() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        Run r = run("grade", empty.toString(), "--out", tmp.resolve("out").toString());

        assertThat(r.exitCode()).isEqualTo(GraderCli.USAGE);
        assertThat(r.err()).contains("cannot grade " + empty.toAbsolutePath()).contains("empty folder");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void gradingAFolderWithoutJavaFilesExitsTwoSayingSo() throws IOException {
        Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("answers.txt"), "I did it in Python\n");

        Run r = run("grade", notes.toString(), "--out", tmp.resolve("out").toString());

        assertThat(r.exitCode()).isEqualTo(GraderCli.USAGE);
        assertThat(r.err()).contains("no .java files").contains("notes");
    }

    @Test
    void outThatIsAFileIsRefusedBeforeGradingWithExitTwo() throws IOException {
        Path file = Files.writeString(tmp.resolve("report.txt"), "keep me");

        Run r = run("grade", Fixtures.SOLUTIONS.toString(), "--out", file.toString());

        assertThat(r.exitCode()).isEqualTo(GraderCli.USAGE);
        assertThat(r.err()).contains("--out must be a folder: " + file.toAbsolutePath() + " is a file")
                .doesNotContain("internal error").doesNotContain("Exception");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void outBelowAFileIsRefusedNamingThePath() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        Path below = file.resolve("reports");

        Run r = run("grade", Fixtures.SOLUTIONS.toString(), "--out", below.toString());

        assertThat(r.exitCode()).isEqualTo(GraderCli.USAGE);
        assertThat(r.err()).contains("--out " + below.toAbsolutePath() + " cannot be written to").doesNotContain("internal error");
    }

    @Test
    void batchRefusesAnOutThatIsAFileBeforeGrading() throws IOException {
        Path file = Files.writeString(tmp.resolve("gradebook.csv"), "keep me");

        Run r = run("batch", Fixtures.SOLUTIONS.getParent().toString(), "--out", file.toString());

        assertThat(r.exitCode()).isEqualTo(GraderCli.USAGE);
        assertThat(r.err()).contains("--out must be a folder");
        assertThat(file).hasContent("keep me");
    }

    /** Exit code and everything printed on System.out. */
    private record Printed(int exitCode, String out) {
    }

    private static Printed runOut(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = GraderCli.run(args);
        } finally {
            System.setOut(original);
        }
        return new Printed(code, captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommandAndHelpOfACommandShowsItsOptions() {
        Printed all = runOut("help");
        Printed grade = runOut("help", "grade");

        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).contains("Commands:").contains("grade").contains("batch").contains("starter")
                .contains("gradescope").contains("help");
        assertThat(grade.exitCode()).isZero();
        assertThat(grade.out()).contains("Usage: grader grade").contains("--out=DIR").contains("--check-timeout");
    }

    @Test
    void theCommandListGivesEachCommandAWholeSentence() {
        String help = runOut("--help").out();
        String commands = help.substring(help.indexOf("Commands:"), help.indexOf("Exit codes:"));
        // A summary may wrap onto continuation lines (indented further); joined, it must end a sentence.
        java.util.Map<String, StringBuilder> summaries = new java.util.LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : commands.lines().skip(1).toList()) {
            if (line.isBlank()) {
                continue;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
            if (m.matches()) {
                current = new StringBuilder(m.group(2).trim());
                summaries.put(m.group(1), current);
            } else {
                current.append(' ').append(line.trim());
            }
        }
        assertThat(summaries.keySet()).containsExactly("grade", "batch", "starter", "classroom50", "gradescope", "help");
        summaries.forEach((name, text) -> assertThat(text.toString()).as("summary of %s", name).endsWith("."));
    }

    @Test
    void wrappedHelpNeverSplitsAFileNameOrPath() {
        // picocli alone broke lines after dots and slashes: "classroom.\njson", ".github/\nworkflows/classroom.yml".
        java.util.List<String> names = java.util.List.of("report.json", "results.json", "classroom.json", "report.html",
                "gradebook.csv", "summary.json", "summary.html", ".github/workflows/classroom.yml", "docs/trust-model.md",
                "examples/submission", "grading-output", "batch-output", "/autograder/submission",
                "/autograder/results/results.json", "run_autograder", "grader.jar", "setup.sh", "pom.xml", ".gitignore");
        int checked = 0;
        for (int width = 55; width <= 160; width++) {
            picocli.CommandLine cli = GraderCli.commandLine();
            cli.setUsageHelpWidth(width);
            for (picocli.CommandLine sub : cli.getSubcommands().values()) {
                String usage = sub.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF);
                String squeezed = usage.replaceAll("\\s+", "");
                for (String name : names) {
                    if (squeezed.contains(name)) {
                        checked++;
                        assertThat(usage).as("help of %s at width %d keeps %s on one line", sub.getCommandName(), width, name)
                                .contains(name);
                    }
                }
                int w = width;
                assertThat(usage.lines()).as("help of %s at width %d", sub.getCommandName(), width)
                        .allSatisfy(line -> assertThat(line.length() <= w || !line.strip().contains(" ")).as(line).isTrue());
            }
        }
        assertThat(checked).as("file names found in the help texts").isGreaterThan(1000);
    }

    @Test
    void timeoutsPastTheirMaximumAreRefusedInsteadOfOverflowing() {
        Run check = run("grade", Fixtures.SOLUTIONS.toString(), "--check-timeout", "9999999999", "--out", tmp.resolve("o1").toString());
        Run global = run("grade", Fixtures.SOLUTIONS.toString(), "--timeout", "99999999999", "--out", tmp.resolve("o2").toString());

        assertThat(check.exitCode()).isEqualTo(GraderCli.USAGE);
        assertThat(check.err()).contains("--check-timeout must be between 1 and 3600 seconds, got 9999999999");
        assertThat(global.exitCode()).isEqualTo(GraderCli.USAGE);
        assertThat(global.err()).contains("--timeout must be between 1 and 86400 seconds, got 99999999999");
        assertThat(tmp.resolve("o1")).doesNotExist();
    }

    @Test
    void aNonNumericTimeoutSaysWhatIsExpectedAndWhereToLook() {
        Run r = run("grade", "--check-timeout", "1.5", Fixtures.SOLUTIONS.toString());

        assertThat(r.exitCode()).isEqualTo(GraderCli.USAGE);
        assertThat(r.err()).contains("must be a whole number of seconds, got '1.5'").contains("Try 'grader help grade'")
                .doesNotContain("is not a long");
        assertThat(r.err().lines().count()).as("a short message, not the whole help").isLessThan(5);
    }

    @Test
    void batchOfASingleSubmissionSaysToUseGrade() {
        Run r = run("batch", Fixtures.SOLUTIONS.toString(), "--out", tmp.resolve("out").toString());

        assertThat(r.exitCode()).isEqualTo(GraderCli.USAGE);
        assertThat(r.err()).contains("looks like one submission (it has src/main/java").contains("use 'grader grade'");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aSubmissionThatIsNeitherFolderNorZipNorJavaLeavesNoOutputBehind() throws IOException {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "my answers");

        Run r = run("grade", notes.toString(), "--out", tmp.resolve("out").toString());

        assertThat(r.exitCode()).isEqualTo(GraderCli.USAGE);
        assertThat(r.err()).contains("not a folder, a .zip or a .java file");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
