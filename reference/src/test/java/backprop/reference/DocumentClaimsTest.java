package backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The documents' numeric claims that are not worked examples (see the notes and the claim errata). */
class DocumentClaimsTest {

    @Test
    void sigmoidFactorNeverExceedsAQuarterAndPeaksAtZero() {
        // 004 "The chain rule, intuitively" and 003 "Where This Breaks": a(1 − a) ≤ 0.25
        double max = 0;
        for (double z = -20; z <= 20; z += 1e-3) {
            max = Math.max(max, ReferenceActivation.SIGMOID.derivative(z));
        }
        assertThat(max).isLessThanOrEqualTo(0.25);
        assertThat(ReferenceActivation.SIGMOID.derivative(0)).isEqualTo(0.25);
    }

    @Test
    void oneNeuronWithInputTwoHasAlmostNoSigmoidFactorNearWeightPlusMinusTwo() {
        // 004: one neuron, x = 2, so z = w·x; near w = ±2 the factor a(1 − a) "almost vanishes"
        double x = 2;
        for (double w : new double[] {-2, 2}) {
            double a = ReferenceActivation.SIGMOID.value(w * x);
            assertThat(a * (1 - a)).isCloseTo(0.0177, within(5e-5)).isLessThan(0.25 / 10);
        }
    }

    @Test
    void tanhFactorReachesOneSoTheQuarterBoundIsOnlyForSigmoid() {
        // erratum 003-tanh-factor
        assertThat(ReferenceActivation.TANH.derivative(0)).isEqualTo(1.0);
        assertThat(Errata.byId("003-tanh-factor").kind()).isEqualTo(Erratum.Kind.CLAIM);
    }

    @Test
    void crossEntropyOfOneThousandthOfAPercentIsLargeButFinite() {
        // erratum 000-cross-entropy-infinity: −ln(0.00001) ≈ 11.5
        double loss = ReferenceLoss.SOFTMAX_CROSS_ENTROPY.value(
                new double[][] {{Math.log(0.00001), Math.log(0.99999)}}, new double[][] {{1, 0}});
        assertThat(loss).isCloseTo(11.513, within(1e-3));
    }

    @Test
    void theLearningRateTableOfDocument003HasNoOvershootAtLearningRateTen() {
        // erratum 003-lr-10.0-after: a correct step at lr = 10 lowers the loss
        Trace trace = WorkedExamples.byId("003-learning-rate-10.0").run();
        assertThat(trace.lossAfter()).isLessThan(trace.loss());
    }
}
