package backprop.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.report.Schemas;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Classroom 50 export of the packaged jar, run as Classroom 50's runner.py runs it: {@code python3
 * autograder.py} in the student's checkout, with the runner's environment and the bundle folder in
 * CLASSROOM50_BUNDLE_DIR; result.json validated against a schema written from Classroom 50's contract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Classroom50IT {
    private static final Path JAR = Fixtures.REPO.resolve("grader/target/grader.jar");

    @TempDir
    static Path tmp;

    private Path bundle;

    private record Run(int exitCode, String log, Path checkout) {
        JsonNode result() throws IOException {
            return Schemas.parse(Files.readString(checkout.resolve("result.json")));
        }
    }

    @BeforeAll
    void export() throws Exception {
        bundle = tmp.resolve("autograders/backprop");
        Process p = new ProcessBuilder(java(), "-jar", JAR.toString(), "classroom50", bundle.toString(), "--assignment", "backprop")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("export.log").toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("export.log"))).isZero();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The checkout {@code name}, holding a copy of {@code submission}, graded as runner.py would. */
    private Run grade(String name, Path submission, Path bundleDir) throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkouts").resolve(name));
        if (submission != null) {
            backprop.grader.batch.SubmissionFixtures.copyTree(submission.resolve("src/main/java"), checkout.resolve("src/main/java"));
        }
        Files.writeString(checkout.resolve("README.md"), "student repository\n");
        ProcessBuilder pb = new ProcessBuilder("python3", bundleDir.resolve("autograder.py").toString())
                .directory(checkout.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
        env.put("CLASSROOM", "ml-2026");
        env.put("ASSIGNMENT", "backprop");
        env.put("SUBMISSION_TAG", "submit/20261202T201500Z-abc1234");
        env.put("COMMIT_URL", "https://github.com/ml-2026/ml-2026-backprop-" + name + "/commit/abc1234");
        env.put("RELEASE_URL", "https://github.com/ml-2026/ml-2026-backprop-" + name + "/releases/tag/submit%2F20261202T201500Z-abc1234");
        env.put("REVIEW_URL", "https://github.com/ml-2026/ml-2026-backprop-" + name + "/compare/base...abc1234");
        env.put("USERNAME", name);
        env.put("CLASSROOM50_BUNDLE_DIR", bundleDir.toString());
        Process p = pb.start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve(name + ".log")), checkout);
    }

    private static void assertValid(JsonNode result) {
        assertThat(Schemas.CLASSROOM50.validate(result)).as("result.json against the Classroom 50 contract:\n%s",
                result.toPrettyString()).isEmpty();
        assertThat(result.get("score").asInt()).isLessThanOrEqualTo(result.get("max-score").asInt());
        int sum = 0;
        for (JsonNode t : result.get("tests")) {
            assertThat(t.get("score").asInt()).isLessThanOrEqualTo(t.get("max-score").asInt());
            sum += t.get("score").asInt();
        }
        if (result.get("tests").size() > 0) {
            assertThat(result.get("score").asInt()).as("score = sum of the tests' scores").isEqualTo(sum);
        }
    }

    @Test
    void theBundleIsThreeFilesWithinTenMebibytes() throws IOException {
        List<String> files = new ArrayList<>();
        long bytes = 0;
        try (var list = Files.list(bundle)) {
            for (Path f : list.toList()) {
                files.add(f.getFileName().toString());
                bytes += Files.size(f);
            }
        }
        assertThat(files).containsExactlyInAnyOrder("autograder.py", "grader.jar", "README.md");
        assertThat(bytes).as("bundle size (Classroom 50's runner.py refuses more than 10 MiB)").isLessThan(10L * 1024 * 1024);
        assertThat(Files.readString(bundle.resolve("autograder.py"))).doesNotContain("@@").contains("MAX_SCORE = 82");
    }

    @Test
    void theSolutionsScoreEverythingWithAReleaseBody() throws Exception {
        Run run = grade("alice", Fixtures.SOLUTIONS, bundle);

        assertThat(run.exitCode()).as(run.log()).isZero();
        JsonNode result = run.result();
        assertValid(result);
        assertThat(result.get("score").asInt()).isEqualTo(82);
        assertThat(result.get("max-score").asInt()).isEqualTo(82);
        assertThat(result.get("submission").asText()).isEqualTo("submit/20261202T201500Z-abc1234");
        assertThat(result.get("tests")).isNotEmpty().allSatisfy(t -> assertThat(t.get("passed").asBoolean()).isTrue());
        assertThat(run.checkout().resolve("release-body.md")).content().contains("scored 82 / 82 points")
                .doesNotContain("report.html");
        try (var list = Files.list(run.checkout())) {
            assertThat(list.map(p -> p.getFileName().toString()).toList())
                    .as("the checkout gets result.json and release-body.md, nothing else")
                    .containsExactlyInAnyOrder("src", "README.md", "result.json", "release-body.md");
        }
    }

    @Test
    void theStarterScoresZeroAndIsStillGraded() throws Exception {
        Run run = grade("bob", Fixtures.STARTER, bundle);

        assertThat(run.exitCode()).as(run.log()).isZero();
        JsonNode result = run.result();
        assertValid(result);
        assertThat(result.get("score").asInt()).isZero();
        assertThat(result.get("max-score").asInt()).isEqualTo(82);
        assertThat(result.get("tests")).anySatisfy(t -> assertThat(t.has("feedback")).isTrue())
                .allSatisfy(t -> assertThat(t.get("passed").asBoolean()).isFalse());
        assertThat(result.get("tests")).filteredOn(t -> !t.get("visibility").asText().equals("visible"))
                .isNotEmpty().allSatisfy(t -> {
                    assertThat(t.get("test-name").asText()).endsWith(" hidden check");
                    assertThat(t.has("feedback")).isFalse();
                });
    }

    @Test
    void aSubmissionWithoutJavaFilesScoresZeroWithTheReason() throws Exception {
        Run run = grade("carol", null, bundle);

        assertThat(run.exitCode()).as(run.log()).isZero();
        JsonNode result = run.result();
        assertValid(result);
        assertThat(result.get("score").asInt()).isZero();
        assertThat(result.get("max-score").asInt()).isEqualTo(82);
        assertThat(result.get("feedback").asText()).contains("no .java files");
        assertThat(run.checkout().resolve("release-body.md")).content().contains("could not be graded");
    }

    @Test
    void aSmallBundleDownloadsThePinnedGraderAndRefusesAnyOther() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        byte[][] served = {Files.readAllBytes(JAR)};
        server.createContext("/grader.jar", exchange -> {
            exchange.sendResponseHeaders(200, served[0].length);
            try (var body = exchange.getResponseBody()) {
                body.write(served[0]);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/grader.jar";
            Path small = tmp.resolve("small-bundle");
            Process p = new ProcessBuilder(java(), "-jar", JAR.toString(), "classroom50", small.toString(), "--grader-url", url)
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("small.log").toFile()).start();
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(tmp.resolve("small.log"))).isZero();
            try (var list = Files.list(small)) {
                assertThat(list.map(f -> f.getFileName().toString()).toList()).containsExactlyInAnyOrder("autograder.py", "README.md");
            }

            Run run = grade("erin", Fixtures.SOLUTIONS, small);
            assertThat(run.exitCode()).as(run.log()).isZero();
            assertThat(run.result().get("score").asInt()).isEqualTo(82);

            served[0] = "a different file".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Run tampered = grade("frank", Fixtures.SOLUTIONS, small);
            assertThat(tampered.exitCode()).isNotZero();
            assertThat(tampered.log()).contains("is incomplete or not the pinned grader");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void linksTheStudentCommittedUnderTheOutputNamesAreReplacedNotFollowed() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "not the autograder's to write");
        Path checkout = Files.createDirectories(tmp.resolve("checkouts").resolve("gina"));
        Files.createSymbolicLink(checkout.resolve("release-body.md"), outside);
        Files.createSymbolicLink(checkout.resolve("result.json"), tmp.resolve("no/such/folder/result.json"));

        Run run = grade("gina", Fixtures.SOLUTIONS, bundle);

        assertThat(run.exitCode()).as(run.log()).isZero();
        assertThat(outside).hasContent("not the autograder's to write");
        assertThat(Files.isSymbolicLink(checkout.resolve("result.json"))).isFalse();
        assertThat(Files.isSymbolicLink(checkout.resolve("release-body.md"))).isFalse();
        assertThat(run.result().get("score").asInt()).isEqualTo(82);
    }

    @Test
    void aGraderThatCannotStartIsAnInfrastructureError() throws Exception {
        Path broken = Files.createDirectories(tmp.resolve("broken-bundle"));
        Files.copy(bundle.resolve("autograder.py"), broken.resolve("autograder.py"));
        Files.writeString(broken.resolve("grader.jar"), "not a jar");

        Run run = grade("dave", Fixtures.SOLUTIONS, broken);

        assertThat(run.exitCode()).as(run.log()).isNotZero();
        assertThat(run.log()).contains("is not the grader this autograder was generated for");
    }
}
