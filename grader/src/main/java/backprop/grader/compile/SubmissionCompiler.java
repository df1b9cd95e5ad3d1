package backprop.grader.compile;

import backprop.grader.GraderFiles;
import backprop.grader.results.CompileDiagnostic;
import backprop.grader.submission.SourceFile;
import backprop.grader.submission.StarterSources;
import backprop.grader.submission.Submission;
import backprop.grader.verify.BytecodeVerifier;
import backprop.grader.verify.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Step 2 of grading: compiles a submission with {@code javac} in a separate, killable process, then
 * verifies the bytecode. A student file that does not compile, that keeps the compiler busy beyond
 * its budget, or that uses API graded code may not use, is replaced by its starter stub (an extra
 * file is left out) and the rest is compiled again, so the parts that work still earn their points.
 */
public final class SubmissionCompiler {
    private final StarterSources starter;
    private final BytecodeVerifier verifier;

    public SubmissionCompiler(StarterSources starter, BytecodeVerifier verifier) {
        this.starter = starter;
        this.verifier = verifier;
    }

    /**
     * Compiles into {@code classesDir}. Each javac run may use {@code cpu} of CPU time; nothing runs past
     * {@code deadline} (System.nanoTime): then the result says {@link CompilationResult#timedOut()}.
     */
    public CompilationResult compile(Submission submission, Path classesDir, Duration cpu, long deadline) {
        return compile(submission, classesDir, cpu, deadline, false);
    }

    /**
     * Like {@link #compile(Submission, Path, Duration, long)}; with {@code useCache}, an earlier compilation of
     * the very same sources under the same grader, JDK, allowlist and budget is reused ({@link CompileCache}),
     * its classes verified again first.
     */
    public CompilationResult compile(Submission submission, Path classesDir, Duration cpu, long deadline, boolean useCache) {
        if (!useCache) {
            return compileFresh(submission, classesDir, cpu, deadline);
        }
        String key = CompileCache.key(submission, verifier.fingerprint(), cpu);
        java.util.Optional<CompilationResult> cached = CompileCache.load(key, classesDir);
        if (cached.isPresent() && verifier.verify(classesDir).isEmpty()) {
            backprop.grader.engine.Timing.mark("compiled (cached)");
            return cached.get();
        }
        CompilationResult fresh = compileFresh(submission, classesDir, cpu, deadline);
        CompileCache.store(key, fresh);
        return fresh;
    }

    private CompilationResult compileFresh(Submission submission, Path classesDir, Duration cpu, long deadline) {
        Map<String, SourceFile> sources = new LinkedHashMap<>();
        submission.sources().forEach(s -> sources.put(s.fileName(), s));
        Outcome o = new Outcome();
        CompilerProcess worker = CompilerProcess.borrow();
        try {
            for (int attempt = 0; attempt <= sources.size() + 1; attempt++) {
                GraderFiles.emptyDirectory(classesDir);
                Map<String, List<CompileDiagnostic>> errors;
                {
                    try {
                        errors = javac(worker, sources, classesDir, cpu, deadline);
                    } catch (CompilerProcess.TimedOut t) {
                        if (System.nanoTime() - deadline > 0) {
                            return o.result(classesDir, true);
                        }
                        errors = slowFiles(sources, classesDir, cpu, deadline, t.getMessage());
                        worker = CompilerProcess.borrow(); // the one that timed out was killed
                        if (System.nanoTime() - deadline > 0) {
                            return o.result(classesDir, true);
                        }
                        if (errors.isEmpty()) {
                            // only all files together are too much: compile the student's files as stubs
                            for (SourceFile f : sources.values()) {
                                if (f.fromStudent()) {
                                    errors.put(f.fileName(), List.of(new CompileDiagnostic(f.origin(), 0, "error",
                                            "the compiler " + t.getMessage() + " on the submission")));
                                }
                            }
                        }
                    }
                }
                if (errors.containsKey(UNATTRIBUTED)) {
                    errors = blameForUnattributedFailure(errors.get(UNATTRIBUTED), sources.values());
                }
                backprop.grader.engine.Timing.mark("javac ran");
                if (errors.isEmpty()) {
                    o.reported.addAll(removeStrayClasses(classesDir));
                    errors = refused(verifier.verify(classesDir), sources);
                    backprop.grader.engine.Timing.mark("bytecode verified");
                    if (errors.isEmpty()) {
                        return o.result(classesDir, false);
                    }
                    o.refused.addAll(errors.keySet());
                }
                if (!replaceFailing(errors, sources, o)) {
                    // Only starter files fail: the student's files must have broken them (e.g. a changed signature).
                    errors.values().forEach(o.reported::addAll);
                    for (SourceFile file : List.copyOf(sources.values())) {
                        if (file.fromStudent()) {
                            replace(file, sources, o);
                        }
                    }
                }
            }
            throw new IllegalStateException("the starter itself does not compile; rebuild the grader");
        } finally {
            worker.release();
        }
    }

    /** What happened to the files, gathered over the attempts. */
    private static final class Outcome {
        final List<CompileDiagnostic> reported = new ArrayList<>();
        final Map<String, List<CompileDiagnostic>> byFile = new LinkedHashMap<>();
        final Set<String> replaced = new LinkedHashSet<>();
        final Set<String> dropped = new LinkedHashSet<>();
        final Set<String> refused = new LinkedHashSet<>();

        CompilationResult result(Path classesDir, boolean timedOut) {
            List<CompileDiagnostic> shown = reported.size() <= MAX_DIAGNOSTICS ? reported
                    : new ArrayList<>(reported.subList(0, MAX_DIAGNOSTICS));
            if (shown != reported) { // thousands of small files make thousands of errors: the first ones tell
                shown.add(new CompileDiagnostic("", 0, "note", (reported.size() - MAX_DIAGNOSTICS) + " more compiler"
                        + " messages not shown"));
            }
            return new CompilationResult(classesDir, shown, replaced, dropped, refused, byFile, timedOut);
        }
    }

    /** Replaces (or drops) every student file with errors; false when none of them is a student's. */
    private boolean replaceFailing(Map<String, List<CompileDiagnostic>> errors, Map<String, SourceFile> sources, Outcome o) {
        boolean changed = false;
        for (Map.Entry<String, List<CompileDiagnostic>> e : errors.entrySet()) {
            SourceFile file = sources.get(e.getKey());
            if (file == null || !file.fromStudent()) {
                continue;
            }
            o.reported.addAll(e.getValue());
            o.byFile.computeIfAbsent(file.fileName(), k -> new ArrayList<>()).addAll(e.getValue());
            replace(file, sources, o);
            changed = true;
        }
        return changed;
    }

    private void replace(SourceFile file, Map<String, SourceFile> sources, Outcome o) {
        String stub = starter.source(file.fileName());
        if (stub == null) {
            sources.remove(file.fileName());
            o.dropped.add(file.fileName());
        } else {
            sources.put(file.fileName(), new SourceFile(file.fileName(), "starter", stub, false));
            o.replaced.add(file.fileName());
        }
    }

    /** Compiler messages kept in a report. */
    private static final int MAX_DIAGNOSTICS = 100;
    /** Refused uses reported per file. */
    private static final int MAX_REFUSALS_PER_FILE = 20;

    /** Key of a failure javac attributes to no file (it ran out of stack on an absurd expression, say). */
    private static final String UNATTRIBUTED = "?";

    private static Map<String, List<CompileDiagnostic>> javac(CompilerProcess worker, Map<String, SourceFile> sources,
                                                              Path classesDir, Duration cpu, long deadline)
            throws CompilerProcess.TimedOut {
        Map<String, String> files = new LinkedHashMap<>();
        java.util.Set<String> student = new java.util.LinkedHashSet<>();
        sources.values().forEach(f -> {
            files.put(f.fileName(), f.source());
            if (f.fromStudent()) {
                student.add(f.fileName());
            }
        });
        CompilerProcess.Result result = worker.compile(files, student, StarterSources.PACKAGE, classesDir, cpu, deadline);
        Map<String, List<CompileDiagnostic>> errors = new LinkedHashMap<>();
        // Compiled as they are, classes of another package would land outside the student's package.
        result.wrongPackages().forEach((name, pkg) -> errors.put(name, List.of(new CompileDiagnostic(sources.get(name).origin(),
                1, "error", "declares package " + (pkg.isEmpty() ? "(none)" : pkg) + ", but the course's classes must be in"
                + " package " + StarterSources.PACKAGE))));
        if (!errors.isEmpty()) {
            return errors;
        }
        for (CompilerProcess.Error e : result.errors()) {
            SourceFile f = e.file() == null ? null : sources.get(e.file());
            if (f == null) {
                continue;
            }
            errors.computeIfAbsent(f.fileName(), k -> new ArrayList<>())
                    .add(new CompileDiagnostic(f.origin(), e.line(), "error", e.message()));
        }
        if (errors.isEmpty() && !result.ok()) {
            String said = result.output().strip();
            errors.put(UNATTRIBUTED, List.of(new CompileDiagnostic("?", 0, "error", "the compiler gave up on this submission"
                    + (said.isEmpty() ? "" : " (javac: " + said.lines().findFirst().orElse("") + ")")
                    + "; is an expression nested absurdly deep?")));
        }
        return errors;
    }

    /**
     * After the whole submission kept javac busy beyond its budget: compiles each student file on its
     * own (the others as their stubs) and names those that alone are too much.
     */
    private Map<String, List<CompileDiagnostic>> slowFiles(Map<String, SourceFile> sources, Path classesDir, Duration cpu,
                                                           long deadline, String budget) {
        Map<String, List<CompileDiagnostic>> slow = new LinkedHashMap<>();
        for (SourceFile suspect : sources.values()) {
            if (!suspect.fromStudent() || System.nanoTime() - deadline > 0) {
                continue;
            }
            Map<String, SourceFile> alone = new LinkedHashMap<>();
            for (SourceFile f : sources.values()) {
                String stub = starter.source(f.fileName());
                if (f == suspect || !f.fromStudent()) {
                    alone.put(f.fileName(), f);
                } else if (stub != null) {
                    alone.put(f.fileName(), new SourceFile(f.fileName(), "starter", stub, false));
                }
            }
            CompilerProcess worker = CompilerProcess.borrow();
            try {
                GraderFiles.emptyDirectory(classesDir);
                javac(worker, alone, classesDir, cpu, deadline);
                worker.release();
            } catch (CompilerProcess.TimedOut t) {
                slow.put(suspect.fileName(), List.of(new CompileDiagnostic(suspect.origin(), 0, "error", "the compiler "
                        + t.getMessage() + " on this file: an expression too complex to type-check or too large to hold"
                        + " (deeply nested generic calls or lambdas, a constant built up to gigabytes)?")));
            }
        }
        return slow;
    }

    /** Blames a failure without a file on the extra files if there are any, else on every student file. */
    private Map<String, List<CompileDiagnostic>> blameForUnattributedFailure(List<CompileDiagnostic> why,
                                                                             Iterable<SourceFile> files) {
        Map<String, List<CompileDiagnostic>> extra = new LinkedHashMap<>();
        Map<String, List<CompileDiagnostic>> all = new LinkedHashMap<>();
        for (SourceFile f : files) {
            if (!f.fromStudent()) {
                continue;
            }
            List<CompileDiagnostic> d = List.of(new CompileDiagnostic(f.origin(), 0, "error", why.get(0).message()));
            all.put(f.fileName(), d);
            if (starter.source(f.fileName()) == null) {
                extra.put(f.fileName(), d);
            }
        }
        if (all.isEmpty()) {
            // Only the starter's own files are left, and the compiler still fails: the grader is broken, not the submission.
            throw new IllegalStateException("the compiler fails on the starter's own files: " + why.get(0).message());
        }
        return extra.isEmpty() ? all : extra;
    }

    /** The verifier's findings as errors of the files they are in; a finding in the starter's own code is a grader bug. */
    private static Map<String, List<CompileDiagnostic>> refused(List<Violation> violations, Map<String, SourceFile> sources) {
        Map<String, List<CompileDiagnostic>> refused = new LinkedHashMap<>();
        for (Violation v : violations) {
            SourceFile f = sources.get(v.sourceFile());
            if (f == null || !f.fromStudent()) {
                throw new IllegalStateException("the starter's " + v.sourceFile() + " uses " + v.api() + ", which the API"
                        + " allowlist refuses: add it to the allowlist");
            }
            List<CompileDiagnostic> list = refused.computeIfAbsent(f.fileName(), k -> new ArrayList<>());
            if (list.size() < MAX_REFUSALS_PER_FILE) { // a file of a thousand refused calls needs no thousand lines
                list.add(new CompileDiagnostic(f.origin(), v.line(), "refused", "uses " + v.api()
                        + ", which graded code may not use" + (v.reason().isEmpty() ? "" : " (" + v.reason() + ")")));
            }
        }
        return refused;
    }

    /** Deletes class files outside package backprop.nn (defence in depth: the package check should leave none). */
    private static List<CompileDiagnostic> removeStrayClasses(Path classesDir) {
        List<CompileDiagnostic> removed = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classesDir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = classesDir.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith("backprop/nn/") || rel.indexOf('/', "backprop/nn/".length()) >= 0) {
                    Files.delete(p);
                    removed.add(new CompileDiagnostic(rel, 0, "warning", "class outside package "
                            + StarterSources.PACKAGE + " removed"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }
}
