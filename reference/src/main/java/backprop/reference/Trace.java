package backprop.reference;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One forward pass, backward pass and gradient-descent step of a {@link ReferenceNetwork}.
 * Arrays are copied in and out, so a trace never changes.
 *
 * @param layers        per-layer values, input side first
 * @param output        the network's output before the step
 * @param loss          lossScale × loss(output, y); NaN for a trace made from an explicit upstream gradient
 * @param lossGradient  dL/dOutput (already × lossScale), or the explicit upstream gradient
 * @param lossScale     the factor on the loss (0.5 for ½(y − t)²); NaN without a loss
 * @param lossAfter     lossScale × loss of the updated network on the same batch; NaN without a loss
 */
public record Trace(List<LayerTrace> layers, double[][] output, double loss, double[][] lossGradient,
        double lossScale, double lossAfter) {

    /**
     * The quantity names understood by {@link #quantity}: {@code output}, {@code loss},
     * {@code lossUnscaled} (loss / lossScale), {@code lossAfter}, {@code lossGradient}, and
     * {@code layers[i].q} for q in {@code z, a, derivative, dA, dZ, dW, db, dX, weightsAfter, biasAfter}.
     */
    public static final List<String> LAYER_QUANTITIES =
            List.of("z", "a", "derivative", "dA", "dZ", "dW", "db", "dX", "weightsAfter", "biasAfter");

    private static final Pattern LAYER = Pattern.compile("layers\\[(\\d+)]\\.(\\w+)");

    public Trace {
        layers = List.copyOf(layers);
        output = Matrices.copy(output);
        lossGradient = Matrices.copy(lossGradient);
    }

    @Override
    public double[][] output() {
        return Matrices.copy(output);
    }

    @Override
    public double[][] lossGradient() {
        return Matrices.copy(lossGradient);
    }

    /** True if {@code name} is in the vocabulary of {@link #quantity} (layer index not checked). */
    public static boolean isQuantity(String name) {
        if (name == null) {
            return false;
        }
        Matcher m = LAYER.matcher(name);
        return m.matches() ? LAYER_QUANTITIES.contains(m.group(2))
                : List.of("output", "loss", "lossUnscaled", "lossAfter", "lossGradient").contains(name);
    }

    /**
     * The value of a fixture quantity, as a 2-D array: scalars are 1 × 1, biases and db are 1 × out.
     *
     * @throws IllegalArgumentException for an unknown name or a layer index out of range
     * @throws IllegalStateException    for a loss quantity of a trace that has no loss
     */
    public double[][] quantity(String name) {
        Matcher m = LAYER.matcher(name == null ? "" : name);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            if (i >= layers.size()) {
                throw new IllegalArgumentException("'" + name + "': this network has " + layers.size()
                        + " layers (indices 0.." + (layers.size() - 1) + ")");
            }
            return layerQuantity(layers.get(i), m.group(2), name);
        }
        return switch (name == null ? "" : name) {
            case "output" -> Matrices.copy(output);
            case "lossGradient" -> Matrices.copy(lossGradient);
            case "loss" -> scalar(loss, name);
            case "lossUnscaled" -> scalar(loss / lossScale, name);
            case "lossAfter" -> scalar(lossAfter, name);
            default -> throw new IllegalArgumentException("unknown quantity '" + name + "'; expected output, loss, "
                    + "lossUnscaled, lossAfter, lossGradient or layers[i].q with q in " + LAYER_QUANTITIES);
        };
    }

    private static double[][] layerQuantity(LayerTrace t, String q, String name) {
        double[][] value = switch (q) {
            case "z" -> t.z();
            case "a" -> t.a();
            case "derivative" -> t.derivative();
            case "dA" -> t.dA();
            case "dZ" -> t.dZ();
            case "dW" -> t.dW();
            case "db" -> new double[][] {t.db()};
            case "dX" -> t.dX();
            case "weightsAfter" -> t.updatedWeights();
            case "biasAfter" -> new double[][] {t.updatedBias()};
            default -> throw new IllegalArgumentException("unknown layer quantity '" + name + "'; expected one of "
                    + LAYER_QUANTITIES);
        };
        return Matrices.copy(value);
    }

    private static double[][] scalar(double v, String name) {
        if (Double.isNaN(v)) {
            throw new IllegalStateException("'" + name + "' is undefined: this trace was made from an explicit "
                    + "upstream gradient, without a loss");
        }
        return new double[][] {{v}};
    }
}
