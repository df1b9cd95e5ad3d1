package backprop.grader.student;

import backprop.driver.Wire;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One student JVM: a process whose class path is the driver and the compiled submission, and whose
 * only way to talk is answering this object's calls. Every call has a CPU-time budget, measured on
 * the student JVM's own process tree (a loaded machine slows it down but never fails it), and a
 * generous wall-clock backstop; a call that exceeds either kills the JVM.
 *
 * <p>Order of use: {@link #start}, then any number of calls, then {@link #close}. Not thread-safe:
 * one grading thread talks to it.
 */
public final class StudentJvm implements AutoCloseable {
    /** What the grader reads from a student JVM: generous for every honest answer, bounded for any other. */
    static final Wire.Limits LIMITS = new Wire.Limits(64 * 1024, 2_000_000, 10_000, 4);
    /** Exit code of a JVM started with -XX:+ExitOnOutOfMemoryError when memory runs out. */
    private static final int OOM_EXIT = 3;
    private static final int STDERR_LIMIT = 8 * 1024;

    /**
     * How to start a student JVM.
     *
     * @param java         the {@code java} executable
     * @param driverJar    the student driver
     * @param classes      the compiled, verified submission
     * @param maxHeap      e.g. "256m"
     * @param isolation    isolation modes to try, strongest first
     * @param valueClasses classes sent as rows (e.g. backprop.nn.Matrix)
     * @param outputLimit  bytes of printed output kept per call
     */
    public record Settings(Path java, Path driverJar, Path classes, String maxHeap, List<Isolation> isolation,
                           List<String> valueClasses, int outputLimit) {
        public Settings {
            Objects.requireNonNull(java, "java");
            Objects.requireNonNull(driverJar, "driverJar");
            Objects.requireNonNull(classes, "classes");
            isolation = List.copyOf(isolation);
            valueClasses = List.copyOf(valueClasses);
        }

        /** The {@code java} of the JDK this grader runs on. */
        public static Path currentJava() {
            return Path.of(System.getProperty("java.home"), "bin", "java");
        }
    }

    /**
     * What a call may use: the JVM's CPU time may grow up to {@code cpuLimit} (see {@link #cpu()}; the
     * check's {@code checkBudget} started at {@code cpuLimit − checkBudget}), the call may wait until the
     * wall-clock {@code backstop}, and never past {@code limit}, the grading's own deadline of
     * {@code gradingLimit} (both System.nanoTime).
     */
    public record Budget(Duration cpuLimit, Duration checkBudget, long backstop, long limit, Duration gradingLimit) {
    }

    private final Process process;
    private final ProcessTree tree;
    /** The JVM itself: the process, or the descendant a wrapper started. */
    private ProcessHandle jvm;
    private final DataOutputStream out;
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final BoundedText stderr;
    private final Isolation isolation;
    private volatile BiConsumer<String, Long> onOutput;
    private volatile boolean dead;
    private String deathReason;

    private StudentJvm(Process process, Isolation isolation, BiConsumer<String, Long> onOutput) {
        this.process = process;
        this.tree = new ProcessTree(process.toHandle(), isolation != Isolation.NONE);
        this.isolation = isolation;
        this.onOutput = onOutput;
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.stderr = new BoundedText(process.getErrorStream(), STDERR_LIMIT);
        Thread reader = new Thread(this::readAnswers, "student-jvm-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a student JVM and waits for the driver's hello, at most {@code startup} of wall-clock
     * time. {@code onOutput} receives what the student's code printed during each call, and how many
     * bytes of it were dropped.
     */
    public static StudentJvm start(Settings settings, Path workDir, Duration startup, BiConsumer<String, Long> onOutput) {
        List<Isolation> tried = new ArrayList<>();
        while (true) {
            Isolation isolation = Isolation.choose(settings.isolation());
            tried.add(isolation);
            StudentJvm jvm = launch(settings, workDir, isolation, onOutput);
            try {
                jvm.awaitHello(startup);
                return jvm;
            } catch (StudentJvmDied e) {
                if (isolation != Isolation.NONE && jvm.stderr.text().contains(isolation.name().toLowerCase() + ":")) {
                    Isolation.markBroken(isolation); // e.g. bwrap without the privileges it needs: try the next mode
                    continue;
                }
                throw e;
            }
        }
    }

    private static StudentJvm launch(Settings s, Path workDir, Isolation isolation, BiConsumer<String, Long> onOutput) {
        return launch(s, workDir, isolation, onOutput, sharingOptions(s.driverJar()), List.of(s.driverJar(), s.classes()));
    }

    /** The archive folder of student JVMs with this driver on this JDK (their class path starts with the driver). */
    private static java.util.Optional<Path> archives(Path driverJar) {
        return backprop.grader.ClassDataSharing.folder("student", List.of(driverJar));
    }

    private static List<String> sharingOptions(Path driverJar) {
        return backprop.grader.ClassDataSharing.use(archives(driverJar));
    }

    /**
     * Writes the class-data sharing archive of student JVMs, if it is missing: one JVM with only the
     * driver on its class path answers a call by reflection and exits, and its classes are archived.
     */
    public static void train(Path driverJar) {
        java.util.Optional<backprop.grader.ClassDataSharing.Dump> dump = backprop.grader.ClassDataSharing.dump(archives(driverJar));
        if (dump.isEmpty()) {
            return;
        }
        Settings s = new Settings(Settings.currentJava(), driverJar, driverJar, "64m", List.of(Isolation.NONE),
                List.of("backprop.nn.Matrix"), 1024);
        StudentJvm jvm = null;
        try {
            Path dir = java.nio.file.Files.createTempDirectory("backprop-train-");
            jvm = launch(s, dir, Isolation.NONE, (text, dropped) -> { }, dump.get().options(), List.of(driverJar));
            jvm.awaitHello(Duration.ofSeconds(30));
            long far = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Budget budget = new Budget(Duration.ofSeconds(30), Duration.ofSeconds(30), far, far, Duration.ofSeconds(30));
            try {
                jvm.callStatic("backprop.driver.givens.StandInLoss", "of", List.of("mse"), budget);
            } catch (StudentException expected) {
                // without the student API on the class path the call fails, after the reflection it was made for
            }
            jvm.out.writeByte(Wire.BYE);
            jvm.out.flush();
            if (jvm.process.waitFor(30, TimeUnit.SECONDS) && jvm.process.exitValue() == 0) {
                dump.get().adopt();
            } else {
                dump.get().discard();
            }
            backprop.grader.GraderFiles.deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            dump.get().discard();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dump.get().discard();
        } finally {
            if (jvm != null) {
                jvm.kill();
            }
        }
    }

    private static StudentJvm launch(Settings s, Path workDir, Isolation isolation, BiConsumer<String, Long> onOutput,
                                     List<String> sharing, List<Path> classpath) {
        List<String> java = new ArrayList<>();
        java.add(s.java().toString());
        java.add("-Xmx" + s.maxHeap());
        // A small initial heap and code cache: the JVM sets up (and the kernel maps) less at start, a
        // tenth of a start's CPU; both grow when real training needs them.
        java.add("-Xms8m");
        java.add("-XX:ReservedCodeCacheSize=32m");
        java.add("-Xss1m");
        java.add("-XX:MaxMetaspaceSize=128m");
        java.add("-XX:+ExitOnOutOfMemoryError");
        java.add("-XX:+UseSerialGC");
        java.add("-XX:TieredStopAtLevel=1");
        // A student JVM lives for a few checks: compiling the driver's and the JDK's warm-but-not-hot
        // methods cost it more than interpreting them (a fifth of a batch's CPU went to C1). Ten times
        // C1's usual thresholds still compile the loops of real training within milliseconds.
        java.addAll(List.of("-XX:Tier3InvocationThreshold=2000", "-XX:Tier3MinInvocationThreshold=1000",
                "-XX:Tier3CompileThreshold=20000", "-XX:Tier3BackEdgeThreshold=600000"));
        java.add("-XX:ActiveProcessorCount=1");
        java.add("-XX:-UsePerfData");
        java.add("-XX:+DisplayVMOutputToStderr");
        java.add("-XX:ErrorFile=/dev/null");
        java.addAll(sharing);
        java.add("-Djava.awt.headless=true");
        java.add("-Dfile.encoding=UTF-8");
        java.add("-cp");
        java.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        java.add("backprop.driver.StudentMain");
        for (String v : s.valueClasses()) {
            java.add("--value");
            java.add(v);
        }
        java.add("--output-limit");
        java.add(Integer.toString(s.outputLimit()));
        List<Path> readable = new ArrayList<>(jdkPaths(s.java().getParent().getParent()));
        classpath.forEach(p -> readable.add(realPath(p)));
        for (String option : sharing) {
            if (option.startsWith("-XX:SharedArchiveFile=")) {
                readable.add(realPath(Path.of(option.substring("-XX:SharedArchiveFile=".length()))));
            }
        }
        ProcessBuilder pb = new ProcessBuilder(isolation.wrap(java, readable.stream().distinct().toList()))
                .directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().put("LANG", "C.UTF-8");
        try {
            return new StudentJvm(pb.start(), isolation, onOutput);
        } catch (IOException e) {
            throw new StudentJvmDied("the student JVM could not be started: " + e.getMessage(), false);
        }
    }

    private static final java.util.Map<Path, List<Path>> JDK_PATHS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The JDK's folder and where its links lead (Debian's JDKs link their configuration into /etc): what
     * a JVM in a read-only view of only what it needs must see.
     */
    static List<Path> jdkPaths(Path javaHome) {
        return JDK_PATHS.computeIfAbsent(realPath(javaHome), home -> {
            java.util.Set<Path> paths = new java.util.LinkedHashSet<>();
            paths.add(home);
            try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(javaHome, 6)) {
                walk.filter(java.nio.file.Files::isSymbolicLink).forEach(link -> {
                    Path target = realPath(link);
                    if (!target.startsWith(home)) {
                        paths.add(java.nio.file.Files.isDirectory(target) ? target : target.getParent());
                    }
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                // a JDK we cannot walk: its own folder is all we can offer
            }
            return List.copyOf(paths);
        });
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** From now on, what the student's code prints during a call goes to {@code listener}. */
    public void onOutput(BiConsumer<String, Long> listener) {
        this.onOutput = listener;
    }

    /** The isolation this JVM runs under. */
    public Isolation isolation() {
        return isolation;
    }

    private void awaitHello(Duration startup) {
        long deadline = System.nanoTime() + startup.toNanos();
        Object first = poll(deadline);
        if (first instanceof Hello hello && hello.version() == Wire.VERSION) {
            jvm = process.toHandle();
            if (isolation != Isolation.NONE) {
                jvm = process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                        .findFirst().orElse(jvm);
            }
            return;
        }
        kill();
        throw died(first == null ? "it did not start within " + startup.toSeconds() + " s" : "it did not say hello");
    }

    private Object poll(long deadline) {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                Object a = answers.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                if (a != null) {
                    return a;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new StudentTimedOut("grading was interrupted");
            }
        }
    }

    // ---- calls ----------------------------------------------------------------------------------

    /** {@code new className(args)}: a reference to the new object, or the value it converts to. */
    public Object construct(String className, List<?> args, Budget budget) {
        return exchange(budget, o -> {
            o.writeByte(Wire.NEW);
            Wire.writeString(o, className);
            Wire.write(o, args);
        });
    }

    /** {@code target.method(args)}. */
    public Object call(Wire.Ref target, String method, List<?> args, Budget budget) {
        return exchange(budget, o -> {
            o.writeByte(Wire.CALL);
            o.writeInt(target.id());
            Wire.writeString(o, method);
            Wire.write(o, args);
        });
    }

    /** {@code className.method(args)}. */
    public Object callStatic(String className, String method, List<?> args, Budget budget) {
        return exchange(budget, o -> {
            o.writeByte(Wire.STATIC);
            Wire.writeString(o, className);
            Wire.writeString(o, method);
            Wire.write(o, args);
        });
    }

    /** {@code target.method(x)} for each x, in one round trip; a throw names the element. */
    public double[] callEach(Wire.Ref target, String method, double[] xs, Budget budget) {
        Object r = exchange(budget, o -> {
            o.writeByte(Wire.CALL_EACH);
            o.writeInt(target.id());
            Wire.writeString(o, method);
            Wire.write(o, xs);
        });
        if (!(r instanceof double[] ys) || ys.length != xs.length) {
            throw new StudentFault("the student JVM answered a call per element with something else");
        }
        return ys;
    }

    private interface Request {
        void write(DataOutputStream out) throws IOException;
    }

    private Object exchange(Budget budget, Request request) {
        if (dead) {
            throw died("it had already ended");
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            request.write(new DataOutputStream(bytes)); // whole, or not at all: a half-sent call would derail the JVM
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a call to the student JVM", e);
        }
        try {
            bytes.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw died("it stopped reading");
        }
        long start = System.nanoTime();
        long nextCpuCheck = start + TimeUnit.MILLISECONDS.toNanos(20);
        while (true) {
            Object answer;
            try {
                answer = answers.poll(10, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new StudentTimedOut("grading was interrupted");
            }
            if (answer != null) {
                return unpack(answer);
            }
            long now = System.nanoTime();
            if (now - budget.limit() > 0) {
                kill();
                throw StudentTimedOut.gradingLimit(budget.gradingLimit());
            }
            if (now - budget.backstop() > 0) {
                kill();
                throw StudentTimedOut.wall(Duration.ofNanos(budget.backstop() - start));
            }
            if (now - nextCpuCheck > 0) {
                if (cpu().compareTo(budget.cpuLimit()) > 0) {
                    kill();
                    throw StudentTimedOut.cpu(budget.checkBudget());
                }
                nextCpuCheck = now + TimeUnit.MILLISECONDS.toNanos(now - start < 1_000_000_000L ? 25 : 100);
            }
        }
    }

    private Object unpack(Object answer) {
        if (answer instanceof Reply r) {
            if (!r.output().isEmpty() || r.dropped() > 0) {
                onOutput.accept(r.output(), r.dropped());
            }
            return switch (r.kind()) {
                case Wire.RETURNED -> r.value();
                case Wire.THREW -> throw new StudentThrew(r.thrown(), r.index());
                default -> throw new StudentFault(r.fault());
            };
        }
        throw died(answer instanceof Closed c ? c.why() : "it answered out of turn");
    }

    private StudentJvmDied died(String why) {
        dead = true;
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process.isAlive()) {
            kill();
        } else {
            stderr.settle();
        }
        if (deathReason == null) {
            int code = process.isAlive() ? -1 : process.exitValue();
            boolean oom = code == OOM_EXIT || stderr.text().contains("OutOfMemoryError");
            deathReason = oom ? "the student JVM ran out of memory (OutOfMemoryError): does the code allocate without end,"
                    + " or keep every batch?"
                    : "the student JVM ended during the call (" + why + (code >= 0 ? ", exit code " + code : "") + ")"
                    + crashDetail();
            return new StudentJvmDied(deathReason, oom);
        }
        return new StudentJvmDied(deathReason, deathReason.contains("OutOfMemoryError"));
    }

    private String crashDetail() {
        String err = stderr.text().strip();
        return err.isEmpty() ? "" : ": " + err.lines().limit(3).reduce((a, b) -> a + " / " + b).orElse("");
    }

    /**
     * CPU time (user + system, all threads) the JVM has used since it started: what budgets are
     * measured in. Where the OS does not tell, the process tree's total, or zero.
     */
    public Duration cpu() {
        ProcessHandle h = jvm;
        if (h != null) {
            java.util.Optional<Duration> d = h.info().totalCpuDuration();
            if (d.isPresent()) {
                return d.get();
            }
        }
        return tree.cpu();
    }

    /** What the JVM printed on its own standard error (JVM messages, never the student's output), bounded. */
    public String jvmErrors() {
        return stderr.text();
    }

    public boolean alive() {
        return !dead && process.isAlive();
    }

    /** Stops the JVM and everything it started. */
    public void kill() {
        dead = true;
        tree.kill();
    }

    /** Says goodbye, then makes sure the JVM and anything it started are gone. */
    @Override
    public void close() {
        if (!dead && process.isAlive()) {
            try {
                out.writeByte(Wire.BYE);
                out.flush();
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                // already gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kill();
    }

    // ---- answers --------------------------------------------------------------------------------

    private record Hello(int version) {
    }

    private record Reply(byte kind, Object value, Wire.Thrown thrown, int index, String fault, String output, long dropped) {
    }

    private record Closed(String why) {
    }

    private void readAnswers() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16))) {
            while (true) {
                byte kind = in.readByte();
                switch (kind) {
                    case Wire.HELLO -> answers.add(new Hello(in.readInt()));
                    case Wire.RETURNED -> {
                        Object value = Wire.read(in, LIMITS, Wire.Resolver.AS_RECORDS);
                        answers.add(new Reply(kind, value, null, -1, null, Wire.readString(in, LIMITS), in.readLong()));
                    }
                    case Wire.THREW -> {
                        int index = in.readInt();
                        Wire.Thrown thrown = Wire.readThrown(in, LIMITS);
                        answers.add(new Reply(kind, null, thrown, index, null, Wire.readString(in, LIMITS), in.readLong()));
                    }
                    case Wire.FAULT -> {
                        String fault = Wire.readString(in, LIMITS);
                        answers.add(new Reply(kind, null, null, -1, fault, Wire.readString(in, LIMITS), in.readLong()));
                    }
                    default -> throw new Wire.ProtocolException("unknown answer " + kind);
                }
            }
        } catch (Wire.ProtocolException e) {
            answers.add(new Closed("it sent something unreadable: " + e.getMessage()));
        } catch (IOException e) {
            answers.add(new Closed("its output ended"));
        } catch (RuntimeException | OutOfMemoryError e) {
            answers.add(new Closed("it sent something unreadable: " + e));
        }
    }

    /** Keeps the first {@code limit} bytes of a stream, draining the rest so the process never blocks. */
    private static final class BoundedText {
        private final byte[] kept;
        private final Thread thread;
        private int size;

        BoundedText(InputStream in, int limit) {
            this.kept = new byte[limit];
            thread = new Thread(() -> drain(in), "student-jvm-stderr");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits a little for the rest of the stream of a process that ended. */
        void settle() {
            try {
                thread.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        int room = Math.min(n, kept.length - size);
                        System.arraycopy(buffer, 0, kept, size, Math.max(room, 0));
                        size += Math.max(room, 0);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }

        synchronized String text() {
            return new String(kept, 0, size, StandardCharsets.UTF_8);
        }
    }
}
