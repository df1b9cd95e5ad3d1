package backprop.grader.html;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for the HTML tests: the DOM after rendering ({@code --dump-dom}) and screenshots.
 *
 * <p>When no {@code chromium} is installed, the first use installs Debian's {@code chromium} and
 * {@code chromium-driver} with apt-get (the machines and CI run as root, so the test set-up installs them
 * too). If that is impossible the test fails with a message saying what to install: these tests never
 * skip silently.
 */
final class Chromium {
    private static final long RUN_SECONDS = 90;
    private static final long INSTALL_MINUTES = 20;
    private static Path binary;

    private Chromium() {
    }

    /** The chromium executable, installed first if needed. */
    static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        Path found = find();
        if (found == null) {
            install();
            found = find();
            if (found == null) {
                throw new AssertionError("chromium is still missing after apt-get install; install it by hand: "
                        + "apt-get update && apt-get install -y chromium chromium-driver");
            }
        }
        binary = found;
        return binary;
    }

    /** The DOM of {@code page} after Chromium has parsed and laid it out, serialized as HTML. */
    static String dumpDom(Path page) {
        Result r = run(page, List.of("--dump-dom"));
        if (r.stdout.isBlank()) {
            throw new AssertionError("chromium --dump-dom printed nothing for " + page + "; its stderr:\n" + r.stderr);
        }
        return r.stdout;
    }

    /** What {@link #layout} found: the page's content width and scroll width, and what does not fit. */
    record Layout(int width, int scrollWidth, List<String> problems) {
    }

    /**
     * Lays {@code page} out in a viewport {@code width} CSS pixels wide and lists what does not fit:
     * elements reaching past either edge (unless inside a container that scrolls sideways), content
     * clipped by overflow:hidden, and text squeezed into a column a few letters wide. Headless
     * Chromium's windows are at least 500 px wide, so the page is shown in an iframe of that width
     * (a copy without its Content-Security-Policy, plus a probe script that posts what it measured).
     */
    static Layout layout(Path page, int width) {
        try {
            Path dir = Files.createTempDirectory("layout-");
            String html = Files.readString(page, StandardCharsets.UTF_8)
                    .replaceAll("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "");
            String probe;
            try (InputStream in = Chromium.class.getResourceAsStream("/html/layout-probe.html")) {
                probe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Files.writeString(dir.resolve("page.html"), html.replace("</body>", probe + "</body>"), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("wrap.html"), "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"page.html\""
                    + " style=\"width:" + width + "px;height:900px;border:0\"></iframe><pre id=\"result\">pending</pre><script>"
                    + "window.addEventListener('message', e => { document.getElementById('result').textContent = e.data; });"
                    + "</script></body></html>", StandardCharsets.UTF_8);
            Result r = run(dir.resolve("wrap.html"), List.of("--virtual-time-budget=10000", "--dump-dom"));
            deleteTree(dir);
            String json = org.jsoup.Jsoup.parse(r.stdout).getElementById("result").text();
            if (!json.startsWith("{")) {
                throw new AssertionError("the layout probe did not report for " + page + " (" + json + "); chromium said:\n" + r.stderr);
            }
            com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
            List<String> problems = new ArrayList<>();
            o.getAsJsonArray("bad").forEach(e -> problems.add(e.getAsString()));
            return new Layout(o.get("width").getAsInt(), o.get("scrollWidth").getAsInt(), problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a PNG screenshot of {@code page} at {@code width} × {@code height} CSS pixels. */
    static Path screenshot(Path page, Path png, int width, int height) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.deleteIfExists(png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result r = run(page, List.of("--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height));
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("chromium wrote no screenshot " + png + "; its stderr:\n" + r.stderr);
        }
        return png;
    }

    private record Result(String stdout, String stderr) {
    }

    private static Result run(Path page, List<String> extra) {
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(extra);
        command.add(page.toAbsolutePath().toUri().toString());
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish within " + RUN_SECONDS + " s: " + command);
            }
            return new Result(out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running chromium", e);
        } finally {
            deleteTree(profile);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    private static Path find() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "chromium"))) {
                return Path.of(dir, "chromium");
            }
        }
        return null;
    }

    /** apt-get install, with apt-get update first when the package lists are empty or stale. */
    private static void install() {
        StringBuilder log = new StringBuilder();
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new AssertionError("chromium is not installed and there is no apt-get to install it: install Chromium "
                    + "(Debian: apt-get install -y chromium chromium-driver) to run the HTML report tests");
        }
        System.err.println("[Chromium] chromium is missing: installing it with apt-get (this takes a minute or two) ...");
        int code = exec(log, "apt-get", "install", "-y", "chromium", "chromium-driver");
        if (code != 0) {
            exec(log, "apt-get", "update");
            code = exec(log, "apt-get", "install", "-y", "chromium", "chromium-driver");
        }
        if (code != 0) {
            String tail = log.length() > 4000 ? log.substring(log.length() - 4000) : log.toString();
            throw new AssertionError("chromium is not installed and 'apt-get install -y chromium chromium-driver' failed (exit "
                    + code + "; root is needed). Install it by hand to run the HTML report tests. apt-get said:\n" + tail);
        }
    }

    private static int exec(StringBuilder log, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = drain(p.getInputStream());
            if (!p.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                log.append(String.join(" ", command)).append(": timed out\n");
                return -1;
            }
            log.append("$ ").append(String.join(" ", command)).append('\n').append(out.join());
            return p.exitValue();
        } catch (IOException e) {
            log.append(String.join(" ", command)).append(": ").append(e).append('\n');
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover profile in /tmp does no harm
        }
    }
}
