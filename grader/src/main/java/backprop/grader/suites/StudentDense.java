package backprop.grader.suites;

import backprop.driver.Wire;
import backprop.grader.checks.Diagnoser;
import backprop.grader.checks.Student;
import backprop.grader.checks.Values;
import java.util.List;

/**
 * A {@code DenseLayer} in the student JVM. Every method returns what the student's object returned
 * (matrices as rows, null as null); {@code glossary} names shapes in the feedback on an exception.
 */
record StudentDense(Wire.Ref ref, Diagnoser.Glossary glossary) {

    /** {@code new DenseLayer(W, b, f)}. */
    static StudentDense create(double[][] w, double[] b, StudentActivation f, Diagnoser.Glossary glossary) {
        String method = "DenseLayer constructor";
        Object ref = Student.call(method, glossary, () -> Student.session().construct("backprop.nn.DenseLayer",
                java.util.Arrays.asList(Students.mat(w), Students.row(b), f.ref())));
        return new StudentDense(Values.ref(method, ref), glossary);
    }

    double[][] forward(double[][] x) {
        return matrix("DenseLayer.forward", "forward", Students.mat(x));
    }

    double[][] backward(double[][] gradOutput) {
        return matrix("DenseLayer.backward", "backward", Students.mat(gradOutput));
    }

    void step(double learningRate) {
        Student.run("DenseLayer.step", glossary, () -> Student.session().call(ref, "step", List.of(learningRate)));
    }

    double[][] weights() {
        return matrix("DenseLayer.weights", "weights");
    }

    double[][] bias() {
        return matrix("DenseLayer.bias", "bias");
    }

    double[][] gradWeights() {
        return matrix("DenseLayer.gradWeights", "gradWeights");
    }

    double[][] gradBias() {
        return matrix("DenseLayer.gradBias", "gradBias");
    }

    double[][] preActivation() {
        return matrix("DenseLayer.preActivation", "preActivation");
    }

    /** The layer's activation, as an object of the student JVM named by its class there. */
    StudentActivation activation() {
        Object v = Student.call("DenseLayer.activation", glossary, () -> Student.session().call(ref, "activation", List.of()));
        Wire.Ref r = Values.ref("DenseLayer.activation", v);
        String type = r.type().substring(r.type().lastIndexOf('.') + 1);
        return new StudentActivation(r, type.startsWith("StandIn") ? "Activation" : type);
    }

    private double[][] matrix(String label, String method, Object... args) {
        return Student.call(label, glossary, () -> Values.rows(label, Student.session().call(ref, method, java.util.Arrays.asList(args))));
    }
}
