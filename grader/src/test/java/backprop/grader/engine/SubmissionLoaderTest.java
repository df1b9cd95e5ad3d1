package backprop.grader.engine;

import static backprop.grader.engine.GradedSubmissions.check;
import static backprop.grader.engine.GradedSubmissions.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import backprop.grader.compile.CompilationResult;
import backprop.grader.compile.SubmissionCompiler;
import backprop.grader.engine.Fixtures.Layout;
import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import backprop.grader.results.Status;
import backprop.grader.submission.SourceFile;
import backprop.grader.submission.StarterSources;
import backprop.grader.submission.Submission;
import backprop.grader.submission.SubmissionLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a submission's files are matched to the starter's classes (backprop.grader.submission), on
 * real files: misplaced packages, duplicates, helpers, changed given files, uploads with extras, and
 * input that cannot be read at all.
 */
class SubmissionLoaderTest {
    /** The fixtures this class grades (the others belong to {@link HostileSubmissionsTest}). */
    static final Set<String> FIXTURES = Set.of("loader-quirks", "flat-with-student-tests");

    private static final StarterSources STARTER = StarterSources.packaged();

    private static Submission load(Path path) {
        return new SubmissionLoader(STARTER).load(path);
    }

    private static SourceFile source(Submission s, String fileName) {
        return s.sources().stream().filter(f -> f.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new AssertionError(fileName + " is not among the sources to compile: " + s.sources()));
    }

    // ---- package declarations ------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Layout.class, names = {"FLAT", "MAVEN"})
    void fileWithoutPackageDeclarationIsGradedAsPackageBackpropNn(Layout layout) {
        Submission s = load(Fixtures.submission("loader-quirks", layout));

        SourceFile tanh = source(s, "Tanh.java");
        assertThat(tanh.fromStudent()).isTrue();
        assertThat(tanh.origin()).isEqualTo(layout.folder() + "Tanh.java");
        assertThat(tanh.source()).startsWith("package backprop.nn;").contains("double t = Math.tanh(z);");
        assertThat(s.notes()).contains(layout.folder() + "Tanh.java has no package declaration; graded as package backprop.nn");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Layout.class, names = {"FLAT", "MAVEN"})
    void fileInAnotherPackageIsGradedAsPackageBackpropNn(Layout layout) {
        Submission s = load(Fixtures.submission("loader-quirks", layout));

        SourceFile sigmoid = source(s, "Sigmoid.java");
        assertThat(sigmoid.fromStudent()).isTrue();
        assertThat(sigmoid.source()).contains("package backprop.nn;").doesNotContain("com.student.nn");
        assertThat(s.notes()).contains(layout.folder() + "Sigmoid.java declares package com.student.nn; graded as package backprop.nn");
    }

    @Test
    void misplacedPackagesStillEarnTheirPoints() {
        GradeReport report = GradedSubmissions.fixture("loader-quirks", Layout.MAVEN, GradedSubmissions.NORMAL).get();

        GradedSubmissions.assertComplete(report);
        for (CheckResult c : report.checks()) {
            if (c.name().startsWith("Tanh.") || c.name().startsWith("Sigmoid.") || c.name().startsWith("ReLU")) {
                assertThat(c.status()).as(c.number() + " " + c.name()).isEqualTo(Status.PASSED);
            }
        }
        assertThat(report.score()).as(summary(report)).isEqualTo(report.maxScore());
        assertThat(report.diagnostics()).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.contains("Tanh.java has no package declaration"))
                .anyMatch(n -> n.contains("Sigmoid.java declares package com.student.nn"));
    }

    // ---- duplicates ------------------------------------------------------------------------------

    @Test
    void duplicateFilesAreNotedAndTheMavenLayoutCopyIsGraded() {
        Path submission = Fixtures.solutions(Layout.MAVEN);
        String wrong = Fixtures.files("tanh-forged-results").get("Tanh.java");
        Fixtures.add(submission, "old/Tanh.java", wrong);

        Submission s = load(submission);

        assertThat(s.notes()).contains("Tanh.java appears 2 times (old/Tanh.java, src/main/java/backprop/nn/Tanh.java);"
                + " graded: src/main/java/backprop/nn/Tanh.java");
        assertThat(source(s, "Tanh.java").origin()).isEqualTo("src/main/java/backprop/nn/Tanh.java");
        assertThat(source(s, "Tanh.java").source()).isEqualTo(Fixtures.solutionFiles().get("Tanh.java"));
        assertThat(s.sources().stream().filter(f -> f.fileName().equals("Tanh.java"))).hasSize(1);
    }

    @Test
    void ofDuplicatesTheOneInPackageBackpropNnIsGraded() {
        Path submission = Fixtures.solutions(Layout.NESTED);
        String other = Fixtures.solutionFiles().get("Tanh.java").replace("package backprop.nn;", "package scratch;")
                .replace("return 1.0 - t * t;", "return 1.0 - z * z;");
        Fixtures.add(submission, "a-first/Tanh.java", other);

        Submission s = load(submission);

        assertThat(source(s, "Tanh.java").origin()).isEqualTo("my-project/code/backprop/nn/Tanh.java");
        assertThat(s.notes()).anyMatch(n -> n.startsWith("Tanh.java appears 2 times")
                && n.endsWith("graded: my-project/code/backprop/nn/Tanh.java"));
    }

    // ---- extra files -----------------------------------------------------------------------------

    @Test
    void extraHelperClassInPackageBackpropNnIsCompiledWithTheSubmission() {
        Path submission = Fixtures.submission("loader-quirks", Layout.FLAT);
        Submission s = load(submission);

        SourceFile helper = source(s, "ActivationMath.java");
        assertThat(helper.fromStudent()).isTrue();
        assertThat(helper.origin()).isEqualTo("ActivationMath.java");
        assertThat(s.notes()).contains("extra file ActivationMath.java compiled with your code");

        CompilationResult compiled = new SubmissionCompiler(STARTER, new backprop.grader.verify.BytecodeVerifier(backprop.grader.verify.Allowlist.defaults()))
                .compile(s, Fixtures.freshDir().resolve("classes"), java.time.Duration.ofSeconds(30), System.nanoTime() + 60_000_000_000L);
        assertThat(compiled.diagnostics()).isEmpty();
        assertThat(compiled.replacedFiles()).isEmpty();
        assertThat(compiled.droppedFiles()).isEmpty();
        assertThat(compiled.classesDir().resolve("backprop/nn/ActivationMath.class")).isRegularFile();
        assertThat(compiled.classesDir().resolve("backprop/nn/ReLU.class")).isRegularFile();
    }

    @Test
    void theCompilerSeesNeitherTheGraderNorTheReference() {
        // A compile-time constant of the reference would be inlined into the class: it must not compile at all.
        Path submission = Fixtures.write("sees-reference", Map.of("Sigmoid.java", Fixtures.solutionFiles().get("Sigmoid.java")
                .replace("public double derivative(double z) {", "public double derivative(double z) {\n"
                        + "        double eps = backprop.reference.ReferenceLoss.EPSILON;\n"
                        + "        String check = backprop.grader.suites.ActivationChecks.class.getName();")), Layout.FLAT);
        Submission s = load(submission);

        CompilationResult compiled = new SubmissionCompiler(STARTER, new backprop.grader.verify.BytecodeVerifier(backprop.grader.verify.Allowlist.defaults()))
                .compile(s, Fixtures.freshDir().resolve("classes"), java.time.Duration.ofSeconds(30), System.nanoTime() + 60_000_000_000L);

        assertThat(compiled.replacedFiles()).containsExactly("Sigmoid.java");
        assertThat(compiled.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("backprop.reference"))
                .anySatisfy(d -> assertThat(d.message()).contains("backprop.grader"));
    }

    @Test
    void extraFileInAnotherPackageIsIgnoredWithANote() {
        Submission s = load(Fixtures.submission("loader-quirks", Layout.MAVEN));

        assertThat(s.sources()).noneMatch(f -> f.fileName().equals("Playground.java"));
        assertThat(s.notes()).contains("extra file src/main/java/backprop/nn/Playground.java ignored (package scratch, expected backprop.nn)");
    }

    @Test
    void studentTestUploadedWithTheCodeIsLeftOutAndTheRestEarnsFullMarks() {
        GradeReport report = GradedSubmissions.fixture("flat-with-student-tests", Layout.FLAT, GradedSubmissions.NORMAL).get();

        assertThat(report.score()).as(summary(report)).isEqualTo(report.maxScore());
        assertThat(report.notes()).contains("extra file SigmoidTest.java did not compile and was left out")
                .doesNotContain("extra file SigmoidTest.java compiled with your code");
        assertThat(report.diagnostics()).isNotEmpty().allSatisfy(d -> assertThat(d.file()).isEqualTo("SigmoidTest.java"));
        assertThat(check(report, "1.2").status()).isEqualTo(Status.PASSED);
    }

    @Test
    void compileErrorsAreAttributedByExactFileNameNotBySuffix() {
        // ReLU.java is a suffix of LeakyReLU.java: each check must cite its own class's file.
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>(Fixtures.solutionFiles());
        files.put("ReLU.java", files.get("ReLU.java").replaceFirst("return z > 0", "return z >>> 0 +"));
        files.put("LeakyReLU.java", files.get("LeakyReLU.java").replaceFirst("public double derivative\\(",
                "public double derivative ) {("));
        Path submission = Fixtures.write("relu-and-leaky-relu-broken", files, Layout.FLAT);

        GradeReport report = GradedSubmissions.grade("relu-and-leaky-relu-broken", GradedSubmissions.NORMAL, () -> submission).get();

        for (String number : new String[] {"1.4", "1.9"}) {
            assertThat(check(report, number).status()).isEqualTo(Status.NOT_COMPILED);
            assertThat(check(report, number).feedback()).startsWith("ReLU.java did not compile").contains("ReLU.java:")
                    .doesNotContain("LeakyReLU.java");
        }
        for (String number : new String[] {"1.5", "1.10"}) {
            assertThat(check(report, number).status()).isEqualTo(Status.NOT_COMPILED);
            assertThat(check(report, number).feedback()).startsWith("LeakyReLU.java did not compile").contains("LeakyReLU.java:");
        }
        assertThat(check(report, "1.2").status()).isEqualTo(Status.PASSED);
    }

    // ---- given files -----------------------------------------------------------------------------

    @Test
    void changedGivenFileIsReplacedByTheOriginalWithANote() {
        Submission s = load(Fixtures.submission("loader-quirks", Layout.MAVEN));

        SourceFile matrix = source(s, "Matrix.java");
        assertThat(matrix.fromStudent()).isFalse();
        assertThat(matrix.origin()).isEqualTo("starter");
        assertThat(matrix.source()).isEqualTo(STARTER.source("Matrix.java")).doesNotContain("return this; // the student's");
        assertThat(s.notes()).contains("src/main/java/backprop/nn/Matrix.java is given code; your changes to it are ignored"
                + " and the original is used");
    }

    @Test
    void changedGivenFileCannotChangeTheGrade() {
        // The fixture's Matrix.scale returns the matrix unscaled: were it used, every gradient step would fail.
        GradeReport report = GradedSubmissions.fixture("loader-quirks", Layout.MAVEN, GradedSubmissions.NORMAL).get();

        assertThat(report.notes()).anyMatch(n -> n.contains("Matrix.java is given code"));
        for (String number : new String[] {"2.1", "3.7", "4.3", "4.6"}) {
            assertThat(check(report, number).status()).as(number).isEqualTo(Status.PASSED);
        }
    }

    @Test
    void solutionsLoadWithoutNotesAndEveryStudentFileFromTheStudent() {
        Submission s = load(Fixtures.solutions(Layout.FLAT));

        assertThat(s.notes()).isEmpty();
        assertThat(s.sources()).extracting(SourceFile::fileName).containsExactlyInAnyOrderElementsOf(STARTER.files().keySet());
        for (SourceFile f : s.sources()) {
            assertThat(f.fromStudent()).as(f.fileName()).isEqualTo(STARTER.isStudentFile(f.fileName()));
        }
    }

    @Test
    void missingStudentFileIsNotedAndReplacedByTheStarterStub() {
        Submission s = load(Fixtures.submission("missing-network", Layout.FLAT));

        assertThat(s.notes()).containsExactly("missing Network.java: graded as not implemented (the starter's version is used)");
        assertThat(source(s, "Network.java").fromStudent()).isFalse();
        assertThat(source(s, "Network.java").source()).isEqualTo(STARTER.source("Network.java"));
    }

    // ---- zips and unreadable input ---------------------------------------------------------------

    @Test
    void zipJunkFromMacOsAndBuildFoldersIsIgnored() throws IOException {
        Map<String, String> files = Fixtures.solutionFiles();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry("project/src/main/java/backprop/nn/" + e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("__MACOSX/project/src/main/java/backprop/nn/._Tanh.java"));
            zip.write(new byte[] {0, 5, 22, 7, (byte) 0xff, (byte) 0xfe});
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("project/target/generated-sources/Tanh.java"));
            zip.write("class Broken {".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Path zip = Fixtures.bytesFile("handed-in.zip", bytes.toByteArray());

        Submission s = load(zip);

        assertThat(s.id()).isEqualTo("handed-in");
        assertThat(s.notes()).isEmpty();
        assertThat(source(s, "Tanh.java").origin()).isEqualTo("project/src/main/java/backprop/nn/Tanh.java");
    }

    @Test
    void missingPathIsUnreadableAndNamed() {
        Path missing = Fixtures.freshDir().resolve("no-such-submission");

        assertThatThrownBy(() -> load(missing)).isInstanceOf(SubmissionLoader.UnreadableSubmissionException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void truncatedZipIsUnreadable() throws IOException {
        Path good = Fixtures.solutions(Layout.ZIP);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Fixtures.bytesFile("truncated.zip", Arrays.copyOf(bytes, bytes.length / 3));

        assertThatThrownBy(() -> load(truncated)).isInstanceOf(SubmissionLoader.UnreadableSubmissionException.class)
                .hasMessageContaining("truncated.zip");
    }

    @Test
    void fileNamedZipThatIsNotAZipIsUnreadableRatherThanEmpty() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path garbage = Fixtures.bytesFile("garbage.zip", noise);
        Path text = Fixtures.bytesFile("notes.zip", "these are my notes, not a zip".getBytes(StandardCharsets.UTF_8));

        for (Path p : new Path[] {garbage, text}) {
            assertThatThrownBy(() -> load(p)).as(p.toString()).isInstanceOf(SubmissionLoader.UnreadableSubmissionException.class)
                    .hasMessageContaining(p.getFileName().toString()).hasMessageContaining("not a zip");
        }
    }

    @Test
    void otherKindsOfFileAreUnreadable() {
        Path pdf = Fixtures.bytesFile("report.pdf", "%PDF-1.4".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> load(pdf)).isInstanceOf(SubmissionLoader.UnreadableSubmissionException.class)
                .hasMessageContaining("report.pdf");
    }
}
