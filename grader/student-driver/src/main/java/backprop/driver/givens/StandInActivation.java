package backprop.driver.givens;

import backprop.nn.Activation;

/**
 * A correct activation the grader hands to the student's layers in the checks of the layer, the
 * network and the training loop, so that those checks grade the layer and not the student's own
 * activations (which have checks of their own). Lives outside {@code backprop.nn}: graded code may
 * not name it, and no check of an activation runs in a student JVM that has one.
 */
public final class StandInActivation implements Activation {
    private final String kind;
    private final double alpha;

    private StandInActivation(String kind, double alpha) {
        this.kind = kind;
        this.alpha = alpha;
    }

    /** {@code kind}: identity, sigmoid, tanh, relu or leaky_relu (with {@code alpha}). */
    public static StandInActivation of(String kind, double alpha) {
        switch (kind) {
            case "identity", "sigmoid", "tanh", "relu", "leaky_relu" -> {
                return new StandInActivation(kind, alpha);
            }
            default -> throw new IllegalArgumentException("unknown activation " + kind);
        }
    }

    @Override
    public double value(double z) {
        return switch (kind) {
            case "identity" -> z;
            case "sigmoid" -> z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
            case "tanh" -> Math.tanh(z);
            case "relu" -> z > 0 ? z : 0.0;
            default -> z > 0 ? z : alpha * z;
        };
    }

    @Override
    public double derivative(double z) {
        return switch (kind) {
            case "identity" -> 1.0;
            case "sigmoid" -> {
                double e = Math.exp(-Math.abs(z));
                yield e / ((1 + e) * (1 + e));
            }
            case "tanh" -> {
                double c = Math.cosh(z);
                yield 1 / (c * c);
            }
            case "relu" -> z > 0 ? 1.0 : 0.0;
            default -> z > 0 ? 1.0 : alpha;
        };
    }

    @Override
    public String name() {
        return kind.equals("leaky_relu") ? "leaky_relu(" + alpha + ")" : kind;
    }
}
