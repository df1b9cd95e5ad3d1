package backprop.grader.suites;

import backprop.driver.Wire;
import backprop.grader.checks.Student;
import backprop.grader.checks.Values;
import java.util.List;

/** A {@code Trainer} in the student JVM. */
record StudentTrainer(Wire.Ref ref) {

    /** {@code new Trainer(loss, learningRate)}. */
    static StudentTrainer create(StudentLoss loss, double learningRate) {
        Object ref = Student.call("Trainer constructor", () -> Student.session().construct("backprop.nn.Trainer",
                List.of(loss.ref(), learningRate)));
        return new StudentTrainer(Values.ref("Trainer constructor", ref));
    }

    double trainStep(StudentNetwork network, double[][] inputs, double[][] targets) {
        return Student.call("Trainer.trainStep", () -> Values.number("Trainer.trainStep", Student.session().call(ref,
                "trainStep", java.util.Arrays.asList(network.ref(), Students.mat(inputs), Students.mat(targets)))));
    }

    double[] fit(StudentNetwork network, double[][] inputs, double[][] targets, int epochs) {
        return Student.call("Trainer.fit", () -> Values.doubles("Trainer.fit", Student.session().call(ref, "fit",
                java.util.Arrays.asList(network.ref(), Students.mat(inputs), Students.mat(targets), epochs))));
    }
}
