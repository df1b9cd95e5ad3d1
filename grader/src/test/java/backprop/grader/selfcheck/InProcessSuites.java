package backprop.grader.selfcheck;

import backprop.grader.catalogue.Catalogue;
import backprop.grader.catalogue.Graded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Runs the graded checks in this JVM against a submission compiled here, for the property tests: a
 * class loader takes {@code backprop.nn} from the submission and the suites and checks from the
 * grader's classes, child-first (this module's classpath has the starter's {@code backprop.nn},
 * which must not leak in). Much faster than a child JVM per run, so the checks can be repeated
 * under many seed offsets ({@code backprop.grader.checks.Seeds}, set by reflection).
 */
final class InProcessSuites implements AutoCloseable {
    private static final List<String> CHILD_FIRST = List.of("backprop.nn.", "backprop.grader.suites.", "backprop.grader.checks.");

    private final Loader loader;
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final Field offset;

    /** One graded check: its number and how to run it. */
    record Check(String number, Class<?> suite, Method method) {
    }

    private InProcessSuites(Path classes) throws ReflectiveOperationException {
        this.loader = new Loader(new URL[] {url(classes), url(graderClasses())}, InProcessSuites.class.getClassLoader());
        for (String suite : Catalogue.SUITES) {
            Class<?> type = loader.loadClass(suite);
            for (Method m : type.getDeclaredMethods()) {
                Graded graded = m.getAnnotation(Graded.class);
                if (graded != null) {
                    m.setAccessible(true);
                    checks.put(graded.number(), new Check(graded.number(), type, m));
                }
            }
        }
        offset = loader.loadClass("backprop.grader.checks.Seeds").getDeclaredField("offset");
        offset.setAccessible(true);
    }

    /** Compiles {@code files} (file name → source of package backprop.nn) into {@code dir} and loads the suites over them. */
    static InProcessSuites compile(Map<String, String> files, Path dir) throws IOException, ReflectiveOperationException {
        Path src = dir.resolve("src/backprop/nn");
        Path classes = dir.resolve("classes");
        Path empty = dir.resolve("empty-classpath");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        Files.createDirectories(empty);
        List<Path> sources = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = src.resolve(e.getKey());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            sources.add(p);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diagnostics, List.of("-d", classes.toString(), "-classpath", empty.toString(),
                    "-proc:none", "-nowarn", "--release", "17"), null, fm.getJavaFileObjectsFromPaths(sources)).call();
            if (!ok) {
                throw new IllegalStateException("the submission does not compile: " + diagnostics.getDiagnostics());
            }
        }
        return new InProcessSuites(classes);
    }

    List<Check> checks(Predicate<String> numbers) {
        return checks.values().stream().filter(c -> numbers.test(c.number())).toList();
    }

    /** Sets the seed offset of every randomised check (0: the graded seeds). */
    void seedOffset(long value) throws IllegalAccessException {
        offset.setLong(null, value);
    }

    /** Runs {@code check}; returns null when it passes, else its failure message (feedback and diagnosis). */
    String run(Check check) throws ReflectiveOperationException {
        Constructor<?> constructor = check.suite().getDeclaredConstructor();
        constructor.setAccessible(true);
        Object instance = constructor.newInstance();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            check.method().invoke(instance);
            return null;
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    /** Where the grader's main classes (suites, checks) are: a directory under target/ when testing. */
    private static Path graderClasses() {
        try {
            return Path.of(Catalogue.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Child-first for the student package, the suites and the checks; everything else from the parent. */
    private static final class Loader extends URLClassLoader {
        Loader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (CHILD_FIRST.stream().noneMatch(name::startsWith)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
