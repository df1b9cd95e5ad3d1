package backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The gradients dL/dprediction of the losses: small cases you can work out by hand, a comparison
 * with finite differences of the given {@code value}, and the extreme inputs that must not produce
 * NaN or Infinity.
 */
@org.junit.jupiter.api.extension.ExtendWith(WhatToDoNext.class)
@DisplayName("Loss.gradient")
class LossGradientTest {
    private static final double EXACT = 1e-12;
    private static final long SEED = 42;

    // ---- MeanSquaredError -----------------------------------------------------------------

    @Test
    void meanSquaredErrorGradientOfOneNumberIsTwiceTheError() {
        Matrix grad = new MeanSquaredError().gradient(Matrix.row(0.8), Matrix.row(1.0));
        GradientCheck.assertMatrixClose("MeanSquaredError.gradient", "prediction [[0.8]], target [[1.0]]: 2·(0.8 − 1)",
                Matrix.row(-0.4), grad, EXACT);
    }

    @Test
    void meanSquaredErrorGradientIsDividedByTheNumberOfElements() {
        Matrix prediction = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Matrix target = Matrix.filled(2, 3, 1);
        Matrix grad = new MeanSquaredError().gradient(prediction, target);
        Matrix expected = Matrix.of(new double[][] {{0, 1.0 / 3, 2.0 / 3}, {1, 4.0 / 3, 5.0 / 3}});
        GradientCheck.assertMatrixClose("MeanSquaredError.gradient",
                "2x3 batch, N·K = 6 elements: 2·(ŷ − y)/6", expected, grad, EXACT);
    }

    @Test
    void meanSquaredErrorGradientMatchesFiniteDifferencesOfValue() {
        MeanSquaredError mse = new MeanSquaredError();
        Matrix prediction = GradientCheck.gaussian(4, 3, SEED);
        Matrix target = GradientCheck.gaussian(4, 3, SEED + 1);
        Matrix analytic = mse.gradient(prediction, target);
        Matrix numeric = GradientCheck.numericGradient(p -> mse.value(p, target), prediction);
        GradientCheck.assertGradientMatches("MeanSquaredError.gradient", "Gaussian 4x3 prediction and target, seed 42",
                analytic, numeric);
    }

    // ---- BinaryCrossEntropy ---------------------------------------------------------------

    @Test
    void binaryCrossEntropyGradientOfOneProbability() {
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        Matrix towardsOne = bce.gradient(Matrix.row(0.8), Matrix.row(1.0));
        Matrix towardsZero = bce.gradient(Matrix.row(0.8), Matrix.row(0.0));
        GradientCheck.assertMatrixClose("BinaryCrossEntropy.gradient",
                "p = 0.8, y = 1: (p − y)/(p(1 − p)) = −0.2/0.16", Matrix.row(-1.25), towardsOne, EXACT);
        GradientCheck.assertMatrixClose("BinaryCrossEntropy.gradient",
                "p = 0.8, y = 0: (p − y)/(p(1 − p)) = 0.8/0.16", Matrix.row(5.0), towardsZero, EXACT);
    }

    @Test
    void binaryCrossEntropyGradientIsDividedByTheNumberOfElements() {
        Matrix p = Matrix.of(new double[][] {{0.8, 0.8}, {0.5, 0.25}});
        Matrix y = Matrix.of(new double[][] {{1, 0}, {1, 0}});
        Matrix grad = new BinaryCrossEntropy().gradient(p, y);
        Matrix expected = Matrix.of(new double[][] {{-1.25 / 4, 5.0 / 4}, {-2.0 / 4, (1.0 / 0.75) / 4}});
        GradientCheck.assertMatrixClose("BinaryCrossEntropy.gradient",
                "2x2 batch, N·K = 4 elements: (p − y)/(p(1 − p))/4", expected, grad, EXACT);
    }

    @Test
    void binaryCrossEntropyGradientMatchesFiniteDifferencesOfValue() {
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        Random random = new Random(SEED);
        double[][] p = new double[4][3];
        double[][] y = new double[4][3];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                p[i][j] = 0.05 + 0.9 * random.nextDouble();
                y[i][j] = j == 2 ? random.nextDouble() : random.nextInt(2); // one soft-label column
            }
        }
        Matrix prediction = Matrix.of(p);
        Matrix target = Matrix.of(y);
        Matrix analytic = bce.gradient(prediction, target);
        Matrix numeric = GradientCheck.numericGradient(q -> bce.value(q, target), prediction);
        GradientCheck.assertGradientMatches("BinaryCrossEntropy.gradient",
                "4x3 probabilities in [0.05, 0.95], seed 42", analytic, numeric);
    }

    @Test
    void binaryCrossEntropyGradientIsFiniteForProbabilitiesZeroAndOne() {
        Matrix p = Matrix.of(new double[][] {{0, 1}, {0, 1}});
        Matrix y = Matrix.of(new double[][] {{0, 0}, {1, 1}});
        Matrix grad = new BinaryCrossEntropy().gradient(p, y);
        assertThat(grad.shape()).as("BinaryCrossEntropy.gradient: shape for a 2x2 prediction").isEqualTo("2x2");
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(grad.get(i, j))
                        .as("BinaryCrossEntropy.gradient at p = %s, y = %s must be finite: clamp p into [EPSILON, 1 − EPSILON] first"
                                + " (BinaryCrossEntropy.clamp), as value does", p.get(i, j), y.get(i, j))
                        .isFinite();
            }
        }
        assertThat(grad.get(1, 0)).as("BinaryCrossEntropy.gradient at p = 0, y = 1: pushes p up, so it is negative")
                .isNegative();
        assertThat(grad.get(0, 1)).as("BinaryCrossEntropy.gradient at p = 1, y = 0: pushes p down, so it is positive")
                .isPositive();
    }

    // ---- SoftmaxCrossEntropy --------------------------------------------------------------

    @Test
    void softmaxCrossEntropyGradientIsSoftmaxMinusTargetOverN() {
        Matrix logits = Matrix.of(new double[][] {{0, 0}, {0, Math.log(3)}});
        Matrix target = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        Matrix grad = new SoftmaxCrossEntropy().gradient(logits, target);
        // softmax rows: [0.5, 0.5] and [0.25, 0.75]; minus the one-hot targets; divided by N = 2
        Matrix expected = Matrix.of(new double[][] {{-0.25, 0.25}, {0.125, -0.125}});
        GradientCheck.assertMatrixClose("SoftmaxCrossEntropy.gradient",
                "logits [[0, 0], [0, ln 3]], one-hot targets, N = 2: (softmax(z) − y)/2", expected, grad, EXACT);
    }

    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferencesOfValue() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Matrix logits = GradientCheck.gaussian(4, 3, SEED).scale(2);
        Matrix target = Matrix.of(new double[][] {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}, {0, 0, 1}});
        Matrix analytic = loss.gradient(logits, target);
        Matrix numeric = GradientCheck.numericGradient(z -> loss.value(z, target), logits);
        GradientCheck.assertGradientMatches("SoftmaxCrossEntropy.gradient",
                "Gaussian 4x3 logits (std 2), one-hot targets, seed 42", analytic, numeric);
    }

    @Test
    void softmaxCrossEntropyGradientIsFiniteForHugeLogits() {
        Matrix logits = Matrix.of(new double[][] {{1000, -1000, 0}, {-1000, 1000, 1000}});
        Matrix target = Matrix.of(new double[][] {{0, 1, 0}, {1, 0, 0}});
        Matrix grad = new SoftmaxCrossEntropy().gradient(logits, target);
        // softmax rows: [1, 0, 0] and [0, 0.5, 0.5]; exp(1000) itself would be Infinity
        Matrix expected = Matrix.of(new double[][] {{0.5, -0.5, 0}, {-0.5, 0.25, 0.25}});
        GradientCheck.assertMatrixClose("SoftmaxCrossEntropy.gradient",
                "logits ±1000 (use SoftmaxCrossEntropy.softmax, which subtracts the row maximum)", expected, grad,
                EXACT);
    }

    @Test
    void lossGradientsHaveTheShapeOfThePrediction() {
        Matrix prediction = Matrix.filled(3, 2, 0.3);
        Matrix target = Matrix.of(new double[][] {{1, 0}, {0, 1}, {1, 0}});
        Loss[] losses = {new MeanSquaredError(), new BinaryCrossEntropy(), new SoftmaxCrossEntropy()};
        for (Loss loss : losses) {
            Matrix grad = loss.gradient(prediction, target);
            assertThat(grad).as("%s.gradient for a 3x2 prediction returned null", loss.getClass().getSimpleName())
                    .isNotNull();
            assertThat(grad.shape()).as("%s.gradient: shape of dL/dprediction for a 3x2 prediction",
                    loss.getClass().getSimpleName()).isEqualTo("3x2");
        }
    }
}
