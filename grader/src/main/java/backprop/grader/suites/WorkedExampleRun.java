package backprop.grader.suites;

import backprop.grader.checks.CheckFailure;
import backprop.grader.checks.Compare;
import backprop.grader.checks.Evidence;
import backprop.grader.checks.KnownMistake;
import backprop.grader.checks.Setting;
import backprop.grader.checks.Diagnoser;
import backprop.grader.checks.Numeric;
import backprop.grader.checks.Student;
import backprop.grader.checks.Tolerance;
import backprop.reference.ReferenceActivation;
import backprop.reference.Step;
import backprop.reference.Trace;
import backprop.reference.WorkedExample;
import backprop.reference.WorkedExamples;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Replays a document's worked example with the student's layers and loss, one step at a time in the
 * order the document computes them (forward, loss, backward from the last layer, update), and fails
 * at the first step whose value differs from the reference, naming it as the document does.
 */
final class WorkedExampleRun {
    private final WorkedExample example;
    private final Trace expected;
    private final Map<String, Step> printed = new LinkedHashMap<>();
    private final List<String> passed = new ArrayList<>();
    private int total;

    private WorkedExampleRun(WorkedExample example) {
        this.example = example;
        this.expected = example.run();
        for (Step s : example.steps()) {
            printed.putIfAbsent(s.quantity(), s);
        }
    }

    static void grade(String id) {
        new WorkedExampleRun(WorkedExamples.byId(id)).run();
    }

    /**
     * As {@link #grade}; a failure without a specific diagnosis (an exception in DenseLayer.backward,
     * say) is explained by checking the parts the example uses on their own.
     */
    static void graded(String id) {
        WorkedExample example = WorkedExamples.byId(id);
        List<Probe.Part> parts = new ArrayList<>();
        for (var spec : example.network()) {
            parts.add(Probe.Part.activation(spec.activation()));
        }
        parts.add(Probe.Part.loss(example.referenceLoss()));
        parts.add(Probe.Part.DENSE_BACKWARD);
        parts.add(Probe.Part.DENSE_STEP);
        Probe.explain(() -> grade(id), parts.toArray(Probe.Part[]::new));
    }

    private void run() {
        List<StudentDense> layers = new ArrayList<>();
        for (int i = 0; i < example.network().size(); i++) {
            var spec = example.network().get(i);
            layers.add(StudentDense.create(spec.weights(), spec.bias(), Students.activation(spec.activation()),
                    Diagnoser.Glossary.NONE));
        }
        String failed = null;
        try {
            replay(layers);
        } catch (CheckFailure f) {
            failed = failedStep;
            throw f;
        } finally {
            Evidence.attach(evidence(layers, failed));
        }
    }

    private String failedStep;
    /** Layers whose backward returned in this replay: only their gradients are the student's to draw. */
    private final java.util.Set<Integer> backpropagated = new java.util.HashSet<>();

    /** The network with its expected and submitted gradients, for the HTML report's drawing. */
    private JsonObject evidence(List<StudentDense> layers, String failed) {
        JsonObject root = new JsonObject();
        root.addProperty("kind", "network");
        root.addProperty("document", example.document());
        root.addProperty("section", example.section());
        root.addProperty("failed_step", failed);
        root.add("x", Evidence.matrix(example.x()));
        JsonArray list = new JsonArray();
        for (int i = 0; i < layers.size(); i++) {
            StudentDense layer = layers.get(i);
            JsonObject l = new JsonObject();
            l.addProperty("index", i);
            l.addProperty("activation", example.network().get(i).activation().name());
            l.add("weights", Evidence.matrix(example.network().get(i).weights()));
            l.add("bias", Evidence.matrix(new double[][] {example.network().get(i).bias()}));
            JsonObject want = new JsonObject();
            want.add("dW", Evidence.matrix(expected.quantity("layers[" + i + "].dW")));
            want.add("db", Evidence.matrix(expected.quantity("layers[" + i + "].db")));
            l.add("expected", want);
            JsonObject got = new JsonObject();
            if (backpropagated.contains(i)) {
                // A layer the replay never backpropagated through would show whatever its fields hold
                // (zeros, or nothing): drawn as if computed, that would blame backward for the earlier step.
                got.add("dW", Evidence.matrix(quietly(layer::gradWeights)));
                got.add("db", Evidence.matrix(quietly(layer::gradBias)));
            }
            l.add("submitted", got);
            list.add(l);
        }
        root.add("layers", list);
        return root;
    }

    private void replay(List<StudentDense> layers) {
        int layersCount = layers.size();
        int n = example.x().length;
        StudentLoss loss = Students.loss(example.referenceLoss());
        String lossName = loss.className();
        double scale = example.lossScale();

        double[][] a = example.x();
        for (int i = 0; i < layersCount; i++) {
            StudentDense layer = layers.get(i);
            a = layer.forward(a);
            double[][] z = layer.preActivation();
            step("layers[" + i + "].z", "DenseLayer.forward", () -> z);
            double[][] out = a;
            step("layers[" + i + "].a", "DenseLayer.forward", () -> out);
        }
        double[][] output = a;
        double[][] target = example.y();
        step("output", "DenseLayer.forward", () -> output);
        step("loss", lossName + ".value", () -> new double[][] {{scale * loss.value(output, target)}});
        double[][] g = loss.gradient(output, target);
        double[][] lossGradient = g == null ? null : Numeric.scale(g, scale);
        List<KnownMistake> lossMistakes = new ArrayList<>();
        for (KnownMistake m : LossChecks.mistakes(example.referenceLoss(), expected.output(), example.y())) {
            lossMistakes.add(new KnownMistake(m.diagnosis(), Numeric.scale(m.value(), scale)));
        }
        step("lossGradient", lossName + ".gradient" + (scale == 1 ? "" : " (times " + scale + ", the document's ½)"),
                () -> lossGradient, lossMistakes, null);

        double[][] upstream = lossGradient;
        for (int i = layersCount - 1; i >= 0; i--) {
            StudentDense layer = layers.get(i);
            StudentActivation activation = Students.activation(example.network().get(i).activation());
            double[][] dA = upstream;
            step("layers[" + i + "].dA", i == layersCount - 1 ? lossName + ".gradient" : "DenseLayer.backward of layer " + (i + 1),
                    () -> dA);
            double[][] z = layer.preActivation();
            step("layers[" + i + "].derivative", activation.className() + ".derivative",
                    () -> z == null ? null : activation.derivative(z),
                    ActivationChecks.mistakes(example.network().get(i).activation(), expected.quantity("layers[" + i + "].z")),
                    null);
            double[][] dX = layer.backward(dA);
            backpropagated.add(i);
            double[][] input = i == 0 ? example.x() : expected.quantity("layers[" + (i - 1) + "].a");
            double[][] w = example.network().get(i).weights();
            double[][] zi = expected.quantity("layers[" + i + "].z");
            double[][] gi = expected.quantity("layers[" + i + "].dA");
            ReferenceActivation f = example.network().get(i).activation();
            if (n == 1) {
                step("layers[" + i + "].dZ", "DenseLayer.backward (dL/dz, seen through db, which equals dZ for one sample)",
                        layer::gradBias, DenseCase.mistakes(f, input, w, zi, gi, "db"), null);
            }
            step("layers[" + i + "].dW", "DenseLayer.backward", layer::gradWeights, DenseCase.mistakes(f, input, w, zi, gi, "dW"),
                    null);
            step("layers[" + i + "].db", "DenseLayer.backward", layer::gradBias, DenseCase.mistakes(f, input, w, zi, gi, "db"),
                    null);
            step("layers[" + i + "].dX", "DenseLayer.backward", () -> dX, DenseCase.mistakes(f, input, w, zi, gi, "dX"), null);
            upstream = dX;
        }
        for (int i = 0; i < layersCount; i++) {
            StudentDense layer = layers.get(i);
            layer.step(example.learningRate());
            step("layers[" + i + "].weightsAfter", "DenseLayer.step", layer::weights, List.of(),
                    example.network().get(i).weights());
            step("layers[" + i + "].biasAfter", "DenseLayer.step", layer::bias, List.of(),
                    new double[][] {example.network().get(i).bias()});
        }
    }

    /** A value for the evidence drawing, or null when reading it fails (the replay's failure says why). */
    private static double[][] quietly(Supplier<double[][]> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void step(String quantity, String method, Supplier<double[][]> actual) {
        step(quantity, method, actual, List.of(), null);
    }

    /** One step; {@code before} (the parameters before an update step, else null) diagnoses updates by their change. */
    private void step(String quantity, String method, Supplier<double[][]> actual, List<KnownMistake> mistakes,
                      double[][] before) {
        total++;
        double[][] want = expected.quantity(quantity);
        Step doc = printed.get(quantity);
        String label = doc == null ? quantity : doc.name() + " (" + quantity + ")";
        double[][] got = Student.call(method.split(" ")[0], actual::get);
        try {
            if (before != null) {
                Compare.update(new Setting(method, label, ""), before, want, got, Tolerance.REFERENCE, example.x().length,
                        mistakes);
            } else {
                Compare.matrix(new Setting(method, label, ""), want, got, Tolerance.REFERENCE, example.x().length, mistakes);
            }
        } catch (CheckFailure f) {
            failedStep = label;
            String feedback = f.feedback();
            String diagnosis = f.diagnosis();
            StringBuilder sb = new StringBuilder();
            sb.append(example.document()).append(", \"").append(example.section()).append("\": the first wrong step is step ")
                    .append(total).append(", ").append(label).append(".\n").append(feedback);
            if (doc != null) {
                sb.append("\nThe document prints ").append(format(doc.printed())).append(" (").append(doc.location()).append(')');
                if (doc.erratum() != null) {
                    sb.append("; that printed value is wrong (erratum ").append(doc.erratum()).append("), grade against the exact value");
                }
                sb.append('.');
            }
            sb.append(passed.isEmpty() ? "" : "\nCorrect before it: " + String.join(", ", passed) + ".");
            sb.append("\nSetting: ").append(example.description());
            throw new CheckFailure(sb.toString(), diagnosis);
        }
        passed.add(doc == null ? quantity : doc.name());
    }

    private static String format(double[][] m) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('[');
            for (int j = 0; j < m[i].length; j++) {
                sb.append(j == 0 ? "" : ", ").append(Double.isNaN(m[i][j]) ? "–" : String.format(Locale.ROOT, "%s", m[i][j]));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
