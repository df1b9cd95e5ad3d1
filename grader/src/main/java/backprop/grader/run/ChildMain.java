package backprop.grader.run;

import backprop.grader.checks.Evidence;
import com.google.gson.Gson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The test JVM's entry point. Before any student class loads it reads a secret token from stdin and
 * opens the results channel (a loopback socket the grader listens on); then it runs the requested
 * graded checks and reports each one. Student output goes to a capture buffer, never to the channel,
 * and the JVM ends with {@code halt} so that threads left running by student code cannot keep it alive.
 *
 * <p>Arguments: port, file with one JUnit unique id per line, per-check timeout in seconds.
 */
public final class ChildMain {
    static final int OUTPUT_LIMIT = 4000;

    private ChildMain() {
    }

    public static void main(String[] args) throws IOException {
        String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        int port = Integer.parseInt(args[0]);
        List<String> ids = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        String timeout = args[2];
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        Channel channel = new Channel(new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)));
        channel.line(token);
        OutputCapture capture = OutputCapture.install(OUTPUT_LIMIT);
        installSecurityManager();

        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(ids.stream().filter(s -> !s.isBlank()).map(DiscoverySelectors::selectUniqueId).toList())
                .configurationParameter("junit.jupiter.execution.timeout.default", timeout + " s")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .configurationParameter("junit.platform.output.capture.stderr", "false")
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new Reporter(channel, capture));
        channel.send(RunEvent.done());
        channel.close();
        ChildSecurityManager.halt(0);
    }

    /** From here on, the sandbox's policy applies to every class the submission brings. */
    @SuppressWarnings("removal")
    private static void installSecurityManager() {
        if (System.getProperty("java.security.policy") != null) {
            System.setSecurityManager(new ChildSecurityManager());
        }
    }

    /** Sends every test's verdict as it happens; ends the JVM right after a timed-out check. */
    private static final class Reporter implements TestExecutionListener {
        private final Channel channel;
        private final OutputCapture capture;
        private long startedAt;

        Reporter(Channel channel, OutputCapture capture) {
            this.channel = channel;
            this.capture = capture;
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            if (test.isTest()) {
                capture.take();
                Evidence.clear();
                startedAt = System.nanoTime();
                channel.send(RunEvent.started(test.getUniqueId()));
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            Throwable failure = result.getThrowable().orElse(null);
            if (!test.isTest()) {
                if (failure != null) {
                    channel.send(new RunEvent("container_failed", test.getUniqueId(), result.getStatus().name(),
                            failure.getClass().getName(), Failures.describe(failure), capture.take(), 0, null));
                }
                return;
            }
            long millis = (System.nanoTime() - startedAt) / 1_000_000;
            channel.send(new RunEvent("finished", test.getUniqueId(), result.getStatus().name(),
                    failure == null ? null : Failures.kind(failure), failure == null ? null : Failures.describe(failure),
                    capture.take(), millis, Evidence.take()));
            if (failure != null && Failures.isTimeout(failure)) {
                // The timed-out code may still be running in its thread; a fresh JVM runs the remaining checks.
                channel.close();
                ChildSecurityManager.halt(0);
            }
        }
    }

    /** JSON lines over the socket; synchronized because timed-out tests run in their own thread. */
    private static final class Channel {
        private static final Gson GSON = new Gson();
        private final Writer out;

        Channel(Writer out) {
            this.out = out;
        }

        synchronized void send(RunEvent event) {
            line(GSON.toJson(event));
        }

        synchronized void line(String text) {
            try {
                out.write(text);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                ChildSecurityManager.halt(70); // the grader is gone: nothing left to report to
            }
        }

        synchronized void close() {
            try {
                out.flush();
                out.close();
            } catch (IOException ignored) {
                // closing a socket whose peer left
            }
        }
    }
}
