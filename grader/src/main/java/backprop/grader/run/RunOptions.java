package backprop.grader.run;

import backprop.grader.student.Isolation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Limits of one grading.
 *
 * @param checkCpu  CPU time the student's code may use in one check (measured on its JVM, so load
 *                  from other work never fails correct code); beyond it the check times out
 * @param global    wall-clock time the whole grading may take, compiling included; beyond it the
 *                  remaining checks are not run and the report is written anyway
 * @param maxHeap   heap of each student JVM, e.g. "256m"
 * @param isolation the isolation modes to try for student JVMs, strongest first
 * @param compileCpu CPU time one run of javac may use; a file that needs more is graded as its stub
 * @param compileCache reuse an earlier compilation of the very same sources (the command line's choice;
 *                     off by default, so that code calling the engine always exercises javac)
 */
public record RunOptions(Duration checkCpu, Duration global, String maxHeap, List<Isolation> isolation, Duration compileCpu,
                         boolean compileCache) {
    public RunOptions {
        Objects.requireNonNull(compileCpu, "compileCpu");
        Objects.requireNonNull(checkCpu, "checkCpu");
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(maxHeap, "maxHeap");
        isolation = List.copyOf(isolation);
        if (checkCpu.isNegative() || checkCpu.isZero() || global.isNegative() || global.isZero()) {
            throw new IllegalArgumentException("time limits must be positive, got check " + checkCpu + ", global " + global);
        }
    }

    /** 10 s of CPU per check, 300 s in all, 256 MB of heap, the strongest isolation this machine has. */
    public static RunOptions defaults() {
        return new RunOptions(Duration.ofSeconds(10), Duration.ofSeconds(300), "256m", Isolation.parse("auto"),
                Duration.ofSeconds(30), false);
    }

    public RunOptions withCheckCpu(Duration d) {
        return new RunOptions(d, global, maxHeap, isolation, compileCpu, compileCache);
    }

    public RunOptions withGlobal(Duration d) {
        return new RunOptions(checkCpu, d, maxHeap, isolation, compileCpu, compileCache);
    }

    public RunOptions withIsolation(List<Isolation> modes) {
        return new RunOptions(checkCpu, global, maxHeap, modes, compileCpu, compileCache);
    }

    public RunOptions withCompileCpu(Duration d) {
        return new RunOptions(checkCpu, global, maxHeap, isolation, d, compileCache);
    }

    public RunOptions withCompileCache(boolean on) {
        return new RunOptions(checkCpu, global, maxHeap, isolation, compileCpu, on);
    }

    /** The wall-clock backstop of one call: generous, so that only code that waits forever meets it. */
    public Duration wallBackstop() {
        Duration six = checkCpu.multipliedBy(6);
        return six.compareTo(Duration.ofSeconds(60)) > 0 ? six : Duration.ofSeconds(60);
    }
}
