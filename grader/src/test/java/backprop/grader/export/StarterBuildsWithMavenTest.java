package backprop.grader.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a student does first: clone the template and run {@code mvn test}. The exported template
 * must build on its own (no parent pom, nothing from this repository) and every public test must
 * fail, and fail only with a stub's "… is not implemented yet".
 *
 * <p>Runs Maven as a subprocess, offline, against the local repository this build uses (found from
 * the classpath), so it needs no network; it is skipped when {@code mvn} is not on the PATH or the
 * local repository lacks a plugin the template needs.
 */
class StarterBuildsWithMavenTest {
    /** How many tests (methods and parameterized invocations) the public suite had when this was written. */
    static final int MIN_PUBLIC_TESTS = 130;
    static final String NOT_IMPLEMENTED = "is not implemented yet";

    @Test
    void theTemplateCompilesAndEveryPublicTestFailsOnlyWithNotImplementedYet(@TempDir Path tmp) throws Exception {
        assumeTrue(ExportSupport.onPath("mvn"), "mvn is not on the PATH: cannot build the exported template");
        Path dir = tmp.resolve("student-repo");
        StarterExport.export(ExportSupport.bundle(), dir, StarterExport.Options.download(StarterExportTest.URL, null));

        List<String> maven = new ArrayList<>(List.of("mvn", "-o", "-B"));
        localRepository().ifPresent(repo -> maven.add("-Dmaven.repo.local=" + repo));

        List<String> compile = new ArrayList<>(maven);
        compile.addAll(List.of("-q", "test-compile"));
        ExportSupport.Run compiled = ExportSupport.run(compile, dir, Map.of(), Duration.ofMinutes(5));
        skipIfOfflineArtifactsAreMissing(compiled);
        assertThat(compiled.exitCode()).as("mvn -o -q test-compile in the exported template:\n%s", compiled.output()).isZero();

        List<String> test = new ArrayList<>(maven);
        test.add("test");
        ExportSupport.Run tested = ExportSupport.run(test, dir, Map.of(), Duration.ofMinutes(10));
        skipIfOfflineArtifactsAreMissing(tested);
        assertThat(tested.exitCode()).as("mvn -o test on the untouched starter must fail (every test fails):\n%s", tail(tested.output()))
                .isNotZero();
        assertThat(tested.output()).as("mvn -o test output").contains("Tests run:").doesNotContain("COMPILATION ERROR");
        // Concise: one line per method still to write, no stack traces (4,550 lines before).
        List<String> lines = tested.output().lines().toList();
        assertThat(lines).as("lines printed by mvn test on the untouched starter").hasSizeLessThan(400);
        assertThat(tested.output()).doesNotContain("\tat java.base/").doesNotContain("\tat backprop.nn.");
        java.util.Set<String> stubs = new java.util.TreeSet<>();
        ExportSupport.bundle().stubs().forEach((file, names) -> names.forEach(m -> stubs.add(file.replace(".java", "") + "." + m)));
        Map<String, Integer> listed = new LinkedHashMap<>();
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("  (\\w+\\.\\w+) +(\\d+) tests?");
        lines.forEach(l -> {
            java.util.regex.Matcher m = line.matcher(l);
            if (m.matches()) {
                listed.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        });
        int waiting = listed.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(tested.output()).contains("What to do next")
                .contains("Not implemented yet (" + listed.size() + " methods, " + waiting + " tests wait for them)");
        assertThat(listed.keySet()).as("methods listed once each, all of them stubs").isNotEmpty().isSubsetOf(stubs);

        Path reports = dir.resolve("target/surefire-reports");
        assertThat(reports).as("surefire reports of the template").isDirectory();
        List<Path> xml;
        try (Stream<Path> list = Files.list(reports)) {
            xml = list.filter(p -> p.getFileName().toString().startsWith("TEST-") && p.toString().endsWith(".xml")).sorted().toList();
        }
        assertThat(xml).as("surefire XML reports").isNotEmpty();

        int testcases = 0;
        List<String> passed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, String> wrongFailures = new LinkedHashMap<>();
        for (Path report : xml) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
            NodeList cases = doc.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                String name = c.getAttribute("classname") + " > " + c.getAttribute("name");
                testcases++;
                List<Element> problems = new ArrayList<>();
                problems.addAll(children(c, "failure"));
                problems.addAll(children(c, "error"));
                if (!children(c, "skipped").isEmpty()) {
                    skipped.add(name);
                } else if (problems.isEmpty()) {
                    passed.add(name);
                } else {
                    for (Element p : problems) {
                        String message = p.getAttribute("message");
                        if (!message.contains(NOT_IMPLEMENTED)) {
                            wrongFailures.put(name, p.getTagName() + " " + p.getAttribute("type") + ": " + message);
                        }
                    }
                }
            }
        }
        assertThat(testcases).as("test cases in the surefire reports").isGreaterThanOrEqualTo(MIN_PUBLIC_TESTS);
        assertThat(waiting).as("tests counted in the What to do next block").isEqualTo(testcases);
        assertThat(passed).as("public tests that pass on the untouched starter").isEmpty();
        assertThat(skipped).as("public tests skipped on the untouched starter").isEmpty();
        assertThat(wrongFailures).as("public tests failing with something else than \"… %s\"", NOT_IMPLEMENTED).isEmpty();
    }

    @Test
    void forAHalfDoneSubmissionTheOutputNamesWhatIsMissingAndWhatIsWrong(@TempDir Path tmp) throws Exception {
        assumeTrue(ExportSupport.onPath("mvn"), "mvn is not on the PATH: cannot build the exported template");
        Path dir = tmp.resolve("student-repo");
        StarterExport.export(ExportSupport.bundle(), dir, StarterExport.Options.download(StarterExportTest.URL, null));
        Path example = backprop.grader.engine.Fixtures.EXAMPLE.resolve("src/main/java/backprop/nn");
        try (Stream<Path> files = Files.list(example)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve("src/main/java/backprop/nn").resolve(f.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> maven = new ArrayList<>(List.of("mvn", "-o", "-B", "test"));
        localRepository().ifPresent(repo -> maven.add("-Dmaven.repo.local=" + repo));

        ExportSupport.Run tested = ExportSupport.run(maven, dir, Map.of(), Duration.ofMinutes(10));
        skipIfOfflineArtifactsAreMissing(tested);

        String out = tested.output();
        assertThat(out.lines().count()).as("lines printed").isLessThan(400);
        assertThat(out).contains("Not implemented yet (1 method, ").containsPattern("\n  Tanh\\.derivative +\\d+ tests\n")
                .containsPattern("Failing \\(\\d+ tests of code you wrote")
                .contains("Activation.derivative > derivativeOfSigmoidAtZeroIsAQuarter()")
                .contains("Sigmoid.derivative(0): σ(0)·(1 − σ(0)) = 0.5·0.5")
                .doesNotContain("\tat java.base/").doesNotContain("CloseableResource");
        // In the README's order: the activations' failures come before the layer's, which they explain.
        String block = out.substring(out.indexOf("What to do next"));
        assertThat(block.indexOf("Activation.derivative >")).isLessThan(block.indexOf("DenseLayer >") < 0 ? Integer.MAX_VALUE
                : block.indexOf("DenseLayer >"));
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    /** Offline Maven that lacks an artifact is a property of this machine, not of the template. */
    private static void skipIfOfflineArtifactsAreMissing(ExportSupport.Run run) {
        String out = run.output();
        assumeFalse(run.exitCode() != 0 && (out.contains("has not been downloaded from it before")
                        || out.contains("in offline mode") || out.contains("Cannot access central")),
                "the local Maven repository lacks an artifact the template needs (offline build):\n" + tail(out));
    }

    /**
     * The local repository this JVM's dependencies come from: the directory above
     * {@code org/junit/jupiter/junit-jupiter-api/<version>/junit-jupiter-api-<version>.jar}.
     */
    static Optional<Path> localRepository() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (p.getFileName() != null && p.getFileName().toString().startsWith("junit-jupiter-api-") && p.getNameCount() > 5) {
                Path repo = p.getParent().getParent().getParent().getParent().getParent().getParent();
                if (repo != null && Files.isDirectory(repo.resolve("org/junit/jupiter"))) {
                    return Optional.of(repo);
                }
            }
        }
        return Optional.empty();
    }

    private static String tail(String text) {
        return text.length() <= 6_000 ? text : "…" + text.substring(text.length() - 6_000);
    }
}
