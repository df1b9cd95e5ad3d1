package backprop.grader.cli;

import backprop.grader.engine.Grader;
import backprop.grader.run.RunOptions;
import backprop.grader.student.Isolation;
import backprop.grader.verify.Allowlist;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every grading command shares: time limits, isolation of the student JVMs, the API allowlist. */
final class LimitOptions {
    /** The largest --check-timeout and --compile-timeout: an hour. */
    static final long MAX_CHECK = 3_600;
    /** The largest --timeout: a day. */
    static final long MAX_GLOBAL = 86_400;

    @Option(names = "--check-timeout", paramLabel = "SECONDS", converter = LimitOptions.Seconds.class, defaultValue = "10",
            description = "CPU time the submission's code may use in one check (load from other work does not count)."
                    + " Default: ${DEFAULT-VALUE}.")
    long checkTimeout;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = LimitOptions.Seconds.class, defaultValue = "300",
            description = "Wall-clock time one submission's grading may take, compiling included. Default: ${DEFAULT-VALUE}.")
    long globalTimeout;

    @Option(names = "--compile-timeout", paramLabel = "SECONDS", converter = LimitOptions.Seconds.class, defaultValue = "30",
            description = "CPU time one run of the compiler may take; a file that keeps it busy longer is graded as its"
                    + " starter stub. Default: ${DEFAULT-VALUE}.")
    long compileTimeout;

    @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "auto",
            description = "What the operating system adds around the student JVMs: auto (the strongest available),"
                    + " bwrap, unshare or none. Default: ${DEFAULT-VALUE}.")
    String isolation;

    @Option(names = "--allow-api", paramLabel = "FILE",
            description = "Extra rules for the bytecode check, in the format of the built-in allowlist (docs/trust-model.md).")
    Path allowApi;

    /** The grader these options describe, or null after printing why they are wrong. */
    Grader grader() {
        RunOptions options = runOptions();
        if (options == null) {
            return null;
        }
        Allowlist allowlist = allowlist();
        return allowlist == null ? null : Grader.create(options, allowlist);
    }

    /** The limits, or null after printing why they are wrong. */
    RunOptions runOptions() {
        // Bounded above too: a budget in nanoseconds past Long.MAX_VALUE would overflow, and no check needs a day.
        for (Object[] limit : new Object[][] {{"--check-timeout", checkTimeout, MAX_CHECK}, {"--timeout", globalTimeout, MAX_GLOBAL},
                {"--compile-timeout", compileTimeout, MAX_CHECK}}) {
            long value = (Long) limit[1];
            long max = (Long) limit[2];
            if (value < 1 || value > max) {
                System.err.println("grader: " + limit[0] + " must be between 1 and " + max + " seconds, got " + value);
                return null;
            }
        }
        try {
            return RunOptions.defaults().withCheckCpu(Duration.ofSeconds(checkTimeout))
                    .withGlobal(Duration.ofSeconds(globalTimeout)).withIsolation(Isolation.parse(isolation))
                    .withCompileCpu(Duration.ofSeconds(compileTimeout)).withCompileCache(true);
        } catch (IllegalArgumentException e) {
            System.err.println("grader: --isolation: " + e.getMessage());
            return null;
        }
    }

    /** The allowlist, or null after printing why the extra file cannot be used. */
    Allowlist allowlist() {
        if (allowApi == null) {
            return Allowlist.defaults();
        }
        if (!Files.isRegularFile(allowApi)) {
            System.err.println("grader: --allow-api: no such file: " + allowApi.toAbsolutePath().normalize());
            return null;
        }
        try {
            return Allowlist.defaults().with(allowApi);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("grader: --allow-api: " + e.getMessage());
            return null;
        }
    }

    /** Whole seconds, with a message a person understands ("'1.5' is not a long" is picocli's). */
    static final class Seconds implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("must be a whole number of seconds, got '" + value + "'");
            }
        }
    }
}
