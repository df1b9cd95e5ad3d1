package backprop.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.engine.Fixtures.Layout;
import backprop.grader.engine.HostileSubmissionsTest.Hostile;
import backprop.grader.results.Status;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged grader on the newest LTS JDK (25, which has no security manager at all): the same
 * hostile and acceptance fixtures that {@link HostileSubmissionsTest} grades in-process on the build's
 * JDK are graded here by {@code java -jar grader.jar batch} running on JDK 25 (grader, compiler and
 * student JVMs alike), and must end exactly as the table of that test says. Protection comes from the
 * bytecode check and the process boundary, so the verdicts do not depend on the JDK.
 *
 * <p>Runs in {@code mvn verify} after the jar is built (failsafe). Finds a JDK 25 by {@code JAVA25_HOME}
 * or {@code JDK25_HOME}, or among the JDKs installed beside this one and in the usual places; where
 * there is none, it is skipped with a warning on stderr.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtherJdkIT {
    private Path jdk;
    private Path out;
    private final Map<String, JsonObject> reports = new LinkedHashMap<>();

    @BeforeAll
    void gradeEverythingOnJdk25() throws Exception {
        Optional<Path> found = Jdks.find(25);
        if (found.isEmpty()) {
            System.err.println("WARNING: no JDK 25 found (set JAVA25_HOME); the JDK 25 acceptance run of the grader is"
                    + " skipped. Looked in: " + Jdks.searched());
        }
        Assumptions.assumeTrue(found.isPresent(), "no JDK 25 on this machine");
        jdk = found.get();
        Path folder = Fixtures.freshDir().resolve("class");
        Files.createDirectories(folder);
        copy(Fixtures.solutions(Layout.MAVEN), folder.resolve("solutions"));
        copy(Fixtures.STARTER, folder.resolve("starter"));
        copy(Fixtures.EXAMPLE, folder.resolve("example"));
        for (Hostile h : Hostile.values()) {
            Path submission = Fixtures.submission(h.fixture, h.layout);
            copy(submission, folder.resolve(h.fixture + (submission.toString().endsWith(".zip") ? ".zip" : "")));
        }
        out = Fixtures.freshDir().resolve("out");
        Path jar = Fixtures.REPO.resolve("grader/target/grader.jar");
        assertThat(jar).as("the packaged grader").isRegularFile();
        List<String> cmd = List.of(jdk.resolve("bin/java").toString(), "-jar", jar.toString(), "batch", folder.toString(),
                "--out", out.toString(), "--check-timeout", "2", "--compile-timeout", "4");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolveSibling("batch.log").toFile())
                .start();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("the batch finishes").isTrue();
        assertThat(p.exitValue()).as("exit code; log: %s", Files.readString(out.resolveSibling("batch.log"))).isZero();
        try (Stream<Path> list = Files.list(out)) {
            for (Path dir : list.filter(Files::isDirectory).toList()) {
                Path report = dir.resolve("report.json");
                if (Files.isRegularFile(report)) {
                    reports.put(dir.getFileName().toString(), JsonParser.parseString(Files.readString(report)).getAsJsonObject());
                }
            }
        }
    }

    @Test
    void ranOnJdk25() throws IOException {
        String release = Files.readString(jdk.resolve("release"), StandardCharsets.UTF_8);
        assertThat(release).contains("JAVA_VERSION=\"25");
    }

    @Test
    void solutionsScoreEverythingAndTheStarterNothing() {
        assertThat(score(reports.get("solutions"))).isEqualTo(maxScore(reports.get("solutions")));
        assertThat(score(reports.get("starter"))).isZero();
        assertThat(statuses(reports.get("example"))).isEqualTo(statuses(GradedSubmissions.example().get()));
    }

    @Test
    void everyHostileFixtureEndsAsOnTheBuildJdk() {
        List<String> mismatches = new ArrayList<>();
        for (Hostile h : Hostile.values()) {
            JsonObject report = reports.get(h.fixture);
            if (report == null) {
                mismatches.add(h.fixture + ": no report");
                continue;
            }
            statuses(report).forEach((number, status) -> {
                String expected = h.affected.contains(number) ? h.status.json() : Status.PASSED.json();
                if (!expected.equals(status)) {
                    mismatches.add(h.fixture + " " + number + ": expected " + expected + ", was " + status);
                }
            });
        }
        assertThat(mismatches).isEmpty();
    }

    private static Map<String, String> statuses(JsonObject report) {
        Map<String, String> s = new LinkedHashMap<>();
        for (JsonElement part : report.getAsJsonArray("parts")) {
            for (JsonElement c : part.getAsJsonObject().getAsJsonArray("checks")) {
                s.put(c.getAsJsonObject().get("number").getAsString(), c.getAsJsonObject().get("status").getAsString());
            }
        }
        return s;
    }

    private static Map<String, String> statuses(backprop.grader.results.GradeReport report) {
        Map<String, String> s = new LinkedHashMap<>();
        report.checks().forEach(c -> s.put(c.number(), c.status().json()));
        return s;
    }

    private static double score(JsonObject report) {
        return report.get("score").getAsDouble();
    }

    private static double maxScore(JsonObject report) {
        return report.get("max_score").getAsDouble();
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.copy(from, to);
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                String rel = from.relativize(p).toString();
                if (rel.startsWith("target") || rel.contains("/target/") || rel.startsWith("src/test")) {
                    continue;
                }
                Path target = to.resolve(rel);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        }
    }
}
