package backprop.grader.suites;

import backprop.grader.catalogue.Graded;
import backprop.grader.catalogue.Part;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documents' worked examples, replayed step by step with the student's code. */
@Part("Worked examples")
class WorkedExampleChecks {

    @Test
    @Graded(number = "5.1", points = 2)
    @DisplayName("000_4b3603e6f7e37e7d.txt, \"In Python\": ReLU → sigmoid, MSE, one step")
    void document000() {
        WorkedExampleRun.graded("000-in-python");
    }

    @Test
    @Graded(number = "5.2", points = 4)
    @DisplayName("001_69cf991a5fec35a8.txt, \"Worked Example with Numbers\": every gradient of the 2-2-1 network")
    void document001() {
        WorkedExampleRun.graded("001-worked-example");
    }

    @Test
    @Graded(number = "5.3", points = 4)
    @DisplayName("003_f9e6b739e51f3737.txt, single-sample trace: BCE + sigmoid, δ₂ = ŷ − y")
    void document003SingleSample() {
        WorkedExampleRun.graded("003-single-sample");
    }

    @Test
    @Graded(number = "5.4", points = 4)
    @DisplayName("003_f9e6b739e51f3737.txt, \"Implementation\": one batch step over 5 samples")
    void document003Batch() {
        WorkedExampleRun.graded("003-implementation-batch");
    }
}
