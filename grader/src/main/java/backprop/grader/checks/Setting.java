package backprop.grader.checks;

/**
 * Where a comparison happens, for feedback: the student's method, the quantity, and the inputs
 * (shapes, activation, seed) so the student can reproduce it.
 *
 * @param method   e.g. "DenseLayer.backward"
 * @param quantity e.g. "dW" or "the returned gradient"
 * @param inputs   e.g. "batch 4, in 3, out 5, sigmoid, seed 42"
 */
public record Setting(String method, String quantity, String inputs) {
    public Setting withQuantity(String quantity) {
        return new Setting(method, quantity, inputs);
    }

    String where() {
        return inputs == null || inputs.isBlank() ? "" : " [" + inputs + "]";
    }
}
