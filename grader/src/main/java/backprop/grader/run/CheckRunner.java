package backprop.grader.run;

import backprop.grader.catalogue.CheckSpec;
import backprop.grader.checks.CheckFailure;
import backprop.grader.checks.DeferredDiagnosis;
import backprop.grader.checks.Evidence;
import backprop.grader.checks.NotImplementedFailure;
import backprop.grader.checks.Seeds;
import backprop.grader.checks.Student;
import backprop.grader.results.Status;
import backprop.grader.student.StudentJvmDied;
import backprop.grader.student.StudentTimedOut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the graded checks (JUnit 5 tests) in this JVM, on the calling thread, with their calls to
 * student code bound to a {@link GradingSession}, and collects one outcome per check. Every check of
 * the catalogue starts at "not run"; only what the launcher reports finished replaces that.
 */
public final class CheckRunner {
    /** Characters of a check's message kept: enough for any feedback, bounded for any exception. */
    static final int MESSAGE_LIMIT = 8000;

    private CheckRunner() {
    }

    /**
     * The checks of a catalogue, discovered and ready to run: discovery (a fifth of a second of reflection
     * over the suites) can then happen while javac compiles the submission.
     */
    public static final class Plan {
        private final List<CheckSpec> catalogue;
        private final Launcher launcher;
        private final TestPlan testPlan;

        private Plan(List<CheckSpec> catalogue, Launcher launcher, TestPlan testPlan) {
            this.catalogue = List.copyOf(catalogue);
            this.launcher = launcher;
            this.testPlan = testPlan;
        }
    }

    /** Runs every check of {@code catalogue}; {@code salt} shifts the randomised checks' seeds ({@link Seeds#salt}). */
    public static RunResult run(List<CheckSpec> catalogue, GradingSession session, long salt) {
        return run(plan(catalogue), session, salt);
    }

    /** Discovers the checks of {@code catalogue} (on any thread; run the plan once, on one thread). */
    public static Plan plan(List<CheckSpec> catalogue) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(catalogue.stream().map(c -> DiscoverySelectors.selectUniqueId(c.uniqueId())).toList())
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .configurationParameter("junit.jupiter.execution.timeout.mode", "disabled")
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .configurationParameter("junit.platform.output.capture.stderr", "false")
                .build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .addTestEngines(new JupiterTestEngine())
                .build());
        return new Plan(catalogue, launcher, launcher.discover(request));
    }

    /** Runs the checks of {@code plan}, which must not have run before. */
    public static RunResult run(Plan plan, GradingSession session, long salt) {
        List<CheckSpec> catalogue = plan.catalogue;
        Map<String, CheckSpec> byId = new LinkedHashMap<>();
        catalogue.forEach(c -> byId.put(c.uniqueId(), c));
        Map<String, CheckOutcome> outcomes = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Student.bind(session);
        Seeds.salt(salt);
        Listener listener = new Listener(byId, session, outcomes, notes);
        try {
            plan.launcher.execute(plan.testPlan, listener);
            resolveDeferred(listener.deferred, session, outcomes);
        } finally {
            Student.unbind();
            Seeds.salt(0);
        }
        for (CheckSpec spec : catalogue) {
            outcomes.putIfAbsent(spec.uniqueId(), new CheckOutcome(Status.ERROR, "not run (the grader reported no result for"
                    + " this check)", "", 0));
        }
        notes.addAll(session.notes());
        return new RunResult(outcomes, notes, "");
    }

    /**
     * Works out the diagnoses that needed other checks re-run, now that every graded check is done, each in
     * its check's own group JVM. If that fails (time is up, the JVM dies), the check keeps the diagnosis it had.
     */
    private static void resolveDeferred(Map<CheckSpec, DeferredDiagnosis> deferred, GradingSession session,
                                        Map<String, CheckOutcome> outcomes) {
        deferred.forEach((spec, d) -> {
            session.beginResolving(spec);
            try {
                CheckFailure resolved = d.resolve();
                CheckOutcome was = outcomes.get(spec.uniqueId());
                outcomes.put(spec.uniqueId(), new CheckOutcome(was.status(), bounded(resolved.feedback()),
                        bounded(resolved.diagnosis()), was.output(), was.millis(), was.evidence()));
            } catch (RuntimeException | AssertionError e) {
                // the provisional diagnosis stands
            } finally {
                session.endCheck();
            }
        });
    }

    /** The outcome of a finished check from how it ended. */
    static CheckOutcome outcome(TestExecutionResult result, String output, long millis, String evidence) {
        Throwable t = result.getThrowable().orElse(null);
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return new CheckOutcome(Status.PASSED, "", "", output, millis, evidence);
        }
        Status status;
        String message;
        String diagnosis = "";
        if (t instanceof CheckFailure f) {
            status = f instanceof NotImplementedFailure ? Status.NOT_IMPLEMENTED : Status.FAILED;
            message = f.feedback();
            diagnosis = f.diagnosis();
        } else if (t instanceof AssertionError) {
            status = Status.FAILED;
            message = t.getMessage();
        } else if (t instanceof StudentTimedOut) {
            status = Status.TIMEOUT;
            message = t.getMessage();
        } else if (t instanceof StudentJvmDied) {
            status = Status.ERROR;
            message = t.getMessage();
        } else if (t == null) {
            status = Status.ERROR;
            message = "the check was aborted";
        } else {
            status = Status.ERROR;
            message = "the grader could not finish this check (" + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage()) + "); this is a problem of the grader,"
                    + " please report it to your instructor" + firstFrame(t);
        }
        return new CheckOutcome(status, bounded(String.valueOf(message)), bounded(diagnosis), output, millis, evidence);
    }

    private static String firstFrame(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length == 0 ? "" : " [at " + trace[0] + "]";
    }

    static String bounded(String message) {
        return message.length() <= MESSAGE_LIMIT ? message
                : message.substring(0, MESSAGE_LIMIT) + " [… " + (message.length() - MESSAGE_LIMIT) + " more characters]";
    }

    private static final class Listener implements TestExecutionListener {
        private final Map<String, CheckSpec> byId;
        private final GradingSession session;
        private final Map<String, CheckOutcome> outcomes;
        private final List<String> notes;
        final Map<CheckSpec, DeferredDiagnosis> deferred = new LinkedHashMap<>();
        private long startedAt;

        Listener(Map<String, CheckSpec> byId, GradingSession session, Map<String, CheckOutcome> outcomes, List<String> notes) {
            this.byId = byId;
            this.session = session;
            this.outcomes = outcomes;
            this.notes = notes;
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            CheckSpec spec = byId.get(test.getUniqueId());
            if (spec != null) {
                session.beginCheck(spec);
                Evidence.clear();
                startedAt = System.nanoTime();
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            CheckSpec spec = byId.get(test.getUniqueId());
            if (spec == null) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && result.getThrowable().isPresent()) {
                    Throwable t = result.getThrowable().get();
                    notes.add("a group of checks could not be set up (" + t.getClass().getSimpleName() + ": "
                            + bounded(String.valueOf(t.getMessage())) + "); its checks earned nothing");
                }
                return;
            }
            long millis = (System.nanoTime() - startedAt) / 1_000_000;
            outcomes.put(spec.uniqueId(), outcome(result, session.endCheck(), millis, Evidence.take()));
            if (result.getThrowable().orElse(null) instanceof DeferredDiagnosis d) {
                deferred.put(spec, d);
            }
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            CheckSpec spec = byId.get(test.getUniqueId());
            if (spec != null) {
                outcomes.put(spec.uniqueId(), new CheckOutcome(Status.ERROR, "not run: " + reason, "", 0));
            }
        }
    }
}
