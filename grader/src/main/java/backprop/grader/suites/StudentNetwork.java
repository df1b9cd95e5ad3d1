package backprop.grader.suites;

import backprop.driver.Wire;
import backprop.grader.checks.CheckFailure;
import backprop.grader.checks.Student;
import backprop.grader.checks.Values;
import java.util.List;

/** A {@code Network} in the student JVM. */
record StudentNetwork(Wire.Ref ref) {

    /** {@code new Network(List.of(layers))}. */
    static StudentNetwork of(List<StudentDense> layers) {
        List<Object> refs = layers.stream().map(l -> (Object) l.ref()).toList();
        Object ref = Student.call("Network constructor", () -> Student.session().construct("backprop.nn.Network",
                List.of(refs)));
        return new StudentNetwork(Values.ref("Network constructor", ref));
    }

    double[][] forward(double[][] x) {
        return Student.call("Network.forward", () -> Values.rows("Network.forward", Student.session().call(ref, "forward",
                java.util.Arrays.asList(Students.mat(x)))));
    }

    double[][] backward(double[][] gradOutput) {
        return Student.call("Network.backward", () -> Values.rows("Network.backward", Student.session().call(ref, "backward",
                java.util.Arrays.asList(Students.mat(gradOutput)))));
    }

    void step(double learningRate) {
        Student.run("Network.step", () -> Student.session().call(ref, "step", List.of(learningRate)));
    }

    /** Layer {@code i}, which must be a DenseLayer. */
    StudentDense dense(int i) {
        List<?> layers = Values.list("Network.layers", Student.call("Network.layers",
                () -> Student.session().call(ref, "layers", List.of())));
        if (i >= layers.size()) {
            throw new CheckFailure("Network.layers() has " + layers.size() + " layers, expected at least " + (i + 1));
        }
        Wire.Ref layer = Values.ref("Network.layers", layers.get(i));
        if (!layer.type().equals("backprop.nn.DenseLayer")) {
            throw new CheckFailure("layer " + i + " is a " + layer.type() + ", expected a DenseLayer");
        }
        return new StudentDense(layer, DenseLayerChecks.SHAPES);
    }
}
