package backprop.grader.compile;

import backprop.driver.Wire;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The grader's side of a {@link CompileWorker}: sends sources, waits for the answer within a CPU-time
 * budget (measured on the worker, so load elsewhere never fails a compile) and a wall-clock deadline,
 * and kills the worker when either runs out. Idle workers are kept in a pool and reused: javac warms
 * up once per worker, not once per submission.
 */
public final class CompilerProcess implements AutoCloseable {
    private static final ConcurrentLinkedQueue<CompilerProcess> IDLE = new ConcurrentLinkedQueue<>();
    private static final int MAX_IDLE = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "compile-worker-reader");
        t.setDaemon(true);
        return t;
    });

    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;
    private boolean broken;

    /** javac gave up: it did not finish within its budget, or ran out of memory; the worker is gone. The message says which. */
    static final class TimedOut extends Exception {
        private static final long serialVersionUID = 1L;

        TimedOut(String message) {
            super(message, null, false, false);
        }
    }

    /** One compiler error: the grader's name of the file (null: none), line, message. */
    record Error(String file, long line, String message) {
    }

    /** What javac said about one compilation, and the checked files that declare another package (file → package). */
    record Result(boolean ok, List<Error> errors, String output, Map<String, String> wrongPackages) {
    }

    private CompilerProcess(Process process) {
        this.process = process;
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    }

    /** Starts a worker now, so that its JVM is up when the first compilation needs it. */
    public static void prestart() {
        if (IDLE.isEmpty()) {
            IDLE.add(start());
        }
    }

    /** An idle worker, or a new one. */
    static CompilerProcess borrow() {
        CompilerProcess p;
        while ((p = IDLE.poll()) != null) {
            if (p.process.isAlive()) {
                return p;
            }
        }
        return start();
    }

    /** Hands a healthy worker back for the next compilation. */
    void release() {
        if (!broken && process.isAlive() && IDLE.size() < MAX_IDLE) {
            IDLE.add(this);
        } else {
            close();
        }
    }

    private static CompilerProcess start() {
        return start(backprop.grader.ClassDataSharing.use(archives()));
    }

    /** The archive folder of compile workers on this JDK with this class path. */
    private static java.util.Optional<Path> archives() {
        return backprop.grader.ClassDataSharing.folder("javac", classPath());
    }

    /**
     * This JVM's class path, absolute: a worker runs in an empty folder of its own, where a relative
     * entry ({@code java -jar grader/target/grader.jar}) would name nothing.
     */
    private static List<Path> classPath() {
        List<Path> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.isBlank()) {
                cp.add(Path.of(e).toAbsolutePath());
            }
        }
        return cp;
    }

    /**
     * Writes the class-data sharing archive of compile workers, if it is missing: one worker compiles the
     * starter and exits, and its classes (javac's, mostly) are archived for every later worker.
     */
    public static void train() {
        java.util.Optional<backprop.grader.ClassDataSharing.Dump> dump = backprop.grader.ClassDataSharing.dump(archives());
        if (dump.isEmpty()) {
            return;
        }
        CompilerProcess p = start(dump.get().options());
        Path out = null;
        try {
            out = java.nio.file.Files.createTempDirectory("backprop-train-");
            Map<String, String> starter = backprop.grader.submission.StarterSources.packaged().files();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            p.compile(starter, starter.keySet(), "backprop.nn", out, Duration.ofSeconds(30), deadline);
            p.out.writeByte(CompileWorker.BYE);
            p.out.flush();
            if (p.process.waitFor(30, TimeUnit.SECONDS) && p.process.exitValue() == 0) {
                dump.get().adopt();
            } else {
                dump.get().discard();
            }
        } catch (TimedOut | IOException | RuntimeException e) {
            dump.get().discard();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dump.get().discard();
        } finally {
            p.close();
            if (out != null) {
                backprop.grader.GraderFiles.deleteTree(out);
            }
        }
    }

    private static Path emptyDir;

    /** An empty folder of this process, for the workers' working directory. */
    private static synchronized Path emptyDir() {
        if (emptyDir == null || !java.nio.file.Files.isDirectory(emptyDir)) {
            try {
                emptyDir = java.nio.file.Files.createTempDirectory("backprop-javac-");
                emptyDir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot create a folder for the compiler", e);
            }
        }
        return emptyDir;
    }

    private static CompilerProcess start(List<String> sharing) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xss16m", "-Xmx768m",
                "-XX:+ExitOnOutOfMemoryError",
                // stdout is the protocol channel: the VM's own messages (an out-of-memory exit) go to stderr
                "-XX:+DisplayVMOutputToStderr"));
        cmd.addAll(sharing);
        cmd.addAll(List.of("-cp", classPath().stream().map(Path::toString).collect(java.util.stream.Collectors.joining(
                java.io.File.pathSeparator)), CompileWorker.class.getName()));
        // In an empty folder: javac must see nothing but the sources it is given (a class or a compile-time
        // constant in the working directory would otherwise be compiled into the submission).
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).directory(emptyDir().toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        try {
            return new CompilerProcess(pb.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the compiler process: " + e.getMessage(), e);
        }
    }

    /**
     * Compiles {@code files} (name → source) into {@code outDir}; the files named in {@code checked} must
     * declare package {@code pkg}, else nothing is compiled and the result lists them.
     */
    Result compile(Map<String, String> files, java.util.Set<String> checked, String pkg, Path outDir, Duration cpu,
                   long deadline) throws TimedOut {
        return exchange(cpu, deadline, () -> {
            out.writeByte(CompileWorker.COMPILE);
            out.writeInt(files.size());
            for (Map.Entry<String, String> e : new LinkedHashMap<>(files).entrySet()) {
                Wire.writeString(out, e.getKey());
                Wire.writeString(out, e.getValue());
                out.writeBoolean(checked.contains(e.getKey()));
            }
            Wire.writeString(out, outDir.toAbsolutePath().toString());
            Wire.writeString(out, pkg);
        }, () -> {
            boolean ok = in.readBoolean();
            int n = in.readInt();
            List<Error> errors = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                errors.add(new Error(Wire.readString(in, Wire.Limits.DEFAULT), in.readLong(),
                        Wire.readString(in, Wire.Limits.DEFAULT)));
            }
            String output = Wire.readString(in, Wire.Limits.DEFAULT);
            int w = in.readInt();
            Map<String, String> wrong = new LinkedHashMap<>();
            for (int i = 0; i < w; i++) {
                wrong.put(Wire.readString(in, Wire.Limits.DEFAULT), Wire.readString(in, Wire.Limits.DEFAULT));
            }
            return new Result(ok, errors, output, wrong);
        });
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    private interface Write {
        void run() throws IOException;
    }

    private <T> T exchange(Duration cpu, long deadline, Write request, Io<T> answer) throws TimedOut {
        Duration start = cpuTime();
        Future<T> reply;
        try {
            request.run();
            out.flush();
            reply = READERS.submit(answer::run);
        } catch (IOException e) {
            broken = true;
            close();
            throw new IllegalStateException("the compiler process stopped: " + e.getMessage(), e);
        }
        while (true) {
            try {
                return reply.get(25, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() - deadline > 0) {
                    kill(reply);
                    throw new TimedOut("did not finish within the grading's time limit");
                }
                if (cpuTime().minus(start).compareTo(cpu) > 0) {
                    kill(reply);
                    throw new TimedOut("did not finish within " + cpu.toSeconds() + " s of CPU time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill(reply);
                throw new TimedOut("was interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                // The worker died: javac ran out of memory (or stack) on what it was given. Like a timeout,
                // that is the submission's doing; the caller finds the file.
                kill(reply);
                throw new TimedOut("ran out of memory");
            }
        }
    }

    private void kill(Future<?> reply) {
        broken = true;
        reply.cancel(true);
        close();
    }

    private Duration cpuTime() {
        Optional<Duration> d = process.toHandle().info().totalCpuDuration();
        return d.orElse(Duration.ZERO);
    }

    /**
     * Ends the idle workers and waits (briefly) until they are gone: a JVM exits only after waiting up
     * to 0.3 s for its threads blocked in native code, such as the one waiting for a worker to end.
     */
    public static void closeIdle() {
        List<Process> ending = new ArrayList<>();
        CompilerProcess p;
        while ((p = IDLE.poll()) != null) {
            p.close();
            ending.add(p.process);
        }
        for (Process e : ending) {
            try {
                e.waitFor(1, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        broken = true;
        process.destroyForcibly();
    }
}
