package backprop.grader.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import backprop.grader.catalogue.Catalogue;
import backprop.grader.catalogue.CheckSpec;
import backprop.grader.cli.GraderCli;
import backprop.grader.results.Visibility;
import backprop.grader.starter.StarterGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grader starter}: the template has the stubs, the public tests, a standalone build, a README,
 * the workflow, and nothing students must not see. The workflow itself is checked in
 * {@link ClassroomWorkflowTest}, the Maven build of the template in {@link StarterBuildsWithMavenTest}.
 */
class StarterExportTest {
    static final String URL = "https://example.org/backprop/grader.jar";

    @Test
    void theTemplateHasTheStubsThePublicTestsABuildAReadmeAndTheWorkflow(@TempDir Path tmp) throws IOException {
        StarterBundle bundle = ExportSupport.bundle();
        Path dir = tmp.resolve("template");
        StarterExport.Result result = StarterExport.export(bundle, dir, StarterExport.Options.download(URL, null));

        List<String> expected = new ArrayList<>(List.of("pom.xml", "README.md", ".gitignore", StarterExport.Ci.ACTIONS.workflowPath(),
                StarterExport.LOCAL_SCRIPT));
        bundle.mainSources().keySet().forEach(rel -> expected.add("src/main/java/" + rel));
        bundle.testSources().keySet().forEach(rel -> expected.add("src/test/java/" + rel));
        assertThat(ExportSupport.files(dir)).as("files of the exported template").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.files()).as("Result.files()").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(bundle.mainSources()).as("stubs").containsKey("backprop/nn/Sigmoid.java");
        assertThat(bundle.testSources()).as("public tests").containsKey("backprop/nn/DenseLayerTest.java");
        ExportSupport.assertNoUnfilledPlaceholders(dir);
        assertThat(result.graderSha256()).as("SHA-256 without a grader jar").isEmpty();
        assertThat(result.warnings()).as("warnings without a grader jar").anyMatch(w -> w.contains("GRADER_SHA256 is empty"));
    }

    @Test
    void theStubsAreExactlyWhatTheSolutionsGenerateWithoutTheInstructorHeader(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("template");
        StarterExport.export(ExportSupport.bundle(), dir, StarterExport.Options.download(URL, null));
        Map<String, String> fromSolutions = StarterGenerator.expectedStarter(ExportSupport.REPO.resolve("solutions"));
        Path main = dir.resolve("src/main/java");
        assertThat(ExportSupport.files(main)).as("exported src/main/java").containsExactlyInAnyOrderElementsOf(fromSolutions.keySet());
        fromSolutions.forEach((rel, starter) -> {
            String exported = read(main.resolve(rel));
            assertThat(exported).as("exported %s = the starter generated from solutions/ minus its first (header) line", rel)
                    .isEqualTo(starter.substring(starter.indexOf('\n') + 1));
            assertThat(exported).as("exported %s", rel).doesNotContain("Generated from solutions/");
        });
        Path tests = dir.resolve("src/test/java");
        Path repoTests = ExportSupport.REPO.resolve("assignments/src/test/java");
        assertThat(ExportSupport.files(tests)).as("exported src/test/java").isEqualTo(ExportSupport.files(repoTests));
        for (String rel : ExportSupport.files(tests)) {
            assertThat(read(tests.resolve(rel))).as("exported public test %s", rel)
                    .isEqualTo(read(repoTests.resolve(rel)).replace("\r\n", "\n"));
        }
    }

    /** The heart of it: no solution code, no reference, no graded suites, no hidden check, no binaries. */
    @Test
    void theTemplateLeaksNoSolutionNoReferenceNoSuitesNoHiddenCheckAndNoBinaries(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("template");
        StarterExport.export(ExportSupport.bundle(), dir, StarterExport.Options.download(URL, null));
        List<Body> bodies = solutionBodies();
        assertThat(bodies).as("marked solution bodies in solutions/").hasSizeGreaterThanOrEqualTo(10);
        List<String> hiddenNames = hiddenCheckNames();
        assertThat(hiddenNames).as("names of checks that are not visible to students").isNotEmpty();

        List<String> leaks = new ArrayList<>();
        for (String rel : ExportSupport.files(dir)) {
            Path file = dir.resolve(rel);
            byte[] bytes = Files.readAllBytes(file);
            String lower = rel.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".jar") || lower.endsWith(".class") || lower.endsWith(".zip") || lower.endsWith(".war")) {
                leaks.add(rel + ": a binary archive or class file");
                continue;
            }
            if (startsWith(bytes, 0x50, 0x4B, 0x03, 0x04) || startsWith(bytes, 0xCA, 0xFE, 0xBA, 0xBE)) {
                leaks.add(rel + ": zip/jar or class file content");
                continue;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            String squeezed = squeeze(text);
            for (String forbidden : List.of("backprop.reference", "backprop/reference", "backprop.grader.suites",
                    "backprop/grader/suites", "backprop.grader.checks", "org.apache.commons.math3", "BEGIN SOLUTION",
                    "END SOLUTION")) {
                if (text.contains(forbidden)) {
                    leaks.add(rel + ": mentions " + forbidden);
                }
            }
            for (Body body : bodies) {
                if (body.whole().length() >= 16 && squeezed.contains(body.whole())) {
                    leaks.add(rel + ": contains the solution body of " + body.where());
                }
                for (String pair : body.consecutivePairs()) {
                    if (squeezed.contains(pair)) {
                        leaks.add(rel + ": contains two consecutive solution lines of " + body.where() + ": " + pair);
                    }
                }
            }
            for (String name : hiddenNames) {
                if (text.contains(name)) {
                    leaks.add(rel + ": names the hidden check \"" + name + "\"");
                }
            }
        }
        assertThat(leaks).as("what the student template must not contain").isEmpty();
    }

    @Test
    void theReadmeListsEveryMethodToWriteAndTheConventions(@TempDir Path tmp) throws IOException {
        StarterBundle bundle = ExportSupport.bundle();
        Path dir = tmp.resolve("template");
        StarterExport.export(bundle, dir, StarterExport.Options.download(URL, null));
        String readme = read(dir.resolve("README.md"));
        Map<String, List<String>> stubs = bundle.stubs();
        assertThat(stubs).as("stubs in the starter").containsKeys("Sigmoid.java", "DenseLayer.java", "Trainer.java");
        stubs.forEach((file, methods) -> {
            Matcher row = Pattern.compile("(?m)^\\| `" + Pattern.quote(file) + "` \\| (.*) \\|$").matcher(readme);
            assertThat(row.find()).as("README row for %s", file).isTrue();
            methods.forEach(m -> assertThat(row.group(1)).as("README row for %s", file).contains("`" + m + "`"));
        });
        assertThat(readme).as("README.md")
                .contains("one sample per row", "out × in", "Z = X·Wᵀ + b", "means over the batch", "ReLU'(0) = 0", "mvn test",
                        "the workflow **Grade**", "`.github/workflows/grade.yml`", "`Matrix.java`", "bash grade-locally.sh")
                .doesNotContain("@@").doesNotContain("Autograding Tests");
        Path legacy = tmp.resolve("legacy");
        StarterExport.export(bundle, legacy, StarterExport.Options.download(URL, null).withCi(StarterExport.Ci.CLASSROOM));
        assertThat(read(legacy.resolve("README.md"))).as("README.md of a GitHub Classroom template")
                .contains("Autograding Tests", "`.github/workflows/classroom.yml`", "GitHub Classroom shows").doesNotContain("@@");
        assertThat(readme.indexOf("`Sigmoid.java`")).as("activations come before the dense layer in the README")
                .isLessThan(readme.indexOf("`DenseLayer.java`"));
    }

    @Test
    void thePomIsStandaloneAndUsesTheCourseVersions(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("template");
        StarterExport.export(ExportSupport.bundle(), dir, StarterExport.Options.download(URL, null));
        String pom = read(dir.resolve("pom.xml"));
        String root = read(ExportSupport.REPO.resolve("pom.xml"));
        assertThat(pom).as("exported pom.xml").doesNotContain("<parent>").doesNotContain("<modules>")
                .contains("<maven.compiler.release>17</maven.compiler.release>")
                .contains("<artifactId>junit-jupiter</artifactId>", "<artifactId>assertj-core</artifactId>")
                .doesNotContain("skipTests").doesNotContain("backprop-lab</artifactId>");
        for (String property : List.of("junit.version", "assertj.version", "maven.compiler.release")) {
            assertThat(property(pom, property)).as("<%s> of the exported pom vs the course's root pom.xml", property)
                    .isEqualTo(property(root, property));
        }
        assertThat(pluginVersion(pom, "maven-surefire-plugin")).as("surefire version of the exported pom")
                .isEqualTo(property(root, "surefire.version"));
        for (String plugin : List.of("maven-compiler-plugin", "maven-resources-plugin", "maven-jar-plugin", "maven-clean-plugin",
                "maven-install-plugin")) {
            assertThat(pluginVersion(pom, plugin)).as("%s version of the exported pom vs the course's (so an offline build works)", plugin)
                    .isEqualTo(pluginVersion(root, plugin));
        }
    }

    @Test
    void gitignoreKeepsTheDownloadedGraderAndTheReportsOutOfTheRepository(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("template");
        StarterExport.export(ExportSupport.bundle(), dir, StarterExport.Options.download(URL, null));
        assertThat(read(dir.resolve(".gitignore")).lines().toList()).as(".gitignore")
                .contains("target/", ".grader/", "grading/");
    }

    @Test
    void aGraderJarPinsItsChecksumAndEmbeddingIsOptIn(@TempDir Path tmp) throws IOException {
        Path jar = ExportSupport.fakeGraderJar(tmp.resolve("grader.jar"));
        String sha = GraderJar.sha256(jar);
        assertThat(sha).as("sha256 of the stand-in jar").matches("[0-9a-f]{64}");

        Path download = tmp.resolve("download");
        StarterExport.Result pinned = StarterExport.export(ExportSupport.bundle(), download, StarterExport.Options.download(URL, jar));
        assertThat(pinned.graderSha256()).as("pinned SHA-256").isEqualTo(sha);
        assertThat(read(download.resolve(StarterExport.Ci.ACTIONS.workflowPath()))).as("workflow with a pinned jar")
                .contains("GRADER_SHA256: '" + sha + "'", "GRADER_URL: '" + URL + "'");
        assertThat(download.resolve(StarterExport.GRADER_PATH)).as("the grader jar in a download-mode template").doesNotExist();

        Path embedded = tmp.resolve("embedded");
        StarterExport.Result result = StarterExport.export(ExportSupport.bundle(), embedded,
                new StarterExport.Options("", jar, true, false));
        assertThat(embedded.resolve(StarterExport.GRADER_PATH)).as("embedded grader jar").hasSameBinaryContentAs(jar);
        assertThat(result.files()).as("files of an embedded-jar template").contains(StarterExport.GRADER_PATH);
        assertThat(result.warnings()).as("warnings of an embedded-jar template").anyMatch(w -> w.contains("hidden checks"));
        assertThat(read(embedded.resolve(".gitignore")).lines().toList()).as(".gitignore with an embedded grader")
                .doesNotContain(".grader/");
        assertThat(read(embedded.resolve(StarterExport.Ci.ACTIONS.workflowPath()))).as("workflow with an embedded grader")
                .contains("GRADER_URL: ''", "GRADER_SHA256: '" + sha + "'");
    }

    @Test
    void badOptionsAndTargetsAreRefusedWithAReason(@TempDir Path tmp) throws IOException {
        StarterBundle bundle = ExportSupport.bundle();
        Path jar = ExportSupport.fakeGraderJar(tmp.resolve("grader.jar"));
        assertThatThrownBy(() -> StarterExport.export(bundle, tmp.resolve("a"), StarterExport.Options.download("ftp://x/grader.jar", null)))
                .as("an ftp URL").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--grader-url");
        assertThatThrownBy(() -> StarterExport.export(bundle, tmp.resolve("b"),
                StarterExport.Options.download("https://x/grader.jar' && curl evil", null)))
                .as("a URL with a quote and spaces").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StarterExport.export(bundle, tmp.resolve("c"), new StarterExport.Options("", null, true, false)))
                .as("--embed-grader-jar without a jar").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--grader-jar");
        assertThatThrownBy(() -> StarterExport.export(bundle, tmp.resolve("d"), new StarterExport.Options(URL, jar, true, false)))
                .as("--embed-grader-jar with --grader-url").isInstanceOf(IllegalArgumentException.class);
        Path notAJar = Files.writeString(tmp.resolve("notes.jar"), "not a jar");
        assertThatThrownBy(() -> StarterExport.export(bundle, tmp.resolve("e"), StarterExport.Options.download(URL, notAJar)))
                .as("a --grader-jar that is no jar").isInstanceOf(IllegalArgumentException.class);

        Path used = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> StarterExport.export(bundle, used, StarterExport.Options.download(URL, null)))
                .as("a non-empty directory without --force").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--force");
        StarterExport.export(bundle, used, StarterExport.Options.download(URL, null).withForce(true));
        assertThat(used.resolve("notes.txt")).as("an unrelated file after --force").hasContent("mine");
        assertThat(used.resolve("pom.xml")).as("pom.xml after --force").exists();

        assertThatThrownBy(() -> StarterExport.export(bundle, ExportSupport.REPO, StarterExport.Options.download(URL, null).withForce(true)))
                .as("exporting into the course repository").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("course repository");
    }

    @Test
    void theCommandLineWritesTheTemplateAndRejectsBadUsageWithExitCode2(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("cli");
        int code = GraderCli.run("starter", dir.toString(), "--grader-url", URL, "--repo", ExportSupport.REPO.toString());
        assertThat(code).as("exit code of grader starter").isEqualTo(GraderCli.GRADED);
        assertThat(dir.resolve(StarterExport.Ci.ACTIONS.workflowPath())).as("workflow written by the CLI").exists();
        assertThat(dir.resolve("src/main/java/backprop/nn/DenseLayer.java")).as("stub written by the CLI").exists();

        assertThat(GraderCli.run("starter", dir.toString())).as("exit code of grader starter into a non-empty directory")
                .isEqualTo(GraderCli.USAGE);
        assertThat(GraderCli.run("starter", tmp.resolve("x").toString(), "--embed-grader-jar"))
                .as("exit code of --embed-grader-jar when not running from a jar").isEqualTo(GraderCli.USAGE);
        assertThat(GraderCli.run("starter")).as("exit code of grader starter without <dir>").isEqualTo(GraderCli.USAGE);
    }

    @Test
    void thePackagedBundleIsTheRepositorysAssignmentsModule() {
        StarterBundle packaged = ExportSupport.bundle();
        StarterBundle repo = StarterBundle.fromRepository(ExportSupport.REPO);
        assertThat(packaged.mainSources()).as("stubs packaged in the grader (%s) vs assignments/src/main/java", packaged.origin())
                .isEqualTo(repo.mainSources());
        assertThat(packaged.testSources()).as("public tests packaged in the grader (%s) vs assignments/src/test/java", packaged.origin())
                .isEqualTo(repo.testSources());
        assertThat(packaged.givenFiles()).as("given files").contains("Matrix.java", "NotImplementedYet.java")
                .doesNotContain("Sigmoid.java", "package-info.java");
    }

    @Test
    void unsafePathsInABundleAreRejected() {
        assertThatThrownBy(() -> StarterBundle.of(Map.of("../evil.java", ""), Map.of(), "test"))
                .as("a bundle with ../").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StarterBundle.of(Map.of(), Map.of("/etc/passwd", ""), "test"))
                .as("a bundle with an absolute path").isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** One body between the markers in solutions/, whitespace removed. */
    record Body(String where, String whole, List<String> consecutivePairs) {
    }

    static List<Body> solutionBodies() throws IOException {
        List<Body> bodies = new ArrayList<>();
        Path root = ExportSupport.REPO.resolve("solutions/src/main/java");
        for (String rel : ExportSupport.files(root)) {
            List<String> lines = read(root.resolve(rel)).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).trim().equals("// BEGIN SOLUTION")) {
                    continue;
                }
                List<String> significant = new ArrayList<>();
                StringBuilder whole = new StringBuilder();
                int j = i + 1;
                for (; j < lines.size() && !lines.get(j).trim().equals("// END SOLUTION"); j++) {
                    String s = squeeze(lines.get(j));
                    whole.append(s);
                    if (!s.isEmpty() && !List.of("}", "{", "});", "};").contains(s)) {
                        significant.add(s);
                    }
                }
                List<String> pairs = new ArrayList<>();
                for (int k = 0; k + 1 < significant.size(); k++) {
                    pairs.add(significant.get(k) + significant.get(k + 1));
                }
                bodies.add(new Body(rel + ":" + (i + 1), whole.toString(), pairs));
                i = j;
            }
        }
        return bodies;
    }

    /** Display names of every check that is not visible to students before the due date. */
    static List<String> hiddenCheckNames() {
        List<CheckSpec> checks = Catalogue.read(StarterExportTest.class.getClassLoader());
        return checks.stream().filter(c -> c.visibility() != Visibility.VISIBLE).map(CheckSpec::name).toList();
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }

    private static boolean startsWith(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertThat(m.find()).as("<%s> in a pom", name).isTrue();
        return m.group(1).trim();
    }

    private static String pluginVersion(String pom, String artifactId) {
        Matcher m = Pattern.compile("<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(m.find()).as("version of %s in a pom", artifactId).isTrue();
        String v = m.group(1).trim();
        return v.equals("${surefire.version}") ? property(pom, "surefire.version") : v;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
