package backprop.grader.export;

import backprop.grader.engine.Grader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the student template repository, what GitHub Classroom copies for every student:
 *
 * <pre>
 *   pom.xml                          standalone (no parent): JDK 17, JUnit 5, AssertJ; `mvn test` runs the public tests
 *   README.md                        what to implement, the conventions, running the tests, how grading works
 *   .gitignore
 *   .github/workflows/classroom.yml  "Autograding Tests": download the grader, grade, report to Classroom
 *   src/main/java/backprop/nn/…      the stubs (the grader's packaged starter)
 *   src/test/java/backprop/nn/…      the public tests
 *   .grader/grader.jar               only with {@link Options#embedGraderJar()}
 * </pre>
 *
 * <p>The grader jar holds the graded suites (hidden checks included) and the reference
 * implementation, so by default it is not part of the template: the workflow downloads it from
 * {@link Options#graderUrl()} and checks its SHA-256. The template never contains solution code.
 */
public final class StarterExport {
    /** Where the workflow puts (or finds) the grader, relative to the repository root. */
    public static final String GRADER_PATH = ".grader/grader.jar";
    /** The workflow file, relative to the repository root. */
    /** The script that grades the template on a student's machine as the workflow does. */
    public static final String LOCAL_SCRIPT = "grade-locally.sh";
    public static final String WORKFLOW_PATH = ".github/workflows/classroom.yml";

    /** URLs the workflow may download from: http(s), and no character YAML or the shell would interpret. */
    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9._~:/?#\\[\\]@!&()*+,;=%-]+");
    private static final String GENERATED_HEADER = "// Generated from solutions/ by StarterGenerator";
    /** The order of the README's table: the order of the parts. Files not listed come after, by name. */
    private static final List<String> PART_ORDER = List.of("Sigmoid.java", "Tanh.java", "ReLU.java", "LeakyReLU.java",
            "Identity.java", "MeanSquaredError.java", "BinaryCrossEntropy.java", "SoftmaxCrossEntropy.java", "DenseLayer.java",
            "Network.java", "Trainer.java");

    /**
     * @param graderUrl      where the workflow downloads the grader jar from; empty to leave it for the instructor to fill in
     * @param graderJar      the grader jar students' pushes will be graded with (its SHA-256 goes into the workflow), or null
     * @param embedGraderJar copy {@code graderJar} into the template as {@value #GRADER_PATH} instead of downloading it
     *                       (students can then read the hidden checks and the reference implementation)
     * @param force          write into a non-empty directory, replacing files of the same names
     */
    public record Options(String graderUrl, Path graderJar, boolean embedGraderJar, boolean force, Ci ci) {
        public Options {
            graderUrl = graderUrl == null ? "" : graderUrl.trim();
            ci = ci == null ? Ci.ACTIONS : ci;
        }

        /** Options with the default CI: plain GitHub Actions. */
        public Options(String graderUrl, Path graderJar, boolean embedGraderJar, boolean force) {
            this(graderUrl, graderJar, embedGraderJar, force, Ci.ACTIONS);
        }

        public static Options download(String graderUrl, Path graderJar) {
            return new Options(graderUrl, graderJar, false, false);
        }

        public Options withForce(boolean f) {
            return new Options(graderUrl, graderJar, embedGraderJar, f, ci);
        }

        public Options withCi(Ci c) {
            return new Options(graderUrl, graderJar, embedGraderJar, force, c);
        }
    }

    /** Which CI grades the pushes of a student repository. */
    public enum Ci {
        /**
         * Plain GitHub Actions (any organisation): the job summary, a check run with an annotation per failed
         * check (JUnit XML), and a sticky comment with the score on pull requests.
         */
        ACTIONS(".github/workflows/grade.yml", "starter/grade.yml"),
        /** GitHub Classroom's autograding reporter (legacy: Classroom was retired on 2026-08-28). */
        CLASSROOM(".github/workflows/classroom.yml", "starter/classroom.yml");

        private final String path;
        private final String template;

        Ci(String path, String template) {
            this.path = path;
            this.template = template;
        }

        /** Where the workflow goes in the template. */
        public String workflowPath() {
            return path;
        }

        /** "actions" or "classroom", as the command line spells it. */
        public String cliName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What was written.
     *
     * @param files        every file written, relative to the template's root, sorted
     * @param graderSha256 the SHA-256 written into the workflow, empty if none
     * @param warnings     things the instructor must still do or know
     */
    public record Result(Path dir, List<String> files, String graderSha256, List<String> warnings) {
    }

    private static final String ACTIONS_GRADING = """
            Every push to this repository, and every pull request, runs the workflow **Grade**
            (`.github/workflows/grade.yml`, in the "Actions" tab). It downloads the course's grader and grades
            the code in `src/main/java`. Open the workflow run: its **Summary** page shows your total, the
            points of each part and every failed check with what went wrong; the commit's **Grading** check
            lists the failed checks, and on a pull request a comment shows the same table, updated on each
            push. The full report is attached to the run as the artifact **grading-report**: download it at
            the bottom of the Summary page, unzip it and open `report.html` in a browser (it shows, for the
            worked examples, the network with your values next to the expected ones). Your grade is your
            instructor's regrade of your final commit with the same grader.""";
    private static final String CLASSROOM_GRADING = """
            Every push to this repository runs the workflow **Autograding Tests**
            (`.github/workflows/classroom.yml`, in the "Actions" tab). It downloads the course's grader, grades
            the code in `src/main/java`, and reports your points to GitHub Classroom. Open the workflow run: its
            **Summary** page shows your total, the points of each part and every failed check with what went
            wrong. The full report is attached to the run as the artifact **grading-report**: download it at the
            bottom of the Summary page, unzip it and open `report.html` in a browser (it shows, for the worked
            examples, the network with your values next to the expected ones).""";

    private StarterExport() {
    }

    /** Writes the template into {@code dir} (created if needed). */
    public static Result export(StarterBundle bundle, Path dir, Options options) throws IOException {
        List<String> warnings = new ArrayList<>();
        checkOptions(options);
        checkTarget(dir, options.force());
        if (bundle.testSources().isEmpty()) {
            throw new IllegalStateException("no public tests in " + bundle.origin());
        }

        String sha = "";
        if (options.graderJar() != null) {
            GraderJar.validate(options.graderJar());
            sha = GraderJar.sha256(options.graderJar());
        } else {
            warnings.add("GRADER_SHA256 is empty (no grader jar given): the workflow will run whatever it downloads from"
                    + " GRADER_URL without checking it. Pass --grader-jar to pin the jar.");
        }
        if (!options.embedGraderJar()) {
            if (options.graderUrl().isEmpty()) {
                warnings.add("GRADER_URL is empty: every push will fail with \"No grader to run\" until you set it in "
                        + options.ci().workflowPath() + " (env: GRADER_URL) to a URL of the grader jar the workflow can download.");
            }
        } else {
            warnings.add(GRADER_PATH + " is in the template: every student can read the graded suites, the hidden checks and"
                    + " the reference implementation in it.");
        }

        Files.createDirectories(dir);
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, String> e : bundle.mainSources().entrySet()) {
            write(dir, "src/main/java/" + e.getKey(), withoutGeneratedHeader(e.getValue()), written);
        }
        for (Map.Entry<String, String> e : bundle.testSources().entrySet()) {
            write(dir, "src/test/java/" + e.getKey(), e.getValue(), written);
        }
        String version = Grader.version();
        write(dir, "pom.xml", Templates.render("starter/pom.xml", Map.of()), written);
        write(dir, "README.md", Templates.render("starter/README.md", Map.of(
                "TODO_TABLE", todoTable(bundle),
                "GIVEN_FILES", bundle.givenFiles().stream().map(f -> "`" + f + "`").collect(Collectors.joining(", ")),
                "WORKFLOW_PATH", options.ci().workflowPath(),
                "HOW_GRADED", options.ci() == Ci.ACTIONS ? ACTIONS_GRADING : CLASSROOM_GRADING,
                "LATEST", options.ci() == Ci.ACTIONS ? "the commit's checks show" : "GitHub Classroom shows")), written);
        write(dir, ".gitignore", Templates.render("starter/gitignore", Map.of(
                "GRADER_IGNORE", options.embedGraderJar() ? "" : ".grader/\n")), written);
        write(dir, options.ci().workflowPath(), Templates.render(options.ci().template, Map.of(
                "GRADER_VERSION", version,
                "GRADER_URL", options.embedGraderJar() ? "" : options.graderUrl(),
                "GRADER_SHA256", sha)), written);
        write(dir, LOCAL_SCRIPT, Templates.render("starter/grade-locally.sh", Map.of()), written);
        try {
            Files.setPosixFilePermissions(dir.resolve(LOCAL_SCRIPT), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: students run it with bash grade-locally.sh
        }
        if (options.embedGraderJar()) {
            Path target = dir.resolve(GRADER_PATH);
            Files.createDirectories(target.getParent());
            Files.copy(options.graderJar(), target, StandardCopyOption.REPLACE_EXISTING);
            written.add(GRADER_PATH);
        }
        written.sort(Comparator.naturalOrder());
        return new Result(dir, List.copyOf(written), sha, List.copyOf(warnings));
    }

    private static void checkOptions(Options options) {
        if (options.embedGraderJar()) {
            if (options.graderJar() == null) {
                throw new IllegalArgumentException("--embed-grader-jar needs the jar to embed (--grader-jar, or run from grader.jar)");
            }
            if (!options.graderUrl().isEmpty()) {
                throw new IllegalArgumentException("--grader-url and --embed-grader-jar exclude each other: the workflow either"
                        + " downloads the grader or uses the embedded one");
            }
        }
        if (!options.graderUrl().isEmpty() && !URL.matcher(options.graderUrl()).matches()) {
            throw new IllegalArgumentException("--grader-url must be an http(s) URL without spaces, quotes or '$': "
                    + options.graderUrl());
        }
    }

    private static void checkTarget(Path dir, boolean force) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " exists and is not a directory");
        }
        if (Files.isDirectory(dir.resolve("solutions/src/main/java")) || Files.isDirectory(dir.resolve("grader/src/main/java"))) {
            throw new IllegalArgumentException(dir.toAbsolutePath().normalize() + " looks like the course repository itself;"
                    + " export the starter into a new directory");
        }
        if (!force && Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                if (list.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty: choose a new directory, or pass --force to"
                            + " overwrite the template's files in it");
                }
            }
        }
    }

    private static void write(Path dir, String relative, String text, List<String> written) {
        Path target = dir.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        written.add(relative);
    }

    /** The stub without the first line that tells instructors it is generated (students never edit the solutions). */
    static String withoutGeneratedHeader(String source) {
        if (source.startsWith(GENERATED_HEADER)) {
            int nl = source.indexOf('\n');
            return nl < 0 ? "" : source.substring(nl + 1);
        }
        return source;
    }

    private static String todoTable(StarterBundle bundle) {
        Map<String, List<String>> stubs = bundle.stubs();
        return stubs.keySet().stream()
                .sorted(Comparator.comparing((String f) -> PART_ORDER.contains(f) ? PART_ORDER.indexOf(f) : PART_ORDER.size())
                        .thenComparing(Comparator.naturalOrder()))
                .map(f -> "| `" + f + "` | " + stubs.get(f).stream().map(m -> "`" + m + "`").collect(Collectors.joining(", "))
                        + " |")
                .collect(Collectors.joining("\n"));
    }
}
