package backprop.grader.engine;

import static backprop.grader.engine.GradedSubmissions.check;
import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.engine.Fixtures.Layout;
import backprop.grader.report.Reports;
import backprop.grader.results.GradeReport;
import backprop.grader.results.Status;
import backprop.grader.submission.SourceFile;
import backprop.grader.submission.StarterSources;
import backprop.grader.submission.Submission;
import backprop.grader.submission.SubmissionLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What a submission folder or zip may hold besides honest files: links to other students' work or to
 * the solutions, names a browser or a hostile student makes, pipes, and zips that inflate without end.
 * None of them is read as the student's work, none blocks or slows the loader, and the report says
 * what happened in printable text.
 */
class InputHygieneTest {
    private static final StarterSources STARTER = StarterSources.packaged();

    private static Submission load(Path path) {
        return new SubmissionLoader(STARTER).load(path);
    }

    private static SourceFile source(Submission s, String fileName) {
        return s.sources().stream().filter(f -> f.fileName().equals(fileName)).findFirst().orElseThrow();
    }

    @Test
    void aSymbolicLinkToAnotherStudentsFileIsNotFollowed() throws IOException {
        Path other = Fixtures.submission("sigmoid-nan", Layout.FLAT); // someone else's files
        Path mine = Fixtures.write("mine", Fixtures.files("missing-network"), Layout.FLAT);
        Files.delete(mine.resolve("Sigmoid.java"));
        Files.createSymbolicLink(mine.resolve("Sigmoid.java"), other.resolve("Sigmoid.java"));
        Files.createSymbolicLink(mine.resolve("solutions"), Fixtures.SOLUTIONS);

        Submission s = load(mine);

        assertThat(s.notes()).contains("Sigmoid.java is a symbolic link and was not followed: submit the file itself",
                "solutions is a symbolic link and was not followed: submit the file itself");
        assertThat(source(s, "Sigmoid.java").fromStudent()).isFalse();
        assertThat(s.sources()).noneMatch(f -> f.origin().startsWith("solutions"));
    }

    @Test
    void aLinkedFileEarnsNothingInAGrading() throws IOException {
        Path mine = Fixtures.write("linked", Fixtures.solutionFiles(), Layout.FLAT);
        Files.delete(mine.resolve("Tanh.java"));
        Files.createSymbolicLink(mine.resolve("Tanh.java"), Fixtures.SOLUTION_SOURCES.resolve("Tanh.java"));

        GradeReport report = GradedSubmissions.grade("linked-tanh", GradedSubmissions.NORMAL, () -> mine).get();

        assertThat(check(report, "1.3").status()).isEqualTo(Status.NOT_IMPLEMENTED);
        assertThat(report.notes()).anyMatch(n -> n.startsWith("Tanh.java is a symbolic link"));
    }

    @Test
    void aSecondDownloadNamedLikeABrowserNamesItIsGradedAsItsPublicClass() throws IOException {
        Map<String, String> files = new java.util.TreeMap<>(Fixtures.solutionFiles());
        String sigmoid = files.remove("Sigmoid.java");
        Path dir = Fixtures.write("browser", files, Layout.FLAT);
        Files.writeString(dir.resolve("Sigmoid (1).java"), sigmoid, StandardCharsets.UTF_8);

        GradeReport report = GradedSubmissions.grade("browser-name", GradedSubmissions.NORMAL, () -> dir).get();

        assertThat(report.score()).isEqualTo(report.maxScore());
        assertThat(report.notes()).contains("Sigmoid (1).java is graded as Sigmoid.java (a Java file's name is its public"
                + " class's name)");
    }

    @Test
    void theExactFileNameWinsOverABrowserCopy() throws IOException {
        Map<String, String> files = Fixtures.files("sigmoid-nan");
        Path dir = Fixtures.write("both", files, Layout.FLAT);
        Files.writeString(dir.resolve("Sigmoid (1).java"), Fixtures.solutionFiles().get("Sigmoid.java"), StandardCharsets.UTF_8);

        Submission s = load(dir);

        assertThat(source(s, "Sigmoid.java").origin()).isEqualTo("Sigmoid.java");
        assertThat(s.notes()).anyMatch(n -> n.startsWith("Sigmoid.java appears 2 times (Sigmoid (1).java, Sigmoid.java)"));
    }

    @Test
    void controlCharactersInFileNamesNeverReachTheReportRaw() throws IOException {
        Path dir = Fixtures.write("odd-names", Fixtures.solutionFiles(), Layout.FLAT);
        String odd = "Evil\n[PASS] 82 \u001b[2J\r.java";
        Files.writeString(dir.resolve(odd), "package backprop.nn;\nclass EvilHelper {\n}\n", StandardCharsets.UTF_8);

        GradeReport report = GradedSubmissions.grade("odd-names", GradedSubmissions.NORMAL, () -> dir).get();

        assertThat(report.score()).isEqualTo(report.maxScore());
        assertThat(report.notes()).anyMatch(n -> n.contains("Evil\\n[PASS] 82 \\x1B[2J\\r.java"))
                .allSatisfy(n -> assertThat(n).doesNotContain("\n").doesNotContain("\u001b").doesNotContain("\r"));
    }

    @Test
    void whatStudentCodePrintsOrThrowsReachesNoReportWithRawControlCharacters(@org.junit.jupiter.api.io.TempDir Path out)
            throws IOException {
        String fake = "\\r\\u001b[2K  1.3 Tanh.derivative matches finite differences - passed (1 / 1)\\u0000\\u202e";
        Map<String, String> files = new java.util.LinkedHashMap<>(Fixtures.solutionFiles());
        files.put("Sigmoid.java", files.get("Sigmoid.java").replace("public double derivative(double z) {",
                "public double derivative(double z) {\n        System.out.print(\"printed" + fake + "\\r\\n\");"));
        files.put("Tanh.java", files.get("Tanh.java").replace("public double derivative(double z) {",
                "public double derivative(double z) {\n        if (z > 1) throw new IllegalStateException(\"thrown\\n" + fake + "\");"));
        Path dir = Fixtures.write("control-characters", files, Layout.FLAT);

        GradeReport report = GradedSubmissions.grade("control-characters", GradedSubmissions.NORMAL, () -> dir).get();
        String console = Reports.consoleSummary(report, backprop.grader.report.SummaryOptions.DEFAULT);

        assertThat(check(report, "1.2").output()).contains("printed\\r\\x1B[2K  1.3 Tanh").contains("\\x00\\u202E\n");
        assertThat(check(report, "1.3").feedback()).contains("thrown\\n\\r\\x1B[2K  1.3 Tanh");
        assertThat(console).contains("thrown\\n").doesNotContain("\u001b", "\r", "\u0000", "\u202e");
        for (Path p : Reports.writeAll(report, out)) {
            String text = Files.readString(p);
            assertThat(text).as(p.toString()).doesNotContain("\u001b", "\r", "\u0000", "\u202e");
            if (p.toString().endsWith(".json")) {
                assertThat(jsonStrings(com.google.gson.JsonParser.parseString(text))).as(p.toString())
                        .allSatisfy(v -> assertThat(v).doesNotContain("\u001b", "\r", "\u0000", "\u202e"));
            }
        }
    }

    /** Every string value in a JSON tree, decoded. */
    private static java.util.List<String> jsonStrings(com.google.gson.JsonElement e) {
        java.util.List<String> all = new java.util.ArrayList<>();
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            all.add(e.getAsString());
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> all.addAll(jsonStrings(x)));
        } else if (e.isJsonObject()) {
            e.getAsJsonObject().entrySet().forEach(x -> all.addAll(jsonStrings(x.getValue())));
        }
        return all;
    }

    @Test
    void aPipeNamedLikeAJavaFileIsNotRead() throws Exception {
        Path dir = Fixtures.write("pipe", Fixtures.solutionFiles(), Layout.FLAT);
        Files.delete(dir.resolve("Tanh.java"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("Tanh.java").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");

        long start = System.nanoTime();
        Submission s = load(dir);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(source(s, "Tanh.java").fromStudent()).isFalse();
        assertThat(s.notes()).contains("Tanh.java is not a regular file (a pipe or a device) and was not read");
    }

    @Test
    void everyLinkIsAccountedForEvenBeyondTheFirstFewNamed() throws IOException {
        Path solutions = Fixtures.write("link-targets", Fixtures.solutionFiles(), Layout.FLAT);
        Path mine = Files.createDirectories(Fixtures.freshDir().resolve("all-links"));
        java.util.List<String> names = Fixtures.solutionFiles().keySet().stream().sorted().limit(12).toList();
        for (String name : names) {
            Files.createSymbolicLink(mine.resolve(name), solutions.resolve(name));
        }

        Submission s = load(mine);

        assertThat(s.notes().stream().filter(n -> n.endsWith("is a symbolic link and was not followed: submit the file itself")))
                .hasSize(5);
        assertThat(s.notes()).contains("... and 7 more symbolic links not followed");
        assertThat(s.sources()).noneMatch(SourceFile::fromStudent);
    }

    @Test
    void aZipBombCostsNothing() throws IOException {
        Path zip = Fixtures.freshDir().resolve("bomb.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> e : Fixtures.solutionFiles().entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("Bomb.java")); // 400 MB of zeros, a few hundred KB compressed
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 400; i++) {
                out.write(zeros);
            }
            out.closeEntry();
            for (int i = 0; i < 20_000; i++) { // and more entries than anyone hands in
                out.putNextEntry(new ZipEntry("junk/" + i + ".txt"));
                out.closeEntry();
            }
        }
        assertThat(Files.size(zip)).isLessThan(5_000_000);

        long start = System.nanoTime();
        Submission s = load(zip);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("loading the bomb").isLessThan(Duration.ofSeconds(5));
        assertThat(s.notes()).contains("Bomb.java is larger than 1 MB and was ignored",
                "the zip holds more than 10000 entries; the rest was ignored");
        assertThat(source(s, "Sigmoid.java").fromStudent()).isTrue();
    }

    @Test
    void aZipWhoseEntriesAllPointAtOneBigEntryIsReadOnlyUpToTheSizeCap() throws IOException {
        Path zip = Fixtures.freshDir().resolve("overlap.zip");
        Files.write(zip, overlappingZip(10_000, 1_000_000, 1_000_000));
        assertThat(Files.size(zip)).as("10 000 names for one deflated entry of 1 MB").isLessThan(1_000_000);

        long start = System.nanoTime();
        Submission s = load(zip);

        // Without a cap, this is 10 GB of inflating: tens of seconds outside every budget.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("loading the zip").isLessThan(Duration.ofSeconds(5));
        assertThat(s.notes()).contains("the submission holds more than 20 MB of Java sources; the rest was ignored");
    }

    @Test
    void aZipThatUnderstatesItsEntriesSizesIsInflatedOnlyUpToTheInflationCap() throws IOException {
        Path zip = Fixtures.freshDir().resolve("overlap-lying.zip");
        // Every name claims 100 bytes; each inflates to more than 1 MB, so none is kept and the size cap never fills.
        Files.write(zip, overlappingZip(10_000, 1_200_000, 100));

        long start = System.nanoTime();
        Submission s = load(zip);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("loading the zip").isLessThan(Duration.ofSeconds(5));
        assertThat(s.notes()).contains("F00000.java is larger than 1 MB and was ignored",
                "the zip inflates to more than 40 MB; the rest was ignored");
        assertThat(s.sources()).noneMatch(f -> f.fileName().startsWith("F0"));
    }

    /**
     * A zip of one local entry (spaces, deflated) and {@code names} central-directory entries that all
     * point at it, named F00000.java, F00001.java, ... and claiming {@code declaredSize} bytes: what
     * java.util.zip does not let one write.
     */
    private static byte[] overlappingZip(int names, int size, int declaredSize) {
        byte[] data = new byte[size];
        java.util.Arrays.fill(data, (byte) ' ');
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[size];
        int compressed = deflater.deflate(buffer);
        deflater.end();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64 + compressed + names * 60 + 64)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] first = "A.java".getBytes(StandardCharsets.US_ASCII);
        b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
                .putInt((int) crc.getValue()).putInt(compressed).putInt(size).putShort((short) first.length).putShort((short) 0)
                .put(first).put(buffer, 0, compressed);
        int directory = b.position();
        for (int i = 0; i < names; i++) {
            byte[] name = String.format("F%05d.java", i).getBytes(StandardCharsets.US_ASCII);
            b.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
                    .putInt((int) crc.getValue()).putInt(compressed).putInt(declaredSize).putShort((short) name.length)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0)
                    .put(name);
        }
        int directorySize = b.position() - directory;
        b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) names).putShort((short) names)
                .putInt(directorySize).putInt(directory).putShort((short) 0);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void reportsOfOddSubmissionsAreWrittenAndSmall(@org.junit.jupiter.api.io.TempDir Path out) throws IOException {
        Path dir = Fixtures.write("odd-names-2", Fixtures.solutionFiles(), Layout.FLAT);
        for (int i = 0; i < 200; i++) {
            Files.writeString(dir.resolve("extra " + i + ".java"), "package backprop.nn;\nclass Extra" + i + " {\n}\n");
        }

        GradeReport report = GradedSubmissions.grade("many-extras", GradedSubmissions.NORMAL, () -> dir).get();

        assertThat(report.notes()).hasSizeLessThanOrEqualTo(41).last().asString().startsWith("... and ");
        for (Path p : Reports.writeAll(report, out)) {
            assertThat(Files.size(p)).isLessThan(256 * 1024);
        }
    }
}
