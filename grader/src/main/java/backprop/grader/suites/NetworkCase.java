package backprop.grader.suites;

import backprop.grader.checks.Numeric;
import backprop.grader.checks.Seeds;
import backprop.reference.DenseSpec;
import backprop.reference.ReferenceActivation;
import backprop.reference.ReferenceLoss;
import backprop.reference.ReferenceNetwork;
import backprop.reference.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A small multi-layer situation: layers, a batch, a loss, and the reference's training step. */
record NetworkCase(long seed, List<DenseSpec> layers, double[][] x, double[][] y, ReferenceLoss loss, double learningRate,
                   Trace expected) {

    /** Layers of the given widths (sizes[0] inputs) and activations, a Gaussian batch of {@code n}, targets for the loss. */
    static NetworkCase random(long baseSeed, int n, int[] sizes, List<ReferenceActivation> activations, ReferenceLoss loss) {
        long seed = Seeds.of(baseSeed);
        Random random = new Random(seed);
        List<DenseSpec> layers = new ArrayList<>();
        for (int i = 0; i < activations.size(); i++) {
            double[][] w = Numeric.scale(Numeric.gaussian(sizes[i + 1], sizes[i], random), 1 / Math.sqrt(sizes[i]));
            double[] b = Numeric.scale(Numeric.gaussian(1, sizes[i + 1], random), 0.1)[0];
            layers.add(new DenseSpec(w, b, activations.get(i)));
        }
        double[][] x = Numeric.gaussian(n, sizes[0], random);
        int k = sizes[sizes.length - 1];
        double[][] y = new double[n][k];
        for (int i = 0; i < n; i++) {
            int hot = random.nextInt(k);
            for (int j = 0; j < k; j++) {
                y[i][j] = switch (loss) {
                    case MSE -> random.nextGaussian();
                    case BCE -> random.nextBoolean() ? 1 : 0;
                    case SOFTMAX_CROSS_ENTROPY -> j == hot ? 1 : 0;
                };
            }
        }
        double lr = 0.13; // not a round number: a hard-coded learning rate must fail
        Trace trace = new ReferenceNetwork(layers).trainStep(x, y, loss, 1.0, lr);
        return new NetworkCase(seed, layers, x, y, loss, lr, trace);
    }

    String describe() {
        StringBuilder sb = new StringBuilder("layers ");
        for (int i = 0; i < layers.size(); i++) {
            DenseSpec s = layers.get(i);
            sb.append(i == 0 ? "" : " -> ").append(s.inputs()).append("->").append(s.outputs()).append(' ').append(s.activation().name());
        }
        return sb + ", batch " + x.length + ", " + loss.id() + " loss, seed " + seed;
    }

    /** The student's network of DenseLayers with these weights and the grader's stand-in activations. */
    StudentNetwork studentNetwork() {
        List<StudentDense> student = new ArrayList<>();
        for (DenseSpec s : layers) {
            student.add(StudentDense.create(s.weights(), s.bias(), Students.standIn(s.activation()), DenseLayerChecks.SHAPES));
        }
        return StudentNetwork.of(student);
    }

    /** The loss as a function of layer {@code i}'s weights (bias = false) or bias (bias = true). */
    double lossWithParameter(int i, boolean bias, double[][] value) {
        List<DenseSpec> changed = new ArrayList<>(layers);
        DenseSpec s = layers.get(i);
        changed.set(i, bias ? new DenseSpec(s.weights(), value[0], s.activation()) : new DenseSpec(value, s.bias(), s.activation()));
        return new ReferenceNetwork(changed).loss(x, y, loss, 1.0);
    }

    double lossWithInput(double[][] input) {
        return new ReferenceNetwork(layers).loss(input, y, loss, 1.0);
    }
}
