package backprop.grader.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The public tests (assignments/src/test/java) are the students' first feedback, so on the
 * untouched starter every one of them must fail, and fail with the {@code NotImplementedYet} of a
 * stub rather than with an assertion the given code could pass or a confusing exception. On the
 * solutions they must all pass, which also shows that this harness runs them properly. Finally,
 * with the solutions and a single stub put back, some public test must fail on that stub: no stub
 * goes untested.
 *
 * <p>The harness compiles the sources with the system Java compiler into a temporary directory and
 * runs the public test classes through the JUnit Platform Launcher in a class loader that takes
 * {@code backprop.nn} from that directory only (the grader module has the starter's classes on its
 * own classpath, as a provided dependency, and those must not leak in).
 */
class StarterFailsPublicTestsTest {
    static final Path REPO = StarterInSyncTest.REPO;
    static final Path STARTER_SOURCES = REPO.resolve("assignments/src/main/java");
    static final Path SOLUTION_SOURCES = REPO.resolve("solutions/src/main/java");
    static final Path PUBLIC_TESTS = REPO.resolve("assignments/src/test/java");
    static final String STUDENT_PACKAGE = "backprop.nn";

    /** How many tests (methods and parameterized invocations) the public suite had when this was written. */
    static final int MIN_PUBLIC_TESTS = 130;

    private static final Pattern NOT_IMPLEMENTED = Pattern.compile("(\\w+\\.\\w+) is not implemented yet\\b.*", Pattern.DOTALL);
    private static final Pattern STUB = Pattern.compile("throw new NotImplementedYet\\(\"(\\w+\\.\\w+)\"\\);");
    /** Surefire's default includes. */
    private static final Pattern TEST_CLASS = Pattern.compile("Test\\w*|\\w*Test|\\w*Tests|\\w*TestCase");

    private static String classpath;

    @BeforeAll
    static void classpathWithoutTheStudentPackage() {
        classpath = compileClasspath();
    }

    @Test
    void everyPublicTestFailsOnTheStarterWithNotImplementedYet(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("classes");
        compile(out, STARTER_SOURCES, PUBLIC_TESTS);
        Set<String> stubs = stubsIn(STARTER_SOURCES);
        assertThat(stubs).as("NotImplementedYet stubs in %s", STARTER_SOURCES).isNotEmpty();

        RunResult run = runPublicTests(List.of(out));

        assertThat(run.testsFound()).as("public tests (methods and invocations) found in %s", PUBLIC_TESTS)
                .isGreaterThanOrEqualTo(MIN_PUBLIC_TESTS);
        assertThat(run.containerFailures()).as("test classes that failed as a whole on the starter "
                + "(the public tests must fail one by one, not in a static initialiser or @BeforeAll)").isEmpty();
        assertThat(run.passed()).as("public tests that PASS on the untouched starter: each test must call a stub "
                + "before any assertion the given code could pass").isEmpty();
        assertThat(run.notRun()).as("public tests that were skipped or aborted on the starter").isEmpty();
        assertThat(run.failed()).as("public tests that fail on the starter").hasSize((int) run.testsFound());

        Map<String, String> wrongFailures = new LinkedHashMap<>();
        Map<String, Integer> firstStubHit = new TreeMap<>();
        run.failed().forEach((test, failure) -> {
            Throwable cause = notImplementedYetIn(failure);
            if (cause == null) {
                wrongFailures.put(test, describe(failure));
                return;
            }
            assertThat(cause.getClass().getClassLoader())
                    .as("the class loader of the NotImplementedYet thrown in %s (it must come from the compiled starter)", test)
                    .isInstanceOf(StudentPackageFirstLoader.class);
            Matcher m = NOT_IMPLEMENTED.matcher(String.valueOf(cause.getMessage()));
            if (!m.matches()) {
                wrongFailures.put(test, "NotImplementedYet with message " + cause.getMessage());
            } else if (!stubs.contains(m.group(1))) {
                wrongFailures.put(test, "NotImplementedYet for " + m.group(1) + ", which is not a stub of the starter " + stubs);
            } else {
                firstStubHit.merge(m.group(1), 1, Integer::sum);
            }
        });
        assertThat(wrongFailures)
                .as("public tests failing on the starter with something other than a stub's NotImplementedYet "
                        + "(\"<Class>.<method> is not implemented yet\")")
                .isEmpty();
        assertThat(firstStubHit).as("stubs the public tests run into on the starter").isNotEmpty();
    }

    @Test
    void everyPublicTestPassesOnTheSolutions(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("classes");
        compile(out, SOLUTION_SOURCES, PUBLIC_TESTS);

        RunResult run = runPublicTests(List.of(out));

        assertThat(run.testsFound()).as("public tests (methods and invocations) found in %s", PUBLIC_TESTS)
                .isGreaterThanOrEqualTo(MIN_PUBLIC_TESTS);
        assertThat(run.containerFailures()).as("test classes that failed as a whole on the solutions").isEmpty();
        Map<String, String> failures = new LinkedHashMap<>();
        run.failed().forEach((test, failure) -> failures.put(test, describe(failure)));
        assertThat(failures).as("public tests that fail on the solutions").isEmpty();
        assertThat(run.notRun()).as("public tests that were skipped or aborted on the solutions").isEmpty();
        assertThat(run.passed()).as("public tests that pass on the solutions").hasSize((int) run.testsFound());
    }

    @Test
    void everyStubOnItsOwnMakesSomePublicTestFailWithItsName(@TempDir Path tmp) throws IOException {
        // the solutions and the public tests, compiled once
        Path base = tmp.resolve("solutions");
        compile(base, SOLUTION_SOURCES, PUBLIC_TESTS);

        Map<String, String> problems = new LinkedHashMap<>();
        int variants = 0;
        for (Path file : StarterInSyncTest.javaFiles(SOLUTION_SOURCES)) {
            String source = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
            int blocks = markerCount(source);
            for (int k = 0; k < blocks; k++) {
                // this one solution file with only its k-th body stubbed, compiled over the solutions
                String oneStub = StarterGenerator.toStarter(keepOnlyMarkers(source, k), file.getFileName().toString());
                Set<String> stubbed = stubsInText(oneStub);
                assertThat(stubbed).as("stubs of %s with only block %d stubbed", file.getFileName(), k).hasSize(1);
                String stub = stubbed.iterator().next();
                Path variant = tmp.resolve("variant-" + variants++);
                Path src = variant.resolve("src").resolve(SOLUTION_SOURCES.relativize(file).toString());
                Files.createDirectories(src.getParent());
                Files.writeString(src, oneStub, StandardCharsets.UTF_8);
                Path classes = variant.resolve("classes");
                compileFiles(classes, List.of(src), base.toString());

                RunResult run = runPublicTests(List.of(classes, base));

                List<String> hits = new ArrayList<>();
                run.failed().forEach((test, failure) -> {
                    Throwable cause = notImplementedYetIn(failure);
                    if (cause != null && String.valueOf(cause.getMessage()).startsWith(stub + " is not implemented yet")) {
                        hits.add(test);
                    } else {
                        problems.put(stub + " stubbed: " + test, describe(failure));
                    }
                });
                if (hits.isEmpty()) {
                    problems.put(stub + " stubbed", "no public test fails: the public tests never call " + stub);
                }
                if (!run.containerFailures().isEmpty()) {
                    problems.put(stub + " stubbed", "test classes failed as a whole: " + run.containerFailures());
                }
            }
        }
        assertThat(variants).as("marked solution bodies in %s", SOLUTION_SOURCES).isEqualTo(stubsIn(STARTER_SOURCES).size());
        assertThat(problems)
                .as("with the solutions and one stub put back, some public test must fail with that stub's "
                        + "NotImplementedYet, and nothing may fail otherwise")
                .isEmpty();
    }

    // ---- running the public tests ----------------------------------------------------------------

    /** What one run of the public tests did, by test (display path). */
    record RunResult(long testsFound, List<String> passed, Map<String, Throwable> failed, List<String> notRun,
            Map<String, String> containerFailures) {
    }

    /** Runs every public test class, loaded from {@code classRoots} (first wins) for backprop.nn. */
    private static RunResult runPublicTests(List<Path> classRoots) throws IOException {
        URL[] urls = classRoots.stream().map(StarterFailsPublicTestsTest::url).toArray(URL[]::new);
        ClassLoader parent = StarterFailsPublicTestsTest.class.getClassLoader();
        try (StudentPackageFirstLoader loader = new StudentPackageFirstLoader(urls, parent)) {
            List<ClassSelector> selectors = new ArrayList<>();
            for (String name : publicTestClassNames()) {
                try {
                    selectors.add(selectClass(loader.loadClass(name)));
                } catch (ClassNotFoundException e) {
                    throw new AssertionError("compiled public test class " + name + " cannot be loaded", e);
                }
            }
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
            Collector collector = new Collector();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Launcher launcher = LauncherFactory.create();
                TestPlan plan = launcher.discover(request);
                launcher.execute(plan, collector);
                // parameterized invocations are registered during execution, so count what ran, not the plan
                long found = collector.passed.size() + collector.failed.size() + collector.notRun.size();
                return new RunResult(found, collector.passed, collector.failed, collector.notRun,
                        collector.containerFailures);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    /** Collects the outcome of every test, keyed by a readable path such as "DenseLayerTest > backward…(tanh)". */
    private static final class Collector implements TestExecutionListener {
        final List<String> passed = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Throwable> failed = Collections.synchronizedMap(new LinkedHashMap<>());
        final List<String> notRun = Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> containerFailures = Collections.synchronizedMap(new LinkedHashMap<>());
        private TestPlan plan;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            String name = path(id);
            if (id.isTest()) {
                switch (result.getStatus()) {
                    case SUCCESSFUL -> passed.add(name);
                    case FAILED -> failed.put(name, result.getThrowable().orElse(new AssertionError("failed without a throwable")));
                    case ABORTED -> notRun.add(name + " (aborted)");
                    default -> throw new IllegalStateException(result.toString());
                }
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                containerFailures.put(name, result.getThrowable().map(StarterFailsPublicTestsTest::describe).orElse("no throwable"));
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            notRun.add(path(id) + " (skipped: " + reason + ")");
        }

        private String path(TestIdentifier id) {
            List<String> names = new ArrayList<>();
            for (TestIdentifier i = id; i != null; i = plan.getParent(i).orElse(null)) {
                if (i.getParentId().isPresent()) { // leave out the engine
                    names.add(0, i.getDisplayName());
                }
            }
            return String.join(" > ", names);
        }
    }

    /**
     * Loads the student package only from its own URLs (never from the parent, which has the
     * grader's provided copy of the starter); everything else (JUnit, AssertJ) from the parent, so
     * that the launcher and the test classes agree on the annotation types.
     */
    static final class StudentPackageFirstLoader extends URLClassLoader {
        static {
            ClassLoader.registerAsParallelCapable();
        }

        StudentPackageFirstLoader(URL[] urls, ClassLoader parent) {
            super("public-tests", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(STUDENT_PACKAGE + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name); // no fallback to the parent
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            if (name.startsWith(STUDENT_PACKAGE.replace('.', '/') + "/")) {
                return findResource(name);
            }
            return super.getResource(name);
        }
    }

    /** The binary names of the public test classes: top-level classes named like surefire's default includes. */
    private static List<String> publicTestClassNames() {
        List<String> names = new ArrayList<>();
        for (Path file : StarterInSyncTest.javaFiles(PUBLIC_TESTS)) {
            String simple = file.getFileName().toString().replaceFirst("\\.java$", "");
            if (TEST_CLASS.matcher(simple).matches()) {
                names.add(PUBLIC_TESTS.relativize(file).toString().replace(File.separatorChar, '/')
                        .replaceFirst("\\.java$", "").replace('/', '.'));
            }
        }
        assertThat(names).as("public test classes in %s", PUBLIC_TESTS).isNotEmpty();
        return names;
    }

    // ---- compiling -------------------------------------------------------------------------------

    /**
     * Compiles every .java file under {@code sourceRoots} into {@code out} (a directory inside a
     * temporary directory: an empty sibling serves as source path), failing with the diagnostics.
     */
    private static void compile(Path out, Path... sourceRoots) {
        List<Path> files = new ArrayList<>();
        for (Path root : sourceRoots) {
            assertThat(root).as("source directory").isDirectory();
            files.addAll(StarterInSyncTest.javaFiles(root));
        }
        compileFiles(out, files, classpath);
    }

    private static void compileFiles(Path out, List<Path> files, String extraClasspath) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("the system Java compiler (run the tests on a JDK, not a JRE)").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Files.createDirectories(out);
            String cp = extraClasspath.equals(classpath) ? classpath : extraClasspath + File.pathSeparator + classpath;
            // an empty source path: javac must not pick up sources from classpath entries (the grader jar carries the starter's)
            Path noSources = Files.createDirectories(out.resolveSibling(out.getFileName() + "-no-sources"));
            List<String> options = List.of("-d", out.toString(), "-classpath", cp, "-sourcepath", noSources.toString(),
                    "--release", "17", "-encoding", "UTF-8", "-proc:none", "-nowarn", "-Xlint:none");
            Boolean ok = compiler.getTask(output, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getSource() == null ? d.getMessage(Locale.ROOT)
                            : d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            assertThat(ok).as("compiling %d files into %s:%n%s%s", files.size(), out, errors, output).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * This JVM's classpath (JUnit, AssertJ, ...) without the entries that hold backprop.nn classes:
     * the grader depends on the assignments module, and those stubs must not be compiled against.
     */
    private static String compileClasspath() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank() && !holdsStudentClasses(Path.of(entry))) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    private static boolean holdsStudentClasses(Path entry) {
        String dir = STUDENT_PACKAGE.replace('.', '/') + "/";
        if (Files.isDirectory(entry)) {
            Path pkg = entry.resolve(dir);
            if (!Files.isDirectory(pkg)) {
                return false;
            }
            try (var list = Files.list(pkg)) {
                return list.anyMatch(p -> p.toString().endsWith(".class"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
            try (JarFile jar = new JarFile(entry.toFile())) {
                return jar.stream().anyMatch(e -> e.getName().startsWith(dir) && e.getName().endsWith(".class"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    // ---- stubs and failures ----------------------------------------------------------------------

    /** "Class.method" of every {@code throw new NotImplementedYet("Class.method")} under {@code root}. */
    private static Set<String> stubsIn(Path root) throws IOException {
        Set<String> stubs = new TreeSet<>();
        for (Path file : StarterInSyncTest.javaFiles(root)) {
            stubs.addAll(stubsInText(Files.readString(file, StandardCharsets.UTF_8)));
        }
        return stubs;
    }

    private static Set<String> stubsInText(String text) {
        return STUB.matcher(text).results().map(r -> r.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static int markerCount(String source) {
        return (int) source.lines().filter(l -> l.trim().equals(StarterGenerator.BEGIN)).count();
    }

    /** {@code source} without the marker lines of every solution body but the {@code keep}-th (0-based). */
    private static String keepOnlyMarkers(String source, int keep) {
        String[] lines = source.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int block = -1;
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].trim();
            if (trimmed.equals(StarterGenerator.BEGIN)) {
                block++;
            }
            boolean marker = trimmed.equals(StarterGenerator.BEGIN) || trimmed.equals(StarterGenerator.END);
            if (!marker || block == keep) {
                out.append(lines[i]);
                if (i < lines.length - 1) {
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The first NotImplementedYet (by class name: it comes from another class loader) in the cause chain. */
    private static Throwable notImplementedYetIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(STUDENT_PACKAGE + ".NotImplementedYet")) {
                return t;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith(STUDENT_PACKAGE + ".")) {
                sb.append(" at ").append(e);
                break;
            }
        }
        return sb.toString();
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
