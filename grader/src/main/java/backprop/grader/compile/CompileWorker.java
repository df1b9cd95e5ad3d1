package backprop.grader.compile;

import backprop.driver.Wire;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The main class of a compile worker: a JVM of its own that runs {@code javac} for the grader, so that
 * a file that keeps the compiler busy for minutes costs a killed process, not a stuck grader. Reads
 * requests from stdin and answers on stdout (the {@link Wire} string format):
 *
 * <pre>
 *   COMPILE n (name source check)×n outDir package
 *     → ok, m × (file line message), javac's own output, k × (file declaredPackage)
 * </pre>
 *
 * Sources are in memory under names the grader chose (safe for any file system). A file marked
 * "check" must declare {@code package}: if one declares another, nothing is generated and the answer
 * lists those files (compiled as they are, they would put classes outside the student's package). The
 * worker exits when its input ends or after a minute without work.
 */
public final class CompileWorker {
    static final byte COMPILE = 2;
    static final byte BYE = 9;
    private static final long IDLE_MILLIS = 60_000;
    /** An empty folder, the compiler's class path and source path. */
    private static final Path EMPTY = emptyFolder();

    private static Path emptyFolder() {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("backprop-javac-empty-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CompileWorker() {
    }

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        AtomicLong lastWork = new AtomicLong(System.currentTimeMillis());
        ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idle-exit");
            t.setDaemon(true);
            return t;
        });
        idle.scheduleAtFixedRate(() -> {
            if (System.currentTimeMillis() - lastWork.get() > IDLE_MILLIS) {
                Runtime.getRuntime().halt(0);
            }
        }, 5, 5, TimeUnit.SECONDS);
        try {
            while (true) {
                byte op = in.readByte();
                lastWork.set(Long.MAX_VALUE / 2);
                if (op == BYE) {
                    break;
                }
                if (op != COMPILE) {
                    break;
                }
                List<String[]> files = readFiles(in);
                Path outDir = Path.of(Wire.readString(in, Wire.Limits.DEFAULT));
                compile(javac, files, outDir, Wire.readString(in, Wire.Limits.DEFAULT), out);
                out.flush();
                lastWork.set(System.currentTimeMillis());
            }
        } catch (IOException e) {
            // the grader is gone
        }
        Runtime.getRuntime().halt(0);
    }

    private static List<String[]> readFiles(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String[]> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(new String[] {Wire.readString(in, Wire.Limits.DEFAULT), Wire.readString(in, Wire.Limits.DEFAULT),
                    in.readBoolean() ? "check" : ""});
        }
        return files;
    }

    private static void compile(JavaCompiler javac, List<String[]> files, Path outDir, String pkg, DataOutputStream out)
            throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<Source> units = new ArrayList<>();
        for (String[] f : files) {
            units.add(new Source(f[0], f[1]));
        }
        StringWriter said = new StringWriter();
        boolean ok = false;
        String crash = null;
        List<String[]> wrongPackages = new ArrayList<>();
        // Nothing but the given sources: no class path, no source path (javac would otherwise read the
        // working directory), no implicit compilation of anything it finds.
        List<String> options = new ArrayList<>(List.of("-d", outDir.toString(), "-proc:none", "-nowarn", "-encoding", "UTF-8",
                "-Xmaxerrs", "50", "-classpath", EMPTY.toString(), "-sourcepath", EMPTY.toString(), "-implicit:none"));
        if (Runtime.version().feature() > 17) {
            options.addAll(List.of("--release", "17")); // the course's Java on every JDK
        } else {
            options.addAll(List.of("-source", "17", "-target", "17"));
        }
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavacTask task = (JavacTask) javac.getTask(said, fm, diagnostics, options, null, units);
            for (CompilationUnitTree unit : task.parse()) {
                String path = unit.getSourceFile().toUri().getPath();
                String name = path.substring(path.lastIndexOf('/') + 1);
                String declared = unit.getPackageName() == null ? "" : unit.getPackageName().toString().replaceAll("\\s+", "");
                for (String[] f : files) {
                    if (f[0].equals(name) && f[2].equals("check") && !declared.equals(pkg)) {
                        wrongPackages.add(new String[] {name, declared});
                    }
                }
            }
            if (wrongPackages.isEmpty()) {
                task.generate();
                ok = diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
            }
        } catch (RuntimeException | StackOverflowError e) {
            ok = false;
            crash = e.toString();
        }
        List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(d);
            }
        }
        out.writeBoolean(ok);
        out.writeInt(wrongPackages.isEmpty() ? errors.size() : 0);
        if (wrongPackages.isEmpty()) {
            for (Diagnostic<? extends JavaFileObject> d : errors) {
                String path = d.getSource() == null ? null : d.getSource().toUri().getPath();
                Wire.writeString(out, path == null ? null : path.substring(path.lastIndexOf('/') + 1));
                out.writeLong(d.getLineNumber());
                Wire.writeString(out, d.getMessage(Locale.ROOT));
            }
        }
        Wire.writeString(out, crash != null ? "the compiler crashed: " + crash : said.toString());
        out.writeInt(wrongPackages.size());
        for (String[] w : wrongPackages) {
            Wire.writeString(out, w[0]);
            Wire.writeString(out, w[1]);
        }
    }

    /** An in-memory source under a name the grader chose. */
    private static final class Source extends SimpleJavaFileObject {
        final String name;
        final String text;

        Source(String name, String text) {
            super(URI.create("string:///backprop/nn/" + name), Kind.SOURCE);
            this.name = name;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
