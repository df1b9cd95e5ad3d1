package backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every printed number of every worked example is the reference's value rounded to the printed
 * decimals, unless the step names an erratum: then the printed number really is wrong at that
 * precision and the erratum's correct value is the reference's.
 */
class WorkedExampleFixturesTest {

    @TestFactory
    Stream<DynamicNode> everyPrintedStepIsTheReferenceValueRoundedOrARecordedErratum() {
        return WorkedExamples.all().stream().map(example -> {
            Trace trace = example.run();
            return dynamicContainer(example.document() + " › " + example.section() + " › " + example.id(),
                    example.steps().stream().map(step -> dynamicTest(displayName(example, step), () -> check(step, trace))));
        });
    }

    private static String displayName(WorkedExample example, Step step) {
        return example.document() + " › " + example.section() + " › " + step.name() + " = " + step.quantity() + " at " + step.decimals() + " decimals — " + step.location()
                + (step.erratum() == null ? "" : " [erratum " + step.erratum() + "]");
    }

    private static void check(Step step, Trace trace) {
        double[][] exact = trace.quantity(step.quantity());
        String printed = Arrays.deepToString(step.printed());
        String reference = Arrays.deepToString(exact);
        if (step.erratum() == null) {
            assertThat(step.agreesWith(exact))
                    .as("printed %s should be the reference %s rounded to %d decimals", printed, reference, step.decimals())
                    .isTrue();
            return;
        }
        Erratum erratum = Errata.byId(step.erratum());
        assertThat(erratum.kind()).isEqualTo(Erratum.Kind.VALUE);
        assertThat(step.agreesWith(exact))
                .as("erratum %s: printed %s should differ from the reference %s at %d decimals", erratum.id(), printed,
                        reference, step.decimals())
                .isFalse();
        assertThat(Rounding.agrees(erratum.correctValue(), exact, erratum.decimals()))
                .as("erratum %s: correct value %s should be the reference %s rounded to %d decimals", erratum.id(),
                        Arrays.deepToString(erratum.correctValue()), reference, erratum.decimals())
                .isTrue();
    }
}
