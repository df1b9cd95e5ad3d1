package backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analytic gradients of the oracle equal central finite differences (h = 1e-5) of its own
 * loss, for dW, db and dX of every layer, the loss gradient and dA, on seeded random networks with
 * pairwise-distinct dimensions (so a transposed gradient cannot pass), every activation and every
 * loss. Pass: |analytic − numeric| ≤ 1e-9, or relative error ≤ 1e-6. Truncation error of the
 * central difference is about h²/6·|f'''| ≈ 2e-11 and round-off about 1e-16·|L|/h ≈ 1e-11.
 */
class FiniteDifferenceTest {
    static final double H = 1e-5;
    static final double ABSOLUTE = 1e-9;
    static final double RELATIVE = 1e-6;

    /** batch, then layer sizes from inputs to outputs; within each shape all numbers differ. */
    static final int[][] SHAPES = {{4, 3, 5, 2}, {2, 5, 3, 4}, {3, 4, 2, 1}, {5, 2, 4, 3, 6}};

    static final List<ReferenceActivation> ACTIVATIONS = List.of(ReferenceActivation.IDENTITY,
            ReferenceActivation.SIGMOID, ReferenceActivation.TANH, ReferenceActivation.RELU,
            ReferenceActivation.parse("leaky_relu(0.1)"));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 1;
        for (int[] shape : SHAPES) {
            for (ReferenceActivation hidden : ACTIVATIONS) {
                for (ReferenceLoss loss : ReferenceLoss.values()) {
                    ReferenceActivation output = switch (loss) {
                        case MSE -> hidden; // every activation also appears as an output layer
                        case BCE -> ReferenceActivation.SIGMOID;
                        case SOFTMAX_CROSS_ENTROPY -> ReferenceActivation.IDENTITY;
                    };
                    double lossScale = loss == ReferenceLoss.MSE ? 0.5 : 1.0;
                    cases.add(Arguments.of(Arrays.toString(shape), hidden, output, loss, lossScale, shape, seed++));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "shape {0}: hidden {1}, output {2}, loss {3} x {4}")
    @MethodSource("cases")
    void backpropagatedGradientsMatchCentralFiniteDifferences(String label, ReferenceActivation hidden,
            ReferenceActivation output, ReferenceLoss loss, double lossScale, int[] shape, long seed) {
        Random random = new Random(seed);
        int[] dims = Arrays.copyOfRange(shape, 1, shape.length);
        List<DenseSpec> specs;
        double[][] x;
        do {
            specs = RandomNetworks.network(dims, hidden, output, random);
            x = RandomNetworks.gaussian(shape[0], dims[0], 1.0, random);
        } while (!RandomNetworks.awayFromKinks(specs, x));
        double[][] y = RandomNetworks.targets(loss, shape[0], dims[dims.length - 1], random);

        ReferenceNetwork network = new ReferenceNetwork(specs);
        Trace trace = network.trainStep(x, y, loss, lossScale, 0.1);
        List<String> failures = new ArrayList<>();
        List<DenseSpec> finalSpecs = specs;
        double[][] finalX = x;

        for (int l = 0; l < specs.size(); l++) {
            LayerTrace t = trace.layers().get(l);
            List<DenseSpec> tail = finalSpecs.subList(l, finalSpecs.size());
            int layer = l;
            DenseSpec spec = finalSpecs.get(l);
            for (int i = 0; i < spec.outputs(); i++) {
                for (int j = 0; j < spec.inputs(); j++) {
                    int r = i;
                    int c = j;
                    compare(failures, "layers[" + l + "].dW[" + i + "][" + j + "]", t.dW()[i][j], v -> {
                        double[][] w = spec.weights();
                        w[r][c] = v;
                        return withLayer(finalSpecs, layer, new DenseSpec(w, spec.bias(), spec.activation()))
                                .loss(finalX, y, loss, lossScale);
                    }, spec.weights()[i][j]);
                }
                int r = i;
                compare(failures, "layers[" + l + "].db[" + i + "]", t.db()[i], v -> {
                    double[] b = spec.bias();
                    b[r] = v;
                    return withLayer(finalSpecs, layer, new DenseSpec(spec.weights(), b, spec.activation()))
                            .loss(finalX, y, loss, lossScale);
                }, spec.bias()[i]);
            }
            // dX of layer l is the gradient with respect to that layer's own input
            double[][] input = t.input();
            for (int n = 0; n < input.length; n++) {
                for (int j = 0; j < input[n].length; j++) {
                    int r = n;
                    int c = j;
                    compare(failures, "layers[" + l + "].dX[" + n + "][" + j + "]", t.dX()[n][j], v -> {
                        double[][] in = t.input();
                        in[r][c] = v;
                        return new ReferenceNetwork(tail).loss(in, y, loss, lossScale);
                    }, input[n][j]);
                }
            }
            double[][] expectedDA = l + 1 < specs.size() ? trace.layers().get(l + 1).dX() : trace.lossGradient();
            assertThat(t.dA()).as("layers[%d].dA is the gradient passed down from above", l).isDeepEqualTo(expectedDA);
        }
        double[][] prediction = trace.output();
        for (int n = 0; n < prediction.length; n++) {
            for (int k = 0; k < prediction[n].length; k++) {
                int r = n;
                int c = k;
                compare(failures, "lossGradient[" + n + "][" + k + "]", trace.lossGradient()[n][k], v -> {
                    double[][] p = trace.output();
                    p[r][c] = v;
                    return lossScale * loss.value(p, y);
                }, prediction[n][k]);
            }
        }
        assertThat(failures).as("gradients outside tolerance (analytic vs numeric)").isEmpty();
    }

    private static ReferenceNetwork withLayer(List<DenseSpec> specs, int index, DenseSpec replacement) {
        List<DenseSpec> copy = new ArrayList<>(specs);
        copy.set(index, replacement);
        return new ReferenceNetwork(copy);
    }

    /** Central difference of {@code f} at {@code at}, compared with {@code analytic}. */
    static void compare(List<String> failures, String what, double analytic, DoubleUnaryOperator f, double at) {
        double numeric = (f.applyAsDouble(at + H) - f.applyAsDouble(at - H)) / (2 * H);
        if (!withinTolerance(analytic, numeric)) {
            failures.add(what + ": analytic " + analytic + ", numeric " + numeric);
        }
    }

    static boolean withinTolerance(double analytic, double numeric) {
        double diff = Math.abs(analytic - numeric);
        return diff <= ABSOLUTE || diff <= RELATIVE * Math.max(Math.abs(analytic), Math.abs(numeric));
    }
}
