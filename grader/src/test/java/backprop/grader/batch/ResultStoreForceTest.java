package backprop.grader.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted --force batch resumes without --force: what it regraded stays, the rest is regraded. */
class ResultStoreForceTest {
    @TempDir
    Path tmp;

    @Test
    void reportsOlderThanAnUnfinishedForceRunAreStaleUntilItCompletes() throws IOException {
        Path submission = Files.createDirectories(tmp.resolve("class/alice"));
        Files.writeString(submission.resolve("Tanh.java"), "package backprop.nn;");
        setTime(submission.resolve("Tanh.java"), Instant.now().minusSeconds(3600));
        setTime(submission, Instant.now().minusSeconds(3600));
        Path out = tmp.resolve("out");
        Path report = Files.createDirectories(out.resolve("alice")).resolve(ResultStore.REPORT_JSON);
        Files.writeString(report, "{}");
        setTime(report, Instant.now().minusSeconds(1800));
        ResultStore store = new ResultStore(out);
        Submissions.Candidate alice = new Submissions.Candidate("alice", submission, false);

        assertThat(store.upToDate(alice)).as("a report newer than the submission").isTrue();

        store.markForced();
        assertThat(store.upToDate(alice)).as("the same report while a --force run has not completed").isFalse();

        Files.writeString(report, "{}"); // the forced run regraded alice
        setTime(report, Instant.now().plusSeconds(5));
        assertThat(store.upToDate(alice)).as("a report the unfinished --force run already wrote").isTrue();

        setTime(report, Instant.now().minusSeconds(1800));
        store.clearForced();
        assertThat(store.upToDate(alice)).as("the old report once the --force run completed").isTrue();
    }

    private static void setTime(Path p, Instant t) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(t));
    }
}
