package backprop.reference;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An element-wise activation, identified by the student API's {@code name()} strings so that the
 * grader can build the reference twin of any student layer.
 *
 * @param kind  one of {@code identity, sigmoid, tanh, relu, leaky_relu}
 * @param alpha the negative slope of {@code leaky_relu} (0 &lt; α &lt; 1); 0 for every other kind
 */
public record ReferenceActivation(String kind, double alpha) {
    /** The accepted kinds. */
    public static final List<String> KINDS = List.of("identity", "sigmoid", "tanh", "relu", "leaky_relu");
    /** The slope of a plain {@code "leaky_relu"}. */
    public static final double DEFAULT_LEAKY_ALPHA = 0.01;

    public static final ReferenceActivation IDENTITY = new ReferenceActivation("identity", 0);
    public static final ReferenceActivation SIGMOID = new ReferenceActivation("sigmoid", 0);
    public static final ReferenceActivation TANH = new ReferenceActivation("tanh", 0);
    public static final ReferenceActivation RELU = new ReferenceActivation("relu", 0);

    private static final Pattern LEAKY = Pattern.compile("leaky_relu\\((.*)\\)");

    public ReferenceActivation {
        if (kind == null || !KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown activation kind '" + kind + "'; expected one of " + KINDS);
        }
        if (kind.equals("leaky_relu")) {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("leaky_relu needs 0 < alpha < 1, got " + alpha);
            }
        } else if (alpha != 0) {
            throw new IllegalArgumentException(kind + " takes no alpha (must be 0), got " + alpha);
        }
    }

    /** LeakyReLU with slope {@code alpha} for z ≤ 0. */
    public static ReferenceActivation leakyRelu(double alpha) {
        return new ReferenceActivation("leaky_relu", alpha);
    }

    /**
     * Parses a student {@code Activation.name()}: {@code identity}, {@code sigmoid}, {@code tanh},
     * {@code relu}, {@code leaky_relu(α)} for any α Java can parse (e.g. {@code 0.01}, {@code 1.0E-4}),
     * or a plain {@code leaky_relu} meaning α = 0.01.
     */
    public static ReferenceActivation parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("activation name must not be null");
        }
        String s = name.trim();
        if (s.equals("leaky_relu")) {
            return leakyRelu(DEFAULT_LEAKY_ALPHA);
        }
        Matcher m = LEAKY.matcher(s);
        if (m.matches()) {
            try {
                return leakyRelu(Double.parseDouble(m.group(1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cannot read the alpha of '" + name + "': '" + m.group(1)
                        + "' is not a number", e);
            }
        }
        if (KINDS.contains(s)) {
            return new ReferenceActivation(s, 0);
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; expected identity, sigmoid, tanh, relu, "
                + "leaky_relu or leaky_relu(<alpha>)");
    }

    /** The student API's name for this activation, e.g. {@code "leaky_relu(0.01)"}. */
    public String name() {
        return kind.equals("leaky_relu") ? "leaky_relu(" + alpha + ")" : kind;
    }

    /** f(z); sigmoid never evaluates e^x for x &gt; 0, so it stays finite for any z. */
    public double value(double z) {
        return switch (kind) {
            case "identity" -> z;
            case "sigmoid" -> z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
            case "tanh" -> Math.tanh(z);
            case "relu" -> z > 0 ? z : 0.0;
            default -> z > 0 ? z : alpha * z;
        };
    }

    /**
     * f'(z) at the pre-activation z. Sigmoid uses e^(−|z|)/(1 + e^(−|z|))², tanh uses 1/cosh²(z):
     * both are accurate (and 0, not NaN) for large |z|. ReLU'(0) = 0, LeakyReLU'(0) = α.
     */
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
    public String toString() {
        return name();
    }
}
