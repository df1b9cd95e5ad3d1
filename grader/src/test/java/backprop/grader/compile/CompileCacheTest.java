package backprop.grader.compile;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.engine.Fixtures;
import backprop.grader.submission.StarterSources;
import backprop.grader.submission.Submission;
import backprop.grader.submission.SubmissionLoader;
import backprop.grader.verify.Allowlist;
import backprop.grader.verify.BytecodeVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCacheTest {
    private static final StarterSources STARTER = StarterSources.packaged();
    private static final Duration CPU = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    /** The solutions with a compile error in ReLU.java and a unique comment, so that the first compilation is fresh. */
    private Submission submission(String tag) {
        Map<String, String> files = new LinkedHashMap<>(Fixtures.solutionFiles());
        files.put("ReLU.java", files.get("ReLU.java").replaceFirst("return z > 0", "return z >>> 0 +"));
        files.put("Sigmoid.java", files.get("Sigmoid.java") + "\n// " + tag + " " + System.nanoTime() + "\n");
        return new SubmissionLoader(STARTER).load(Fixtures.write("cache-" + tag, files, Fixtures.Layout.FLAT));
    }

    private static Map<String, String> classes(Path dir) throws IOException {
        Map<String, String> all = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                all.put(dir.relativize(p).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return all;
    }

    @Test
    void theSameSourcesAreCompiledOnceAndGetTheSameResultAndClassesAgain() throws IOException {
        SubmissionCompiler compiler = new SubmissionCompiler(STARTER, new BytecodeVerifier(Allowlist.defaults()));
        Submission s = submission("same");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String key = CompileCache.key(s, Allowlist.defaults().fingerprint(), CPU);
        assertThat(CompileCache.load(key, tmp.resolve("probe"))).as("not cached before").isEmpty();

        CompilationResult first = compiler.compile(s, tmp.resolve("first"), CPU, deadline, true);
        CompilationResult second = compiler.compile(s, tmp.resolve("second"), CPU, deadline, true);

        assertThat(CompileCache.load(key, tmp.resolve("probe"))).as("cached after the first compilation").isPresent();
        assertThat(first.replacedFiles()).containsExactly("ReLU.java");
        assertThat(second.replacedFiles()).isEqualTo(first.replacedFiles());
        assertThat(second.byFile()).isEqualTo(first.byFile());
        assertThat(second.diagnostics()).isEqualTo(first.diagnostics());
        assertThat(second.classesDir()).isEqualTo(tmp.resolve("second"));
        assertThat(classes(tmp.resolve("second"))).isEqualTo(classes(tmp.resolve("first"))).isNotEmpty();
    }

    @Test
    void theKeyChangesWithTheSourcesTheAllowlistAndTheBudget() throws IOException {
        Submission a = submission("a");
        Submission b = submission("b");
        Path extra = Files.writeString(tmp.resolve("extra.txt"), "allow java.util.concurrent.*\n");
        String fingerprint = Allowlist.defaults().fingerprint();

        assertThat(CompileCache.key(a, fingerprint, CPU)).isEqualTo(CompileCache.key(a, fingerprint, CPU))
                .isNotEqualTo(CompileCache.key(b, fingerprint, CPU))
                .isNotEqualTo(CompileCache.key(a, Allowlist.defaults().with(extra).fingerprint(), CPU))
                .isNotEqualTo(CompileCache.key(a, fingerprint, Duration.ofSeconds(5)));
    }

    @Test
    void withoutTheCacheEveryCompilationRunsJavac() {
        SubmissionCompiler compiler = new SubmissionCompiler(STARTER, new BytecodeVerifier(Allowlist.defaults()));
        Submission s = submission("off");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();

        compiler.compile(s, tmp.resolve("off"), CPU, deadline);

        assertThat(CompileCache.load(CompileCache.key(s, Allowlist.defaults().fingerprint(), CPU), tmp.resolve("probe"))).isEmpty();
    }
}
