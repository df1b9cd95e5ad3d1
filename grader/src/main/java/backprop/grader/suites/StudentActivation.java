package backprop.grader.suites;

import backprop.driver.Wire;
import backprop.grader.checks.Student;
import backprop.grader.checks.Values;
import java.util.List;

/** An {@code Activation} in the student JVM: the student's class, or the grader's stand-in. */
record StudentActivation(Wire.Ref ref, String className) {

    /** f'(z) for every z, in one round trip. */
    double[] derivative(double[] z) {
        return Student.call(className + ".derivative", () -> Student.session().callEach(ref, "derivative", z));
    }

    /** f'(z) element-wise, through the interface's {@code derivative(Matrix)} (as a layer calls it). */
    double[][] derivative(double[][] z) {
        String method = className + ".derivative";
        return Student.call(method, () -> Values.rows(method, Student.session().call(ref, "derivative",
                java.util.Arrays.asList(Students.mat(z)))));
    }
}
