package backprop.grader.compile;

import backprop.grader.GraderFiles;
import backprop.grader.results.CompileDiagnostic;
import backprop.grader.submission.SourceFile;
import backprop.grader.submission.StarterSources;
import backprop.grader.submission.Submission;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Step 2 of grading: compiles a submission in-process with {@code javax.tools}. A student file that
 * does not compile is replaced by its starter stub and the rest is compiled again, so the parts that
 * work still earn their points.
 */
public final class SubmissionCompiler {
    private final StarterSources starter;

    public SubmissionCompiler(StarterSources starter) {
        this.starter = starter;
    }

    public CompilationResult compile(Submission submission, Path classesDir) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: the grader needs a JDK, not a JRE (java.home="
                    + System.getProperty("java.home") + ")");
        }
        Map<String, SourceFile> sources = new LinkedHashMap<>();
        submission.sources().forEach(s -> sources.put(s.fileName(), s));
        List<CompileDiagnostic> reported = new ArrayList<>();
        Set<String> replaced = new LinkedHashSet<>();
        Set<String> dropped = new LinkedHashSet<>();
        Map<String, List<CompileDiagnostic>> wrongPackage = wrongPackages(compiler, sources.values());
        for (int attempt = 0; attempt <= sources.size() + 1; attempt++) {
            GraderFiles.emptyDirectory(classesDir);
            Map<String, List<CompileDiagnostic>> errors = attempt == 0 && !wrongPackage.isEmpty()
                    ? wrongPackage : run(compiler, sources.values(), classesDir);
            if (errors.containsKey(UNATTRIBUTED)) {
                errors = blameForUnattributedFailure(errors.get(UNATTRIBUTED), sources.values());
            }
            if (errors.isEmpty()) {
                reported.addAll(removeStrayClasses(classesDir));
                return new CompilationResult(classesDir, reported, replaced, dropped);
            }
            boolean changed = false;
            for (Map.Entry<String, List<CompileDiagnostic>> e : errors.entrySet()) {
                SourceFile file = sources.get(e.getKey());
                if (file == null || !file.fromStudent()) {
                    continue;
                }
                reported.addAll(e.getValue());
                String stub = starter.source(file.fileName());
                if (stub == null) {
                    sources.remove(file.fileName());
                    dropped.add(file.fileName());
                } else {
                    sources.put(file.fileName(), new SourceFile(file.fileName(), "starter", stub, false));
                    replaced.add(file.fileName());
                }
                changed = true;
            }
            if (!changed) {
                // Only starter files fail: the student's files must have broken them (e.g. a changed signature).
                for (String name : errors.keySet()) {
                    reported.addAll(errors.get(name));
                }
                for (SourceFile file : List.copyOf(sources.values())) {
                    if (file.fromStudent()) {
                        String stub = starter.source(file.fileName());
                        if (stub == null) {
                            sources.remove(file.fileName());
                            dropped.add(file.fileName());
                        } else {
                            sources.put(file.fileName(), new SourceFile(file.fileName(), "starter", stub, false));
                            replaced.add(file.fileName());
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("the starter itself does not compile; rebuild the grader");
    }

    /** Key of a failure javac attributes to no file (it ran out of stack on an absurd expression, say). */
    private static final String UNATTRIBUTED = "?";

    /**
     * Student files whose package, as javac parses it, is not backprop.nn: compiled as they are, they
     * would put classes beside the grader's own and could shadow them.
     */
    private static Map<String, List<CompileDiagnostic>> wrongPackages(JavaCompiler compiler, Iterable<SourceFile> files) {
        Map<String, List<CompileDiagnostic>> wrong = new LinkedHashMap<>();
        for (SourceFile f : files) {
            if (!f.fromStudent()) {
                continue;
            }
            String pkg = parsedPackage(compiler, f);
            if (pkg != null && !pkg.equals(StarterSources.PACKAGE)) {
                wrong.put(f.fileName(), List.of(new CompileDiagnostic(f.origin(), 1, "error", "declares package " + pkg
                        + ", but the course's classes must be in package " + StarterSources.PACKAGE)));
            }
        }
        return wrong;
    }

    /** The package javac reads from {@code file}, "" for none, or null when it cannot even parse it. */
    private static String parsedPackage(JavaCompiler compiler, SourceFile file) {
        try {
            JavacTask task = (JavacTask) compiler.getTask(new StringWriter(), null, d -> { }, List.of("-proc:none"), null,
                    List.of(new Source(file)));
            for (CompilationUnitTree unit : task.parse()) {
                return unit.getPackageName() == null ? "" : unit.getPackageName().toString().replaceAll("\\s+", "");
            }
            return "";
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** Blames a failure without a file on the extra files if there are any, else on every student file. */
    private Map<String, List<CompileDiagnostic>> blameForUnattributedFailure(List<CompileDiagnostic> why,
                                                                             Iterable<SourceFile> files) {
        Map<String, List<CompileDiagnostic>> extra = new LinkedHashMap<>();
        Map<String, List<CompileDiagnostic>> all = new LinkedHashMap<>();
        for (SourceFile f : files) {
            if (!f.fromStudent()) {
                continue;
            }
            List<CompileDiagnostic> d = List.of(new CompileDiagnostic(f.origin(), 0, "error", why.get(0).message()));
            all.put(f.fileName(), d);
            if (starter.source(f.fileName()) == null) {
                extra.put(f.fileName(), d);
            }
        }
        return extra.isEmpty() ? all : extra;
    }

    /** Deletes class files outside package backprop.nn (defence in depth: the package check should leave none). */
    private static List<CompileDiagnostic> removeStrayClasses(Path classesDir) {
        List<CompileDiagnostic> removed = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classesDir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = classesDir.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith("backprop/nn/") || rel.indexOf('/', "backprop/nn/".length()) >= 0) {
                    Files.delete(p);
                    removed.add(new CompileDiagnostic(rel, 0, "warning", "class outside package "
                            + StarterSources.PACKAGE + " removed"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    private static Map<String, List<CompileDiagnostic>> run(JavaCompiler compiler, Iterable<SourceFile> files, Path out) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (SourceFile f : files) {
            units.add(new Source(f));
        }
        StringWriter javacOutput = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-d", out.toString(), "--release", "17", "-proc:none", "-nowarn",
                    "-encoding", "UTF-8", "-Xmaxerrs", "50", "-classpath", "");
            ok = Boolean.TRUE.equals(compiler.getTask(javacOutput, fm, diagnostics, options, null, units).call());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | StackOverflowError e) {
            // javac itself crashed on this input: treat every student file as not compiling.
            Map<String, List<CompileDiagnostic>> all = new LinkedHashMap<>();
            for (SourceFile f : files) {
                all.put(f.fileName(), List.of(new CompileDiagnostic(f.origin(), 0, "error", "the compiler failed: " + e)));
            }
            return all;
        }
        Map<String, List<CompileDiagnostic>> errors = new LinkedHashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR || !(d.getSource() instanceof Source s)) {
                continue;
            }
            errors.computeIfAbsent(s.file.fileName(), k -> new ArrayList<>())
                    .add(new CompileDiagnostic(s.file.origin(), d.getLineNumber(), "error", d.getMessage(Locale.ROOT)));
        }
        if (errors.isEmpty() && !ok) {
            String said = javacOutput.toString().strip();
            errors.put(UNATTRIBUTED, List.of(new CompileDiagnostic("?", 0, "error", "the compiler gave up on this submission"
                    + (said.isEmpty() ? "" : " (javac: " + said.lines().findFirst().orElse("") + ")")
                    + "; is an expression nested absurdly deep?")));
        }
        return errors;
    }


    /** An in-memory source whose diagnostics carry the submission's file name. */
    private static final class Source extends SimpleJavaFileObject {
        final SourceFile file;

        Source(SourceFile file) {
            super(URI.create("string:///backprop/nn/" + file.fileName()), Kind.SOURCE);
            this.file = file;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return file.source();
        }
    }
}
