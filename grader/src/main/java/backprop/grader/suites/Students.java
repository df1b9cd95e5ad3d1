package backprop.grader.suites;

import backprop.grader.checks.Student;
import backprop.nn.Activation;
import backprop.nn.BinaryCrossEntropy;
import backprop.nn.DenseLayer;
import backprop.nn.Identity;
import backprop.nn.LeakyReLU;
import backprop.nn.Loss;
import backprop.nn.Matrix;
import backprop.nn.MeanSquaredError;
import backprop.nn.ReLU;
import backprop.nn.Sigmoid;
import backprop.nn.SoftmaxCrossEntropy;
import backprop.nn.Tanh;
import backprop.reference.DenseSpec;
import backprop.reference.ReferenceActivation;
import backprop.reference.ReferenceLoss;

/** Builds the student's objects from the reference's descriptions, so both compute the same thing. */
final class Students {
    private Students() {
    }

    static Activation activation(ReferenceActivation a) {
        return switch (a.kind()) {
            case "identity" -> new Identity();
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "relu" -> new ReLU();
            case "leaky_relu" -> new LeakyReLU(a.alpha());
            default -> throw new IllegalArgumentException("unknown activation " + a);
        };
    }

    /** The student class name for an activation, as used in feedback ("Sigmoid"). */
    static String className(ReferenceActivation a) {
        return activation(a).getClass().getSimpleName();
    }

    static Loss loss(ReferenceLoss loss) {
        return switch (loss) {
            case MSE -> new MeanSquaredError();
            case BCE -> new BinaryCrossEntropy();
            case SOFTMAX_CROSS_ENTROPY -> new SoftmaxCrossEntropy();
        };
    }

    static String className(ReferenceLoss loss) {
        return loss(loss).getClass().getSimpleName();
    }

    static DenseLayer dense(DenseSpec spec) {
        return Student.call("DenseLayer constructor", () -> new DenseLayer(Matrix.of(spec.weights()),
                Matrix.row(spec.bias()), activation(spec.activation())));
    }
}
