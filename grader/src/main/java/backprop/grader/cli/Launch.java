package backprop.grader.cli;

import backprop.grader.ClassDataSharing;
import backprop.grader.GraderFiles;
import backprop.grader.compile.CompilerProcess;
import backprop.grader.student.DriverJar;
import backprop.grader.student.StudentJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The jar's entry point. {@code grade} and {@code batch} run in a second JVM started with options a
 * plain {@code java -jar} cannot give: a class-data sharing archive of the grader's classes (written
 * on the first run, in the user's cache) and, for one grading, a JIT and garbage collector tuned for a
 * short run. Everything else, and every command when started from a classes folder, runs here.
 */
public final class Launch {
    static final String CHILD = "backprop.grader.child";

    private Launch() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = GraderFiles.codeLocation();
        boolean grading = args.length > 0 && (args[0].equals("grade") || args[0].equals("batch"));
        if (Boolean.getBoolean(CHILD) || !grading || !Files.isRegularFile(jar) || System.getenv("BACKPROP_GRADER_NO_RELAUNCH") != null) {
            GraderCli.main(args);
            return;
        }
        backprop.grader.engine.Timing.mark("launcher: main");
        boolean single = args[0].equals("grade");
        Optional<Path> archives = ClassDataSharing.folder(single ? "grader-grade" : "grader-batch", List.of(jar));
        Optional<ClassDataSharing.Dump> dump = ClassDataSharing.dump(archives);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(userJvmOptions());
        cmd.add("-D" + CHILD + "=true");
        // The grader's own code is mostly run once per submission: C2's optimising compiler costs more CPU
        // than it saves (measured: 14 s of JIT for 20 submissions), so C1 alone, for a batch too.
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", single ? "-XX:+UseSerialGC" : "-XX:+UseParallelGC"));
        cmd.addAll(dump.map(ClassDataSharing.Dump::options).orElse(ClassDataSharing.use(archives)));
        cmd.addAll(List.of("-cp", jar.toString(), GraderCli.class.getName()));
        cmd.addAll(List.of(args));
        Process child = new ProcessBuilder(cmd).inheritIO().start();
        backprop.grader.engine.Timing.mark("launcher: grading JVM started");
        Thread stop = new Thread(child::destroy, "stop-grader");
        Runtime.getRuntime().addShutdownHook(stop);
        int code = child.waitFor();
        backprop.grader.engine.Timing.mark("launcher: grading JVM ended");
        if (dump.isPresent()) {
            if (code < 128) {
                dump.get().adopt();
            } else {
                dump.get().discard();
            }
        }
        if (code == GraderCli.GRADED) {
            // Once per JDK and grader: archives for the compiler and the student JVMs, for the next runs.
            CompilerProcess.train();
            StudentJvm.train(DriverJar.path());
        }
        backprop.grader.engine.Timing.mark("launcher: archives checked");
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running
        }
        System.exit(code);
    }

    /** The JVM options this JVM was started with (those before {@code -jar}), for the grading JVM too. */
    private static List<String> userJvmOptions() {
        List<String> options = new ArrayList<>();
        String[] arguments = ProcessHandle.current().info().arguments().orElse(new String[0]);
        for (String a : arguments) {
            if (a.equals("-jar") || a.equals("-cp") || a.equals("-classpath") || !a.startsWith("-")) {
                break;
            }
            if (!a.startsWith("-D" + CHILD)) {
                options.add(a);
            }
        }
        return options;
    }
}
