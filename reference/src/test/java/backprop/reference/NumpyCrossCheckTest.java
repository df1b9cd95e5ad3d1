package backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The oracle agrees to 1e-12 with a separate numpy computation (written for this module, not taken
 * from the documents) of the gradients the documents print only rounded, or not at all.
 */
class NumpyCrossCheckTest {

    private static void assertClose(double[][] actual, double[][] numpy) {
        assertThat(Rounding.agrees(numpy, actual, 12))
                .as("reference %s vs numpy %s", Arrays.deepToString(actual), Arrays.deepToString(numpy)).isTrue();
    }

    @Test
    void batchOfDocument003MatchesNumpyToTwelveDecimals() {
        Trace t = WorkedExamples.byId("003-implementation-batch").run();
        assertClose(t.quantity("layers[0].dW"), new double[][] {
            {-0.030008739279026288, -0.04986553345405177}, {0.02000582618601753, 0.03324368896936785}});
        assertClose(t.quantity("layers[0].db"), new double[][] {{0.06317271351883952, -0.04211514234589302}});
        assertClose(t.quantity("layers[0].dX"), new double[][] {
            {0.01931167086266319, -0.047206306553176695}, {-0.018809453692504807, 0.045978664581678416},
            {0.018035999952000076, -0.04408799988266686}, {-0.018341958851941766, 0.044835899415857666},
            {0.018755555785435158, -0.04584691414217485}});
        assertClose(t.quantity("layers[1].dW"), new double[][] {{0.0021433473386352716, -0.0920205331647221}});
        assertClose(t.quantity("layers[0].weightsAfter"), new double[][] {
            {0.5030008739279026, -0.19501344665459483}, {0.29799941738139823, 0.7966756311030633}});
        assertClose(t.quantity("layers[1].biasAfter"), new double[][] {{-0.010528785586473254}});
    }

    @Test
    void deadReluNeuronOfDocument000GetsZeroGradientAndMatchesNumpy() {
        Trace t = WorkedExamples.byId("000-in-python").run();
        assertClose(t.quantity("layers[0].dW"), new double[][] {{-0.11385957083968479, 0.22771914167936957}, {0, 0}});
        assertClose(t.quantity("layers[0].db"), new double[][] {{-0.22771914167936957, 0}});
        assertClose(t.quantity("layers[0].dX"), new double[][] {{-0.18217531334349568, -0.09108765667174784}});
        assertClose(t.quantity("layers[1].dW"), new double[][] {{-0.01897659513994747, 0}});
        assertClose(t.quantity("layers[0].weightsAfter"), new double[][] {
            {0.8011385957083969, 0.3977228085832063}, {-0.5, 0.9}});
        assertClose(t.quantity("layers[1].biasAfter"), new double[][] {{0.3018976595139947}});
    }
}
