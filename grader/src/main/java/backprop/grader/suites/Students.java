package backprop.grader.suites;

import backprop.driver.Wire;
import backprop.grader.checks.Student;
import backprop.grader.checks.Values;
import backprop.reference.ReferenceActivation;
import backprop.reference.ReferenceLoss;
import java.util.List;

/**
 * The student's classes as the checks reach them: built in the current student JVM from the
 * reference's descriptions, so that both compute the same thing. Matrices travel as rows.
 */
final class Students {
    static final String MATRIX = "backprop.nn.Matrix";
    private static final String STAND_IN_ACTIVATION = "backprop.driver.givens.StandInActivation";
    private static final String STAND_IN_LOSS = "backprop.driver.givens.StandInLoss";

    private Students() {
    }

    /** A Matrix argument (null for null: what a student's method returned, passed on). */
    static Wire.Value mat(double[][] rows) {
        return rows == null ? null : new Wire.Value(MATRIX, rows);
    }

    /** A 1 × n Matrix argument. */
    static Wire.Value row(double[] values) {
        return mat(new double[][] {values.clone()});
    }

    /** The student's class for an activation, as used in feedback ("Sigmoid"). */
    static String className(ReferenceActivation a) {
        return switch (a.kind()) {
            case "identity" -> "Identity";
            case "sigmoid" -> "Sigmoid";
            case "tanh" -> "Tanh";
            case "relu" -> "ReLU";
            case "leaky_relu" -> "LeakyReLU";
            default -> throw new IllegalArgumentException("unknown activation " + a);
        };
    }

    static String className(ReferenceLoss loss) {
        return switch (loss) {
            case MSE -> "MeanSquaredError";
            case BCE -> "BinaryCrossEntropy";
            case SOFTMAX_CROSS_ENTROPY -> "SoftmaxCrossEntropy";
        };
    }

    /** The student's own activation (new Sigmoid(), new LeakyReLU(α), …). */
    static StudentActivation activation(ReferenceActivation a) {
        String name = className(a);
        List<Object> args = a.kind().equals("leaky_relu") ? List.of(a.alpha()) : List.of();
        Object ref = Student.call(name + " constructor", () -> Student.session().construct("backprop.nn." + name, args));
        return new StudentActivation(Values.ref(name + " constructor", ref), name);
    }

    /**
     * A correct activation from the grader's side of the student JVM, for the checks of layers and
     * networks: they grade the layer, not the student's activations.
     */
    static StudentActivation standIn(ReferenceActivation a) {
        Object ref = Student.session().callStatic(STAND_IN_ACTIVATION, "of", List.of(a.kind(), a.alpha()));
        return new StudentActivation((Wire.Ref) ref, className(a));
    }

    /** The student's own loss. */
    static StudentLoss loss(ReferenceLoss loss) {
        String name = className(loss);
        Object ref = Student.call(name + " constructor", () -> Student.session().construct("backprop.nn." + name, List.of()));
        return new StudentLoss(Values.ref(name + " constructor", ref), name);
    }

    /** A correct loss, for the checks of the training loop. */
    static StudentLoss standIn(ReferenceLoss loss) {
        Object ref = Student.session().callStatic(STAND_IN_LOSS, "of", List.of(loss.id()));
        return new StudentLoss((Wire.Ref) ref, className(loss));
    }
}
