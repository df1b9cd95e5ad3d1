package backprop.grader.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated starter (assignments/src/main/java) must be exactly what {@link StarterGenerator}
 * makes of the solutions, and the generator itself must behave: bodies between the markers become a
 * TODO and a {@code NotImplementedYet}, everything else is copied byte for byte, malformed markers
 * are rejected with file:line.
 */
class StarterInSyncTest {
    /** What outOfSync says when the solutions changed since the starter was last generated. */
    static final String STALE_FINGERPRINT = "starter.fingerprint (the solutions changed since the starter was last generated)";

    /** The repository root: surefire sets {@code backprop.repo}; from an IDE the module directory is the working directory. */
    static final Path REPO = Path.of(System.getProperty("backprop.repo", "..")).toAbsolutePath().normalize();
    static final Path SOLUTIONS = REPO.resolve("solutions");
    static final Path ASSIGNMENTS = REPO.resolve("assignments");
    private static final String SOURCES = "src/main/java";
    private static final Pattern STUB = Pattern.compile("throw new NotImplementedYet\\(\"(\\w+\\.\\w+)\"\\);");

    // ---- (a) the repository --------------------------------------------------------------------

    @Test
    void starterInTheRepositoryIsInSyncWithTheSolutions() {
        List<String> problems = StarterGenerator.outOfSync(SOLUTIONS, ASSIGNMENTS);
        assertThat(problems)
                .as("assignments/src/main/java is out of sync with solutions/src/main/java (%s). Never edit the starter by hand: "
                        + "edit the solution, then run scripts/generate-starter.sh and commit assignments/src/main/java", REPO)
                .isEmpty();
    }

    @Test
    void starterInTheRepositoryHasOneStubPerSolutionBodyAndNoMarkers() throws IOException {
        int markers = 0;
        for (Path file : javaFiles(SOLUTIONS.resolve(SOURCES))) {
            markers += (int) Files.readAllLines(file).stream().filter(l -> l.trim().equals(StarterGenerator.BEGIN)).count();
        }
        int stubs = 0;
        for (Path file : javaFiles(ASSIGNMENTS.resolve(SOURCES))) {
            String text = Files.readString(file);
            assertThat(text).as("generated %s must not contain solution markers", file)
                    .doesNotContain(StarterGenerator.BEGIN).doesNotContain(StarterGenerator.END);
            assertThat(text).as("generated %s must start with the generator's header", file)
                    .startsWith(StarterGenerator.HEADER + "\n");
            Matcher m = STUB.matcher(text);
            while (m.find()) {
                stubs++;
            }
        }
        assertThat(markers).as("solution bodies marked in solutions/src/main/java").isPositive();
        assertThat(stubs).as("NotImplementedYet stubs in assignments/src/main/java, one per marked solution body")
                .isEqualTo(markers);
    }

    // ---- (b) the generator on a temporary copy -------------------------------------------------

    @Nested
    class OnATemporaryCopy {
        @TempDir
        Path tmp;
        Path solutions;
        Path assignments;
        Path sigmoidSolution;

        @BeforeEach
        void copyTheModules() throws IOException {
            solutions = tmp.resolve("solutions");
            assignments = tmp.resolve("assignments");
            copyTree(SOLUTIONS.resolve(SOURCES), solutions.resolve(SOURCES));
            copyTree(ASSIGNMENTS.resolve(SOURCES), assignments.resolve(SOURCES));
            // independent of the repository's state, which the test above checks
            StarterGenerator.generate(solutions, assignments);
            assertThat(StarterGenerator.outOfSync(solutions, assignments)).as("the copy right after generate").isEmpty();
            sigmoidSolution = solutions.resolve(SOURCES).resolve("backprop/nn/Sigmoid.java");
        }

        @Test
        void changingALineOutsideTheMarkersMakesThatFileOutOfSyncUntilRegenerated() throws IOException {
            // the Javadoc of Sigmoid.derivative is copied into the starter
            replaceOnce(sigmoidSolution, "never larger than 0.25 (at z = 0)", "at most 0.25, at z = 0");

            assertThat(StarterGenerator.outOfSync(solutions, assignments)).as("outOfSync after editing Sigmoid's Javadoc")
                    .containsExactly("backprop/nn/Sigmoid.java (differs)", STALE_FINGERPRINT);

            List<String> regenerated = StarterGenerator.generate(solutions, assignments);
            assertThat(regenerated).as("generate reports what it rewrote")
                    .containsExactly("backprop/nn/Sigmoid.java (differs)", STALE_FINGERPRINT);
            assertThat(StarterGenerator.outOfSync(solutions, assignments)).as("outOfSync after generate").isEmpty();
            assertThat(Files.readString(assignments.resolve(SOURCES).resolve("backprop/nn/Sigmoid.java")))
                    .as("the regenerated starter Sigmoid.java").contains("at most 0.25, at z = 0");
        }

        @Test
        void changingALineInsideASolutionBodyIsReportedUntilTheStarterIsRegenerated() throws IOException {
            // the body between the markers of Sigmoid.derivative never appears in the starter...
            replaceOnce(sigmoidSolution, "return s * (1.0 - s);", "return s - s * s;");

            // ...but the fingerprint of the solutions tells that the starter was not regenerated since
            assertThat(StarterGenerator.outOfSync(solutions, assignments))
                    .as("outOfSync after editing the solution body of Sigmoid.derivative")
                    .containsExactly(STALE_FINGERPRINT);

            StarterGenerator.generate(solutions, assignments);
            assertThat(StarterGenerator.outOfSync(solutions, assignments)).as("outOfSync after generate").isEmpty();
            assertThat(Files.readString(assignments.resolve(SOURCES).resolve("backprop/nn/Sigmoid.java")))
                    .as("the starter Sigmoid.java").doesNotContain("s - s * s").doesNotContain("s * (1.0 - s)");
        }

        @Test
        void changingTheMarkersOfASolutionBodyMakesThatFileOutOfSync() throws IOException {
            // removing the markers turns Sigmoid.derivative into given code: the starter must change
            String text = Files.readString(sigmoidSolution);
            Files.writeString(sigmoidSolution, text.replace("        " + StarterGenerator.BEGIN + "\n", "")
                    .replace("        " + StarterGenerator.END + "\n", ""));

            assertThat(StarterGenerator.outOfSync(solutions, assignments)).as("outOfSync after removing Sigmoid's markers")
                    .containsExactly("backprop/nn/Sigmoid.java (differs)", STALE_FINGERPRINT);
            StarterGenerator.generate(solutions, assignments);
            assertThat(StarterGenerator.outOfSync(solutions, assignments)).as("outOfSync after generate").isEmpty();
            assertThat(Files.readString(assignments.resolve(SOURCES).resolve("backprop/nn/Sigmoid.java")))
                    .as("the regenerated starter Sigmoid.java").doesNotContain("NotImplementedYet");
        }

        @Test
        void aStaleFileInTheStarterIsReportedAndDeletedByGenerate() throws IOException {
            Path stale = assignments.resolve(SOURCES).resolve("backprop/nn/Momentum.java");
            Files.writeString(stale, "package backprop.nn;\n\npublic final class Momentum {\n}\n");

            assertThat(StarterGenerator.outOfSync(solutions, assignments)).as("outOfSync with an extra starter file")
                    .containsExactly("backprop/nn/Momentum.java (stale: no such solution file)");
            StarterGenerator.generate(solutions, assignments);
            assertThat(stale).as("the stale starter file after generate").doesNotExist();
            assertThat(StarterGenerator.outOfSync(solutions, assignments)).as("outOfSync after generate").isEmpty();
        }

        @Test
        void aMissingStarterFileIsReportedAndRecreatedByGenerate() throws IOException {
            Path tanh = assignments.resolve(SOURCES).resolve("backprop/nn/Tanh.java");
            Files.delete(tanh);

            assertThat(StarterGenerator.outOfSync(solutions, assignments)).as("outOfSync without the starter Tanh.java")
                    .containsExactly("backprop/nn/Tanh.java (missing)");
            StarterGenerator.generate(solutions, assignments);
            assertThat(tanh).as("the starter Tanh.java after generate").exists();
            assertThat(StarterGenerator.outOfSync(solutions, assignments)).as("outOfSync after generate").isEmpty();
        }

        @Test
        void aHandEditedStarterIsReported() throws IOException {
            Path relu = assignments.resolve(SOURCES).resolve("backprop/nn/ReLU.java");
            replaceOnce(relu, "throw new NotImplementedYet(\"ReLU.derivative\");", "return z > 0 ? 1.0 : 0.0;");

            assertThat(StarterGenerator.outOfSync(solutions, assignments)).as("outOfSync after solving ReLU in the starter")
                    .containsExactly("backprop/nn/ReLU.java (differs)");
        }
    }

    // ---- (c) toStarter -------------------------------------------------------------------------

    @Nested
    class ToStarter {
        private static final String BEFORE = String.join("\n",
                "package backprop.nn;",
                "",
                "/** The logistic function. */",
                "public final class Sigmoid implements Activation {",
                "",
                "    @Override",
                "    public double value(double z) {",
                "        return 1.0 / (1.0 + Math.exp(-z));",
                "    }",
                "",
                "    /** σ'(z) = σ(z) · (1 − σ(z)). */",
                "    @Override",
                "    public double derivative(double z) {",
                "        if (Double.isNaN(z)) {",
                "            throw new IllegalArgumentException(\"z is NaN\");",
                "        }",
                "");
        private static final String BODY = String.join("\n",
                "        // BEGIN SOLUTION",
                "        double s = value(z);",
                "        return s * (1.0 - s);",
                "        // END SOLUTION",
                "");
        private static final String AFTER = String.join("\n",
                "    }",
                "",
                "    @Override",
                "    public String name() {\t// a tab, and trailing spaces   ",
                "        return \"sigmoid\";",
                "    }",
                "}",
                "");

        @Test
        void aSignatureWrappedOverTwoLinesStillNamesItsOwnMethod() {
            String source = String.join("\n",
                    "package backprop.nn;",
                    "public final class Net {",
                    "    public void step(double rate) {",
                    "        // BEGIN SOLUTION",
                    "        rate++;",
                    "        // END SOLUTION",
                    "    }",
                    "",
                    "    public Matrix backward(Matrix gradOutput,",
                    "                           double scale)",
                    "    {",
                    "        // BEGIN SOLUTION",
                    "        return gradOutput.scale(scale);",
                    "        // END SOLUTION",
                    "",
                    "        // nothing may follow the solution but blank lines and comments",
                    "    }",
                    "}",
                    "");
            String starter = StarterGenerator.toStarter(source, "Net.java");
            assertThat(starter).as("stub names of a file whose second signature spans two lines")
                    .contains("throw new NotImplementedYet(\"Net.step\");")
                    .contains("throw new NotImplementedYet(\"Net.backward\");")
                    .doesNotContain("rate++")
                    .doesNotContain("gradOutput.scale(scale)");
        }

        @Test
        void theMarkedBodyBecomesATodoThatThrowsNotImplementedYet() {
            String starter = StarterGenerator.toStarter(BEFORE + BODY + AFTER, "Sigmoid.java");
            assertThat(starter).as("toStarter of a Sigmoid with a marked derivative body")
                    .contains("        // TODO: implement Sigmoid.derivative (see the Javadoc above).\n"
                            + "        throw new NotImplementedYet(\"Sigmoid.derivative\");\n    }\n")
                    .doesNotContain("value(z);\n")
                    .doesNotContain("s * (1.0 - s)")
                    .doesNotContain(StarterGenerator.BEGIN)
                    .doesNotContain(StarterGenerator.END);
        }

        @Test
        void everythingOutsideTheMarkersIsCopiedByteForByte() {
            String starter = StarterGenerator.toStarter(BEFORE + BODY + AFTER, "Sigmoid.java");
            String stub = "        // TODO: implement Sigmoid.derivative (see the Javadoc above).\n"
                    + "        throw new NotImplementedYet(\"Sigmoid.derivative\");\n";
            assertThat(starter).as("toStarter: header + the code before the markers + the stub + the code after them")
                    .isEqualTo(StarterGenerator.HEADER + "\n" + BEFORE + stub + AFTER);
        }

        @Test
        void aFileWithoutMarkersIsCopiedUnderTheHeader() {
            String source = BEFORE + "        return 0.25;\n" + AFTER;
            assertThat(StarterGenerator.toStarter(source, "Sigmoid.java")).as("toStarter of a file without markers")
                    .isEqualTo(StarterGenerator.HEADER + "\n" + source);
        }

        @Test
        void eachMarkedMethodGetsAStubNamedAfterItsOwnMethod() {
            String source = String.join("\n",
                    "package backprop.nn;",
                    "public final class Network {",
                    "    public Matrix backward(Matrix gradOutput) {",
                    "        // BEGIN SOLUTION",
                    "        return gradOutput;",
                    "        // END SOLUTION",
                    "    }",
                    "",
                    "    public void step(double learningRate) {",
                    "        // BEGIN SOLUTION",
                    "        for (Layer layer : layers) {",
                    "            layer.step(learningRate);",
                    "        }",
                    "        // END SOLUTION",
                    "    }",
                    "}",
                    "");
            String starter = StarterGenerator.toStarter(source, "Network.java");
            Matcher m = STUB.matcher(starter);
            List<String> stubs = m.results().map(r -> r.group(1)).toList();
            assertThat(stubs).as("the stubs of a Network with marked backward and step")
                    .containsExactly("Network.backward", "Network.step");
        }

        @Test
        void theRealSigmoidSolutionBecomesTheRealStarter() throws IOException {
            String solution = Files.readString(SOLUTIONS.resolve(SOURCES).resolve("backprop/nn/Sigmoid.java"));
            String starter = StarterGenerator.toStarter(solution, "Sigmoid.java");
            assertThat(starter).as("toStarter(solutions/.../Sigmoid.java)")
                    .contains("throw new NotImplementedYet(\"Sigmoid.derivative\");")
                    .contains("public double value(double z) {\n        if (z >= 0) {");
        }

        @Test
        void beginWithoutEndIsRejectedWithFileAndLine() {
            String source = BEFORE + "        // BEGIN SOLUTION\n        return 0.25;\n" + AFTER;
            int line = lineOf(source, "// BEGIN SOLUTION");
            assertThatThrownBy(() -> StarterGenerator.toStarter(source, "Broken.java"))
                    .as("toStarter of a BEGIN SOLUTION without END SOLUTION at line %d", line)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Broken.java:" + line + ": ")
                    .hasMessageContaining("without " + StarterGenerator.END);
        }

        @Test
        void endThatIsNotTheLastStatementOfTheMethodIsRejectedWithFileAndLine() {
            String body = "        // BEGIN SOLUTION\n        double s = value(z);\n        // END SOLUTION\n"
                    + "        return s * (1.0 - s);\n";
            String source = BEFORE + body + AFTER;
            int line = lineOf(source, "// END SOLUTION");
            assertThatThrownBy(() -> StarterGenerator.toStarter(source, "Broken.java"))
                    .as("toStarter of an END SOLUTION followed by a return statement at line %d", line + 1)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Broken.java:" + line + ": ")
                    .hasMessageContaining("must be the last line of the method body");
        }

        @Test
        void nestedBeginIsRejectedWithFileAndLine() {
            String body = "        // BEGIN SOLUTION\n        double s = value(z);\n        // BEGIN SOLUTION\n"
                    + "        return s * (1.0 - s);\n        // END SOLUTION\n        // END SOLUTION\n";
            String source = BEFORE + body + AFTER;
            int inner = lineOf(source, "// BEGIN SOLUTION") + 2;
            assertThatThrownBy(() -> StarterGenerator.toStarter(source, "Broken.java"))
                    .as("toStarter of a BEGIN SOLUTION nested at line %d", inner)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Broken.java:" + inner + ": ")
                    .hasMessageContaining("nested");
        }

        @Test
        void endWithoutBeginIsRejectedWithFileAndLine() {
            String source = BEFORE + "        return 0.25;\n        // END SOLUTION\n" + AFTER;
            int line = lineOf(source, "// END SOLUTION");
            assertThatThrownBy(() -> StarterGenerator.toStarter(source, "Broken.java"))
                    .as("toStarter of an END SOLUTION without BEGIN SOLUTION at line %d", line)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Broken.java:" + line + ": ")
                    .hasMessageContaining("without " + StarterGenerator.BEGIN);
        }

        @Test
        void beginOutsideAMethodIsRejectedWithFileAndLine() {
            String source = "package backprop.nn;\n\n// BEGIN SOLUTION\npublic final class Secret {\n}\n// END SOLUTION\n";
            assertThatThrownBy(() -> StarterGenerator.toStarter(source, "Broken.java"))
                    .as("toStarter of a BEGIN SOLUTION before any method, at line 3")
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Broken.java:3: ")
                    .hasMessageContaining("outside a method");
        }

        @Test
        void aMalformedSolutionFileMakesOutOfSyncFailWithItsName(@TempDir Path tmp) throws IOException {
            Path solutions = tmp.resolve("solutions");
            Path file = solutions.resolve(SOURCES).resolve("backprop/nn/Broken.java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, BEFORE + "        // BEGIN SOLUTION\n        return 0.25;\n" + AFTER);
            assertThatThrownBy(() -> StarterGenerator.outOfSync(solutions, tmp.resolve("assignments")))
                    .as("outOfSync with a malformed solution file")
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Broken.java:");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** The 1-based number of the first line containing {@code text}. */
    private static int lineOf(String source, String text) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + text);
    }

    private static void replaceOnce(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("%s (the test edits this text; update the test if the file changed)", file).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    static List<Path> javaFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
