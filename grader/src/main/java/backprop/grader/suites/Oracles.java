package backprop.grader.suites;

import backprop.nn.Activation;
import backprop.nn.Loss;
import backprop.nn.Matrix;
import backprop.reference.ReferenceActivation;
import backprop.reference.ReferenceLoss;

/**
 * The reference's activations and losses behind the student's interfaces. Checks of the dense
 * layer, the network and the training loop use these, so that a mistake in an activation or a loss
 * costs only the points of that activation or loss, not of every check that happens to use it.
 */
final class Oracles {
    private Oracles() {
    }

    static Activation activation(ReferenceActivation reference) {
        return new Activation() {
            @Override
            public double value(double z) {
                return reference.value(z);
            }

            @Override
            public double derivative(double z) {
                return reference.derivative(z);
            }

            @Override
            public String name() {
                return reference.name();
            }
        };
    }

    static Loss loss(ReferenceLoss reference) {
        return new Loss() {
            @Override
            public double value(Matrix prediction, Matrix target) {
                return reference.value(prediction.toArray(), target.toArray());
            }

            @Override
            public Matrix gradient(Matrix prediction, Matrix target) {
                return Matrix.of(reference.gradient(prediction.toArray(), target.toArray()));
            }

            @Override
            public String name() {
                return reference.id();
            }
        };
    }
}
