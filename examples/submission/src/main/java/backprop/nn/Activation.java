package backprop.nn;

/**
 * An element-wise activation function a = f(z).
 *
 * <p>Order of use: a layer calls {@link #value} on its pre-activations Z in the forward pass and
 * {@link #derivative} on the <b>same Z</b> in the backward pass (not on the activations A).
 */
public interface Activation {

    /** f(z). Given. */
    double value(double z);

    /** f'(z), the derivative with respect to the pre-activation z. Yours to implement. */
    double derivative(double z);

    /** f applied to every element of {@code z}. */
    default Matrix value(Matrix z) {
        return z.map(this::value);
    }

    /** f' applied to every element of {@code z}. */
    default Matrix derivative(Matrix z) {
        return z.map(this::derivative);
    }

    /** A short name used in feedback, for example {@code "sigmoid"}. */
    String name();
}
