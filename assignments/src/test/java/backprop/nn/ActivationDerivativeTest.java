package backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The derivatives f'(z) of the activation functions: a few values you can check by hand, the
 * conventions at the kink z = 0, and a comparison with finite differences of the given f(z).
 */
@org.junit.jupiter.api.extension.ExtendWith(WhatToDoNext.class)
@DisplayName("Activation.derivative")
class ActivationDerivativeTest {
    private static final double EXACT = 1e-12;

    // ---- Identity -------------------------------------------------------------------------

    @ParameterizedTest(name = "z = {0}")
    @ValueSource(doubles = {-1000, -1, 0, 0.5, 3, 1e6})
    void derivativeOfIdentityIsOneEverywhere(double z) {
        double d = new Identity().derivative(z);
        assertThat(d).as("Identity.derivative(%s): f(z) = z, so f'(z) = 1", z).isEqualTo(1.0);
    }

    // ---- Sigmoid --------------------------------------------------------------------------

    @Test
    void derivativeOfSigmoidAtZeroIsAQuarter() {
        double d = new Sigmoid().derivative(0);
        assertThat(d).as("Sigmoid.derivative(0): σ(0)·(1 − σ(0)) = 0.5·0.5").isCloseTo(0.25, within(EXACT));
    }

    @Test
    void derivativeOfSigmoidAtTwoIsSigmaTimesOneMinusSigma() {
        double d = new Sigmoid().derivative(2);
        assertThat(d).as("Sigmoid.derivative(2): σ(2)·(1 − σ(2)) with σ(2) = 0.880797 (note: the argument is z, not σ(z))")
                .isCloseTo(0.10499358540350662, within(EXACT));
    }

    @Test
    void derivativeOfSigmoidIsSymmetricAroundZero() {
        Sigmoid sigmoid = new Sigmoid();
        double left = sigmoid.derivative(-3);
        double right = sigmoid.derivative(3);
        assertThat(left).as("Sigmoid.derivative(-3) must equal Sigmoid.derivative(3) = %s", right)
                .isCloseTo(right, within(EXACT));
        assertThat(right).as("Sigmoid.derivative(3)").isCloseTo(0.045176659730912, within(EXACT));
    }

    @ParameterizedTest(name = "z = {0}")
    @ValueSource(doubles = {-800, -50, 50, 800})
    void derivativeOfSigmoidIsTinyButFiniteForLargeInputs(double z) {
        double d = new Sigmoid().derivative(z);
        assertThat(d).as("Sigmoid.derivative(%s) must be a finite number (no NaN or Infinity)", z).isFinite();
        assertThat(d).as("Sigmoid.derivative(%s): the sigmoid is flat out there, so f'(z) is between 0 and 1e-20", z)
                .isBetween(0.0, 1e-20);
    }

    // ---- Tanh -----------------------------------------------------------------------------

    @Test
    void derivativeOfTanhAtZeroIsOne() {
        double d = new Tanh().derivative(0);
        assertThat(d).as("Tanh.derivative(0): 1 − tanh²(0) = 1").isCloseTo(1.0, within(EXACT));
    }

    @Test
    void derivativeOfTanhAtTwoIsOneMinusTanhSquared() {
        double d = new Tanh().derivative(2);
        assertThat(d).as("Tanh.derivative(2): 1 − tanh²(2) (1 − 2² = −3 would mean you squared z instead of tanh(z))")
                .isCloseTo(0.07065082485316443, within(EXACT));
    }

    @Test
    void derivativeOfTanhAtMinusOneIsOneMinusTanhSquared() {
        double d = new Tanh().derivative(-1);
        assertThat(d).as("Tanh.derivative(-1): 1 − tanh²(−1)").isCloseTo(0.41997434161402614, within(EXACT));
    }

    // ---- ReLU -----------------------------------------------------------------------------

    @ParameterizedTest(name = "z = {0}")
    @ValueSource(doubles = {1e-9, 0.3, 2, 1e6})
    void derivativeOfReluIsOneForPositiveInputs(double z) {
        double d = new ReLU().derivative(z);
        assertThat(d).as("ReLU.derivative(%s): z > 0, so ReLU'(z) = 1", z).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "z = {0}")
    @ValueSource(doubles = {-1e-9, -0.3, -2, -1e6})
    void derivativeOfReluIsZeroForNegativeInputs(double z) {
        double d = new ReLU().derivative(z);
        assertThat(d).as("ReLU.derivative(%s): z < 0, so ReLU'(z) = 0", z).isEqualTo(0.0);
    }

    @Test
    void derivativeOfReluAtZeroIsZeroByConvention() {
        double d = new ReLU().derivative(0.0);
        assertThat(d).as("ReLU.derivative(0): the kink; this course's convention is 0 (numpy's (z > 0))")
                .isEqualTo(0.0);
    }

    // ---- LeakyReLU ------------------------------------------------------------------------

    @Test
    void derivativeOfLeakyReluIsOneForPositiveInputs() {
        LeakyReLU leaky = new LeakyReLU(0.1);
        double small = leaky.derivative(1e-9);
        double large = leaky.derivative(5);
        assertThat(small).as("LeakyReLU(alpha=0.1).derivative(1e-9)").isEqualTo(1.0);
        assertThat(large).as("LeakyReLU(alpha=0.1).derivative(5)").isEqualTo(1.0);
    }

    @Test
    void derivativeOfLeakyReluIsAlphaForNegativeInputs() {
        LeakyReLU leaky = new LeakyReLU(0.1);
        double d = leaky.derivative(-2);
        assertThat(d).as("LeakyReLU(alpha=0.1).derivative(-2): z < 0, so the slope is alpha").isCloseTo(0.1, within(EXACT));
    }

    @Test
    void derivativeOfLeakyReluUsesItsOwnAlpha() {
        double d = new LeakyReLU().derivative(-2);
        double d3 = new LeakyReLU(0.3).derivative(-0.5);
        assertThat(d).as("new LeakyReLU().derivative(-2): the default alpha is 0.01").isCloseTo(0.01, within(EXACT));
        assertThat(d3).as("new LeakyReLU(0.3).derivative(-0.5): alpha is 0.3").isCloseTo(0.3, within(EXACT));
    }

    @Test
    void derivativeOfLeakyReluAtZeroIsAlphaByConvention() {
        double d = new LeakyReLU(0.1).derivative(0.0);
        assertThat(d).as("LeakyReLU(alpha=0.1).derivative(0): the kink; the convention is alpha, like ReLU'(0) = 0")
                .isCloseTo(0.1, within(EXACT));
    }

    // ---- every activation against finite differences --------------------------------------

    static Stream<Arguments> activationsAwayFromKinks() {
        List<Activation> activations = List.of(new Identity(), new Sigmoid(), new Tanh(), new ReLU(), new LeakyReLU(0.1));
        double[] points = {-3.1, -1.2, -0.3, 0.4, 1.7, 2.9};
        List<Arguments> cases = new ArrayList<>();
        for (Activation a : activations) {
            for (double z : points) {
                cases.add(Arguments.of(Named.of(a.name(), a), z));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} at z = {1}")
    @MethodSource("activationsAwayFromKinks")
    void derivativeMatchesFiniteDifferencesOfValue(Activation activation, double z) {
        double analytic = activation.derivative(z);
        double numeric = GradientCheck.centralDifference(activation::value, z);
        assertThat(GradientCheck.agrees(analytic, numeric))
                .as("%s.derivative(%s) is %s but (f(z+h) − f(z−h))/2h with h = 1e-5 gives %s (relative error %.2e)",
                        activation.getClass().getSimpleName(), z, analytic, numeric,
                        GradientCheck.relativeError(analytic, numeric))
                .isTrue();
    }

    @Test
    void derivativeOfAMatrixAppliesTheDerivativeToEveryElement() {
        Matrix z = Matrix.of(new double[][] {{-1, 0, 2}, {0.5, -0.25, 3}});
        Matrix d = new Tanh().derivative(z);
        Matrix expected = z.map(v -> 1 - Math.tanh(v) * Math.tanh(v));
        GradientCheck.assertMatrixClose("Tanh.derivative(Matrix)", "element-wise tanh'(z)", expected, d, EXACT);
    }
}
