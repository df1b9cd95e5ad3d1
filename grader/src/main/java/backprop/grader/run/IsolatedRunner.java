package backprop.grader.run;

import backprop.grader.GraderFiles;
import backprop.grader.results.Status;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Step 3 of grading: runs the graded checks in a child JVM and collects a verdict for each.
 *
 * <p>If the JVM dies (System.exit, halt, OutOfMemoryError, a crash) or stalls, the check that was
 * running gets the blame and a fresh JVM runs the checks that are left, so only the checks that
 * did not pass lose points. A global deadline bounds the whole run.
 */
public final class IsolatedRunner {
    /** Exit code of a JVM started with -XX:+ExitOnOutOfMemoryError when memory runs out. */
    private static final int OOM_EXIT = 3;
    private static final int JVM_OUTPUT_LIMIT = 16_000;
    private static final Gson GSON = new Gson();
    /** What the JDK prints when the harness installs its security manager: not the submission's output. */
    private static final java.util.regex.Pattern SECURITY_MANAGER_WARNING = java.util.regex.Pattern.compile(
            "(?m)^WARNING: (A terminally deprecated method in java\\.lang\\.System has been called|System::setSecurityManager"
                    + " .*|Please consider reporting this to the maintainers of backprop\\.grader\\..*)\\R");

    /**
     * @param checkTimeout  time one check may take (enforced in the test JVM, separate thread)
     * @param globalTimeout time all checks together may take (enforced here: the JVM is killed)
     * @param maxHeap       heap of the test JVM, e.g. "512m"
     */
    public record Options(Duration checkTimeout, Duration globalTimeout, String maxHeap) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), Duration.ofSeconds(300), "512m");
        }
    }

    private final Options options;
    private final List<String> graderClasspath;

    public IsolatedRunner(Options options, List<String> graderClasspath) {
        this.options = options;
        this.graderClasspath = List.copyOf(graderClasspath);
    }

    public RunResult run(Path classesDir, List<String> checkIds, Path workDir) {
        Map<String, CheckOutcome> outcomes = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        StringBuilder jvmOutput = new StringBuilder();
        long jvmOutputDropped = 0;
        Set<String> remaining = new LinkedHashSet<>(checkIds);
        long deadline = System.nanoTime() + options.globalTimeout().toNanos();
        int launches = 0;
        Map<Path, byte[]> pristine = snapshot(classesDir);
        while (!remaining.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                for (String id : remaining) {
                    outcomes.put(id, new CheckOutcome(Status.TIMEOUT, "not run: grading stopped at the time limit of "
                            + options.globalTimeout().toSeconds() + " s for all checks", "", 0));
                }
                notes.add("grading reached its time limit of " + options.globalTimeout().toSeconds() + " s; "
                        + remaining.size() + " check(s) were not run");
                break;
            }
            launches++;
            restore(classesDir, pristine); // whatever a crashed JVM wrote there does not reach the next one
            Launch launch = launch(classesDir, List.copyOf(remaining), workDir, Duration.ofNanos(left), launches);
            jvmOutput.append(launch.output);
            jvmOutputDropped += launch.outputDropped;
            outcomes.putAll(launch.finished);
            remaining.removeAll(launch.finished.keySet());
            if (launch.running != null && remaining.remove(launch.running)) {
                outcomes.put(launch.running, blame(launch));
                notes.add("check " + launch.running + ": " + blame(launch).message());
                continue;
            }
            if (launch.done || launch.finished.isEmpty()) {
                String why = launch.containerFailure != null
                        ? "not run: the set-up of its suite failed: " + launch.containerFailure
                        : launch.done ? "not run by the test JVM"
                        : "not run: the test JVM ended before running any check (" + endDescription(launch) + ")";
                for (String id : remaining) {
                    outcomes.put(id, new CheckOutcome(Status.ERROR, why, "", 0));
                }
                if (!remaining.isEmpty()) {
                    notes.add(remaining.size() + " check(s) " + why);
                }
                remaining.clear();
            }
        }
        if (!Sandbox.available()) {
            notes.add("the checks ran without the sandbox: Java " + Runtime.version().feature()
                    + " has no security manager; grade with a JDK 17 to 23 to confine the submission");
        }
        if (launches > 1) {
            notes.add("the checks needed " + launches + " test JVMs (a check crashed or timed out and the rest ran in a fresh JVM)");
        }
        return new RunResult(outcomes, notes, bounded(jvmOutput.toString(), jvmOutputDropped));
    }

    /** The compiled submission as bytes, to put back before every test JVM. */
    private static Map<Path, byte[]> snapshot(Path classesDir) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        try (java.util.stream.Stream<Path> walk = Files.walk(classesDir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(classesDir.relativize(p), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the compiled submission in " + classesDir, e);
        }
        return files;
    }

    private static void restore(Path classesDir, Map<Path, byte[]> files) {
        try {
            GraderFiles.emptyDirectory(classesDir);
            for (Map.Entry<Path, byte[]> e : files.entrySet()) {
                Path target = classesDir.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the compiled submission in " + classesDir, e);
        }
    }

    private static CheckOutcome blame(Launch launch) {
        if (launch.killed) {
            return new CheckOutcome(Status.TIMEOUT, "the check did not finish in time and its JVM was stopped: an endless loop,"
                    + " or very slow code?", "", launch.runningMillis);
        }
        if (launch.exitCode == OOM_EXIT) {
            return new CheckOutcome(Status.ERROR, "the check ran out of memory (OutOfMemoryError): does the code allocate"
                    + " without end, or keep every batch?", "", launch.runningMillis);
        }
        return new CheckOutcome(Status.ERROR, "the test JVM ended while this check was running (" + endDescription(launch)
                + "): does the code call System.exit or Runtime.halt, or crash the JVM?", "", launch.runningMillis);
    }

    private static String endDescription(Launch launch) {
        return launch.killed ? "stopped by the grader" : "exit code " + launch.exitCode;
    }

    /** What one test JVM did. */
    private static final class Launch {
        final Map<String, CheckOutcome> finished = new LinkedHashMap<>();
        volatile String running;
        volatile long runningSince;
        long runningMillis;
        volatile boolean done;
        volatile long lastEvent = System.nanoTime();
        volatile String containerFailure;
        boolean killed;
        int exitCode;
        String output = "";
        long outputDropped;
    }

    private Launch launch(Path classesDir, List<String> ids, Path workDir, Duration timeLeft, int number) {
        Launch launch = new Launch();
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Files.createDirectories(workDir);
            Path idsFile = workDir.resolve("checks-" + number + ".txt");
            Files.write(idsFile, ids, StandardCharsets.UTF_8);
            String token = newToken();
            Process process = new ProcessBuilder(command(classesDir, server.getLocalPort(), idsFile))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            BoundedReader output = new BoundedReader(process.getInputStream(), JVM_OUTPUT_LIMIT);
            output.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write((token + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the JVM died at once; its exit code says why
            }
            Thread reader = new Thread(() -> readEvents(server, token, launch, process), "grader-results-" + number);
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + timeLeft.toNanos();
            long stall = options.checkTimeout().plusSeconds(20).toNanos();
            Set<ProcessHandle> spawned = new java.util.HashSet<>();
            while (process.isAlive()) {
                process.descendants().forEach(spawned::add);
                process.waitFor(200, TimeUnit.MILLISECONDS);
                long now = System.nanoTime();
                if (process.isAlive() && (now > deadline || now - launch.lastEvent > stall)) {
                    launch.killed = true;
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
            launch.exitCode = process.exitValue();
            // Processes the submission started must not outlive its grading.
            spawned.forEach(ProcessHandle::destroyForcibly);
            reader.join(5_000);
            output.join(2_000);
            launch.output = SECURITY_MANAGER_WARNING.matcher(output.kept()).replaceAll("");
            launch.outputDropped = output.dropped();
            if (launch.running != null) {
                launch.runningMillis = (System.nanoTime() - launch.runningSince) / 1_000_000;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading", e);
        }
        return launch;
    }

    private List<String> command(Path classesDir, int port, Path idsFile) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + options.maxHeap());
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.addAll(Sandbox.jvmOptions(idsFile.getParent(), graderClasspath));
        cmd.add("-cp");
        // The grader first: a class the submission manages to put in its folder can never shadow a grader class.
        List<String> cp = new ArrayList<>(graderClasspath);
        cp.add(classesDir.toAbsolutePath().toString());
        cmd.add(String.join(File.pathSeparator, cp));
        cmd.add(ChildMain.class.getName());
        cmd.add(Integer.toString(port));
        cmd.add(idsFile.toAbsolutePath().toString());
        cmd.add(Long.toString(Math.max(1, options.checkTimeout().toSeconds())));
        return cmd;
    }

    /** Accepts the JVM's connection, checks its token, and records every event it sends. */
    private static void readEvents(ServerSocket server, String token, Launch launch, Process process) {
        try {
            server.setSoTimeout(1000);
            while (true) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (SocketTimeoutException e) {
                    if (!process.isAlive()) {
                        return;
                    }
                    continue;
                }
                try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                    socket.setSoTimeout(5000);
                    if (!token.equals(in.readLine())) {
                        continue; // not our test JVM's harness: ignore whatever it says
                    }
                    socket.setSoTimeout(0);
                    String line;
                    while ((line = in.readLine()) != null) {
                        launch.lastEvent = System.nanoTime();
                        record(parse(line), launch);
                    }
                    return;
                }
            }
        } catch (IOException e) {
            // the JVM went away mid-message: what was recorded stands
        }
    }

    private static RunEvent parse(String line) {
        try {
            return GSON.fromJson(line, RunEvent.class);
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static void record(RunEvent event, Launch launch) {
        if (event == null || event.type() == null) {
            return;
        }
        switch (event.type()) {
            case "started" -> {
                launch.running = event.id();
                launch.runningSince = System.nanoTime();
            }
            case "finished" -> {
                synchronized (launch.finished) {
                    launch.finished.put(event.id(), toOutcome(event));
                }
                if (event.id() != null && event.id().equals(launch.running)) {
                    launch.running = null;
                }
            }
            case "container_failed" -> launch.containerFailure = event.message();
            case "done" -> launch.done = true;
            default -> { }
        }
    }

    private static CheckOutcome toOutcome(RunEvent event) {
        if ("SUCCESSFUL".equals(event.status())) {
            return new CheckOutcome(Status.PASSED, "", event.output(), event.millis(), event.evidence());
        }
        Status status = switch (String.valueOf(event.exception())) {
            case "timeout" -> Status.TIMEOUT;
            case "not_implemented" -> Status.NOT_IMPLEMENTED;
            case "check", "assertion" -> Status.FAILED;
            default -> Status.ERROR;
        };
        String message = event.message();
        if ("ABORTED".equals(event.status())) {
            status = Status.ERROR;
            message = "the check was aborted: " + message;
        }
        return new CheckOutcome(status, message, event.output(), event.millis(), event.evidence());
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * At most {@link #JVM_OUTPUT_LIMIT} characters of the test JVMs' output, with one note counting
     * everything left out: what each JVM's reader dropped and what the limit cuts from the total.
     */
    static String bounded(String text, long dropped) {
        if (text.length() > JVM_OUTPUT_LIMIT) {
            dropped += text.substring(JVM_OUTPUT_LIMIT).getBytes(StandardCharsets.UTF_8).length;
            text = text.substring(0, JVM_OUTPUT_LIMIT);
        }
        return dropped > 0 ? text + "\n[... " + dropped + " more bytes not shown]" : text;
    }

    /** Drains a stream into a bounded buffer so the child never blocks on a full pipe. */
    private static final class BoundedReader extends Thread {
        private final InputStream in;
        private final int limit;
        private final StringBuilder text = new StringBuilder();
        private long dropped;

        BoundedReader(InputStream in, int limit) {
            super("grader-jvm-output");
            setDaemon(true);
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        int room = Math.min(n, limit - text.length());
                        if (room > 0) {
                            text.append(new String(buffer, 0, room, StandardCharsets.UTF_8));
                        }
                        dropped += n - Math.max(room, 0);
                    }
                }
            } catch (IOException ignored) {
                // the JVM is gone
            }
        }

        synchronized String kept() {
            return text.toString();
        }

        synchronized long dropped() {
            return dropped;
        }
    }
}
