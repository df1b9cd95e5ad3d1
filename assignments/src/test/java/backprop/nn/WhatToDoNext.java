package backprop.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints, once after all public tests, what to do next: one line per method that is not written
 * yet (with how many tests wait for it), then each failing test of code you did write, with its
 * message and the line of your code it failed in. The test classes use it with
 * {@code @ExtendWith(WhatToDoNext.class)}; it changes no result.
 */
public final class WhatToDoNext implements TestExecutionExceptionHandler {
    private static final Pattern TODO = Pattern.compile("(\\w+\\.\\w+) is not implemented yet");
    /** Lines of a failure message shown; the full message is in target/surefire-reports. */
    private static final int MESSAGE_LINES = 6;
    /** Failing tests shown in full: the first ones usually share the cause of the rest. */
    private static final int FAILURES_SHOWN = 12;

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        report(context).record(context, thrown);
        throw thrown;
    }

    private static Report report(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(WhatToDoNext.class))
                .getOrComputeIfAbsent(Report.class, k -> new Report(), Report.class);
    }

    /** What the run found; printed when JUnit closes the root store, after the last test. */
    static final class Report implements AutoCloseable {
        /** The order of the README's table: activations, losses, the layer, the network, training. */
        private static final List<String> ORDER = List.of("Identity", "Sigmoid", "Tanh", "ReLU", "LeakyReLU",
                "MeanSquaredError", "BinaryCrossEntropy", "SoftmaxCrossEntropy", "DenseLayer", "Network", "Trainer");
        /** Test classes in the same order. */
        private static final List<String> TESTS = List.of("ActivationDerivativeTest", "LossGradientTest", "DenseLayerTest",
                "NetworkTest", "WorkedExampleTest", "TrainerTest", "XorTest");
        private final Map<String, Integer> todo = new TreeMap<>(java.util.Comparator.comparing((String m) -> rank(ORDER,
                m.substring(0, m.indexOf('.') < 0 ? m.length() : m.indexOf('.')))).thenComparing(m -> m));
        private final List<Map.Entry<Integer, String>> failures = new ArrayList<>();
        private int failed;

        synchronized void record(ExtensionContext context, Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                if (t instanceof NotImplementedYet) {
                    Matcher m = TODO.matcher(String.valueOf(t.getMessage()));
                    todo.merge(m.find() ? m.group(1) : String.valueOf(t.getMessage()), 1, Integer::sum);
                    return;
                }
            }
            failed++;
            List<String> names = new ArrayList<>();
            for (ExtensionContext c = context; c.getParent().isPresent(); c = c.getParent().get()) {
                names.add(0, c.getDisplayName()); // class, method, parameters: everything below the engine
            }
            String test = String.join(" > ", names);
            StringBuilder b = new StringBuilder("  ").append(test).append('\n');
            String message = thrown.getMessage() == null ? thrown.getClass().getSimpleName()
                    : (thrown instanceof AssertionError ? "" : thrown.getClass().getSimpleName() + ": ") + thrown.getMessage();
            message.strip().lines().limit(MESSAGE_LINES).forEach(l -> b.append("      ").append(l).append('\n'));
            if (message.strip().lines().count() > MESSAGE_LINES) {
                b.append("      ... (the whole message: target/surefire-reports)\n");
            }
            yourLine(thrown).ifPresent(where -> b.append("      at ").append(where).append('\n'));
            failures.add(Map.entry(rank(TESTS, context.getRequiredTestClass().getSimpleName()), b.toString()));
        }

        private static int rank(List<String> order, String name) {
            int i = order.indexOf(name);
            return i < 0 ? order.size() : i;
        }

        /** The first frame of the stack in your code (package backprop.nn, not a test): where to look. */
        private static java.util.Optional<String> yourLine(Throwable thrown) {
            for (StackTraceElement e : thrown.getStackTrace()) {
                String file = String.valueOf(e.getFileName());
                if (e.getClassName().startsWith("backprop.nn.") && !file.endsWith("Test.java")
                        && !file.equals("GradientCheck.java") && !file.equals("RecordingLayer.java")
                        && !file.equals("WhatToDoNext.java")) {
                    return java.util.Optional.of(e.getClassName().substring("backprop.nn.".length()) + "." + e.getMethodName()
                            + " (" + file + ":" + e.getLineNumber() + ")");
                }
            }
            return java.util.Optional.empty();
        }

        @Override
        public synchronized void close() {
            if (todo.isEmpty() && failed == 0) {
                System.out.println("\nEvery public test passed.\n");
                return;
            }
            StringBuilder out = new StringBuilder("\n---------------------------- What to do next ----------------------------\n");
            if (!todo.isEmpty()) {
                int tests = todo.values().stream().mapToInt(Integer::intValue).sum();
                out.append("Not implemented yet (").append(todo.size()).append(todo.size() == 1 ? " method, " : " methods, ")
                        .append(tests).append(tests == 1 ? " test waits" : " tests wait").append(" for them):\n");
                int width = todo.keySet().stream().mapToInt(String::length).max().orElse(0);
                todo.forEach((method, n) -> out.append("  ").append(method).append(" ".repeat(width - method.length()))
                        .append("  ").append(n).append(n == 1 ? " test\n" : " tests\n"));
            }
            if (failed > 0) {
                out.append("Failing (").append(failed).append(failed == 1 ? " test" : " tests").append(" of code you wrote")
                        .append(failed > FAILURES_SHOWN ? ", the first " + FAILURES_SHOWN + " shown" : "").append("):\n");
                failures.stream().sorted(Map.Entry.comparingByKey()).limit(FAILURES_SHOWN).forEach(f -> out.append(f.getValue()));
            }
            out.append("--------------------------------------------------------------------------\n");
            System.out.print(out);
        }
    }
}
