package backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of the student names, values, derivatives and the kink conventions. */
class ReferenceActivationTest {

    @ParameterizedTest
    @ValueSource(strings = {"identity", "sigmoid", "tanh", "relu", "leaky_relu(0.01)", "leaky_relu(0.2)", "leaky_relu(1.0E-4)"})
    void parsesEveryStudentNameAndPrintsItBack(String name) {
        assertThat(ReferenceActivation.parse(name).name()).isEqualTo(name);
    }

    @Test
    void plainLeakyReluMeansSlopeOneHundredth() {
        assertThat(ReferenceActivation.parse("leaky_relu")).isEqualTo(ReferenceActivation.leakyRelu(0.01));
        assertThat(ReferenceActivation.parse("leaky_relu(0.3)").alpha()).isEqualTo(0.3);
    }

    @Test
    void reluHasDerivativeZeroAndLeakyReluDerivativeAlphaAtTheKink() {
        assertThat(ReferenceActivation.RELU.derivative(0.0)).isEqualTo(0.0);
        assertThat(ReferenceActivation.RELU.derivative(1e-300)).isEqualTo(1.0);
        assertThat(ReferenceActivation.leakyRelu(0.05).derivative(0.0)).isEqualTo(0.05);
        assertThat(ReferenceActivation.leakyRelu(0.05).value(-2.0)).isEqualTo(-0.1);
    }

    @Test
    void derivativesMatchCentralDifferencesAwayFromKinks() {
        List<ReferenceActivation> all = List.of(ReferenceActivation.IDENTITY, ReferenceActivation.SIGMOID,
                ReferenceActivation.TANH, ReferenceActivation.RELU, ReferenceActivation.leakyRelu(0.1));
        double h = 1e-5;
        for (ReferenceActivation f : all) {
            for (double z = -6.05; z <= 6; z += 0.5) {
                double numeric = (f.value(z + h) - f.value(z - h)) / (2 * h);
                assertThat(f.derivative(z)).as("%s'(%s)", f, z).isCloseTo(numeric, within(1e-9));
            }
        }
    }

    @Test
    void sigmoidDerivativeEqualsSigmoidTimesOneMinusSigmoid() {
        for (double z = -10; z <= 10; z += 0.25) {
            double s = ReferenceActivation.SIGMOID.value(z);
            assertThat(ReferenceActivation.SIGMOID.derivative(z)).isCloseTo(s * (1 - s), within(1e-15));
            assertThat(ReferenceActivation.TANH.derivative(z))
                    .isCloseTo(1 - Math.tanh(z) * Math.tanh(z), within(1e-15));
        }
    }
}
