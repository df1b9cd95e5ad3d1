package backprop.grader.suites;

import backprop.driver.Wire;
import backprop.grader.checks.Student;
import backprop.grader.checks.Values;
import java.util.List;

/** A {@code Loss} in the student JVM: the student's class, or the grader's stand-in. */
record StudentLoss(Wire.Ref ref, String className) {

    double[][] gradient(double[][] prediction, double[][] target) {
        String method = className + ".gradient";
        return Student.call(method, () -> Values.rows(method, Student.session().call(ref, "gradient",
                java.util.Arrays.asList(Students.mat(prediction), Students.mat(target)))));
    }

    double value(double[][] prediction, double[][] target) {
        String method = className + ".value";
        return Student.call(method, () -> Values.number(method, Student.session().call(ref, "value",
                java.util.Arrays.asList(Students.mat(prediction), Students.mat(target)))));
    }
}
