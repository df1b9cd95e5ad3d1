package backprop.grader.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.checks.Diagnoser;
import backprop.grader.checks.KnownMistake;
import backprop.grader.checks.Tolerance;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rules that name a mistake from the comparison of a result with the expected one, one by one. */
class DiagnoserTest {
    private static final Random RANDOM = new Random(7);
    private static final double[][] E = gaussian(4, 3);

    @Test
    void constantFactorsAreNamed() {
        assertThat(Diagnoser.explain(E, scale(E, 4), 4, List.of())).startsWith("batch scaling").contains("N = 4 times too large");
        assertThat(Diagnoser.explain(E, scale(E, 0.25), 4, List.of())).contains("averaged over the batch twice");
        assertThat(Diagnoser.explain(E, scale(E, -1), 4, List.of())).startsWith("sign flipped");
        assertThat(Diagnoser.explain(E, scale(E, 2), 4, List.of())).startsWith("factor 2");
        assertThat(Diagnoser.explain(E, scale(E, 0.5), 4, List.of())).startsWith("factor 2 dropped");
        assertThat(Diagnoser.explain(E, scale(E, 3.7), 4, List.of())).startsWith("constant factor").contains("3.700");
    }

    @Test
    void transposedValuesOfASquareResultAreNamed() {
        double[][] square = gaussian(3, 3);
        assertThat(Diagnoser.explain(square, transpose(square), 1, List.of())).startsWith("transposed").contains("a_ij = e_ji");
    }

    @Test
    void aKnownMistakeWinsAndTinyValuesAreStillToldApart() {
        double[][] wrong = scale(E, -3);
        assertThat(Diagnoser.explain(E, wrong, 4, List.of(new KnownMistake("the named one", wrong)))).isEqualTo("the named one");
        // values of order 1e-12 (saturated sigmoids): a mistake that differs by 30 % must not look like the right answer
        double[][] tiny = scale(E, 1e-12);
        double[][] tinyWrong = scale(tiny, 1.3);
        assertThat(Diagnoser.explain(tiny, tinyWrong, 4, List.of(new KnownMistake("tiny but wrong", tinyWrong))))
                .isEqualTo("tiny but wrong");
        // a known mistake that equals the expected result is no diagnosis
        assertThat(Diagnoser.explain(E, scale(E, 1.0 + 1e-8), 4, List.of(new KnownMistake("same as right", E)))).isNotEqualTo("same as right");
    }

    @Test
    void floatArithmeticFailsTheReferenceToleranceAndIsNamed() {
        double[][] expected = gaussian(10, 20);
        double[][] asFloat = new double[10][20];
        int rejected = 0;
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 20; j++) {
                asFloat[i][j] = (float) expected[i][j];
                rejected += Tolerance.REFERENCE.accepts(expected[i][j], asFloat[i][j]) ? 0 : 1;
            }
        }
        assertThat(rejected).as("float-rounded values the reference tolerance rejects, of 200").isGreaterThan(150);
        assertThat(Diagnoser.explain(expected, asFloat, 10, List.of())).startsWith("float instead of double")
                .contains("every value you return is exactly a float");
    }

    @Test
    void doubleRoundingDifferencesPassTheReferenceTolerance() {
        for (int i = 0; i < 10_000; i++) {
            double z = 12 * RANDOM.nextGaussian();
            double viaTanh = 1 - Math.tanh(z) * Math.tanh(z);
            double c = Math.cosh(z);
            double viaCosh = 1 / (c * c);
            double sum = Math.exp(z) + Math.exp(-z);
            double viaExp = 4 / (sum * sum);
            assertThat(Tolerance.REFERENCE.accepts(viaCosh, viaTanh)).as("1 − tanh² at z = %s", z).isTrue();
            assertThat(Tolerance.REFERENCE.accepts(viaCosh, viaExp)).as("4/(e^z + e^−z)² at z = %s", z).isTrue();
        }
    }

    @Test
    void shapesAreNamed() {
        assertThat(Diagnoser.explainShape("dW", 5, 3, 3, 5, 4)).startsWith("shape transposed").contains("dZᵀ·X");
        assertThat(Diagnoser.explainShape("db (gradBias())", 1, 5, 4, 5, 4)).startsWith("db not summed over the batch");
        assertThat(Diagnoser.explainShape("layers[1].db", 1, 1, 5, 1, 5)).startsWith("db not summed over the batch");
        assertThat(Diagnoser.explainShape("dX", 4, 3, 4, 2, 4)).isEmpty();
    }

    private static backprop.driver.Wire.Thrown thrown(String className, String message) {
        return new backprop.driver.Wire.Thrown(className, message, java.util.List.of(), null);
    }

    @Test
    void exceptionsOfMismatchedShapesAreNamed() {
        Diagnoser.Glossary dense = Diagnoser.Glossary.dense(4, 3, 5);
        assertThat(Diagnoser.explainException("DenseLayer.backward", thrown("java.lang.IllegalArgumentException", 
                "cannot multiply 4x5 by 3x5: the left matrix has 5 columns but the right one has 3 rows"), dense))
                .contains("dX computed with Wᵀ").contains("dZ (or gradOutput) 4x5");
        assertThat(Diagnoser.explainException("DenseLayer.backward", thrown("java.lang.IllegalArgumentException", 
                "cannot multiply 4x3 by 5x4: the left matrix has 3 columns but the right one has 5 rows"), dense))
                .contains("dW with a transpose missing or misplaced").contains("X 4x3 (N x in) · dZᵀ 5x4 (out x N)");
        assertThat(Diagnoser.explainException("Network.backward", thrown("java.lang.IllegalArgumentException", 
                "cannot multiply 4x2 by 4x2: the left matrix has 2 columns but the right one has 4 rows"), Diagnoser.Glossary.NONE))
                .contains("a transpose is missing or extra");
        assertThat(Diagnoser.explainException("Trainer.trainStep", thrown("java.lang.IllegalArgumentException", 
                "cannot subtract a 4x3 matrix and a 3x4 matrix: the shapes must be equal"), Diagnoser.Glossary.NONE))
                .startsWith("shape transposed");
        assertThat(Diagnoser.explainException("Network.step", thrown("java.lang.IllegalArgumentException", 
                "cannot subtract a 1x3 matrix and a 4x3 matrix: the shapes must be equal"), Diagnoser.Glossary.NONE))
                .startsWith("db not summed over the batch");
        assertThat(Diagnoser.explainException("Network.backward", thrown("java.lang.IllegalArgumentException", 
                "gradOutput must have the shape of this layer's output, 4x5, but it is 4x2"), Diagnoser.Glossary.NONE))
                .startsWith("returned gradient dropped, or backward in the wrong order");
        assertThat(Diagnoser.explainException("Sigmoid.derivative", thrown("java.lang.ArithmeticException", "/ by zero"), Diagnoser.Glossary.NONE))
                .isEmpty();
    }

    @Test
    void updatesAreDiagnosedByTheirChange() {
        double[][] before = gaussian(3, 2);
        double[][] gradient = gaussian(3, 2);
        double[][] right = plus(before, scale(gradient, -0.1));
        assertThat(Diagnoser.explainUpdate(before, right, before, 1, List.of())).startsWith("not updated");
        assertThat(Diagnoser.explainUpdate(before, right, plus(before, scale(gradient, 0.1)), 1, List.of()))
                .startsWith("sign flipped in the update");
        assertThat(Diagnoser.explainUpdate(before, right, plus(before, scale(gradient, -0.1 / 6)), 6, List.of()))
                .startsWith("batch scaling").contains("seen in the change of the parameters");
    }

    private static double[][] gaussian(int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = RANDOM.nextGaussian();
            }
        }
        return m;
    }

    private static double[][] scale(double[][] m, double f) {
        double[][] out = new double[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                out[i][j] = f * m[i][j];
            }
        }
        return out;
    }

    private static double[][] plus(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] + b[i][j];
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
