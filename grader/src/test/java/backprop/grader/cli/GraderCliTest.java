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
        assertThat(r.err()).contains("cannot read zip").contains("corrupt.zip");
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
        assertThat(r.err()).contains("--check-timeout 0");
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
}
