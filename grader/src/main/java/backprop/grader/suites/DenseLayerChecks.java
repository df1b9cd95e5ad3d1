package backprop.grader.suites;

import backprop.grader.catalogue.Graded;
import backprop.grader.catalogue.Part;
import backprop.grader.checks.CheckFailure;
import backprop.grader.checks.Compare;
import backprop.grader.checks.Diagnoser;
import backprop.grader.checks.KnownMistake;
import backprop.grader.checks.Numeric;
import backprop.grader.checks.Setting;
import backprop.grader.checks.Student;
import backprop.grader.checks.Tolerance;
import backprop.grader.results.Visibility;
import backprop.nn.DenseLayer;
import backprop.nn.Matrix;
import backprop.reference.ReferenceActivation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DenseLayer.backward and DenseLayer.step. */
@Part("Dense layer")
class DenseLayerChecks {
    /** Names X, W, dZ and their transposes by shape in feedback on a failed matrix product. */
    static final Diagnoser.Glossary SHAPES = Diagnoser.Glossary.dense(DenseCase.N, DenseCase.IN, DenseCase.OUT);
    private static final List<ReferenceActivation> ALL = List.of(ReferenceActivation.IDENTITY, ReferenceActivation.SIGMOID,
            ReferenceActivation.TANH, ReferenceActivation.RELU, ReferenceActivation.leakyRelu(0.01));

    @Test
    @Graded(number = "3.1", points = 3)
    @DisplayName("DenseLayer.backward: dW matches finite differences")
    void weightGradientFiniteDifferences() {
        for (ReferenceActivation a : List.of(ReferenceActivation.SIGMOID, ReferenceActivation.RELU)) {
            DenseCase c = DenseCase.random(a, 31);
            DenseLayer layer = backward(c);
            double[][] numeric = Numeric.gradient(w -> c.objective(c.x(), w, c.b()), c.w());
            Compare.matrix(setting(c, "dW (gradWeights())", true), numeric, layer.gradWeights(), Tolerance.GRADIENT_CHECK,
                    DenseCase.N, withBatchMistakes(c, "dW"));
        }
    }

    @Test
    @Graded(number = "3.2", points = 3)
    @DisplayName("DenseLayer.backward: db matches finite differences")
    void biasGradientFiniteDifferences() {
        for (ReferenceActivation a : List.of(ReferenceActivation.TANH, ReferenceActivation.RELU)) {
            DenseCase c = DenseCase.random(a, 32);
            DenseLayer layer = backward(c);
            double[][] numeric = Numeric.gradient(b -> c.objective(c.x(), c.w(), b[0]), Numeric.row(c.b()));
            checkBiasShape(c, layer.gradBias());
            Compare.matrix(setting(c, "db (gradBias())", true), numeric, layer.gradBias(), Tolerance.GRADIENT_CHECK,
                    DenseCase.N, withBatchMistakes(c, "db"));
        }
    }

    @Test
    @Graded(number = "3.3", points = 3)
    @DisplayName("DenseLayer.backward: the returned dX matches finite differences")
    void inputGradientFiniteDifferences() {
        for (ReferenceActivation a : List.of(ReferenceActivation.SIGMOID, ReferenceActivation.leakyRelu(0.01))) {
            DenseCase c = DenseCase.random(a, 33);
            DenseLayer layer = new DenseLayer(Matrix.of(c.w()), Matrix.row(c.b()), Oracles.activation(a));
            forward(layer, c.x());
            Matrix dx = Student.call("DenseLayer.backward", SHAPES, () -> layer.backward(Matrix.of(c.g())));
            double[][] numeric = Numeric.gradient(x -> c.objective(x, c.w(), c.b()), c.x());
            Compare.matrix(setting(c, "dX (the returned gradient)", true), numeric, dx, Tolerance.GRADIENT_CHECK,
                    DenseCase.N, withBatchMistakes(c, "dX"));
        }
    }

    @Test
    @Graded(number = "3.4", points = 3)
    @DisplayName("DenseLayer.backward agrees with the reference for every activation")
    void agreesWithReference() {
        long seed = 34;
        for (ReferenceActivation a : ALL) {
            DenseCase c = DenseCase.random(a, seed++);
            DenseLayer layer = new DenseLayer(Matrix.of(c.w()), Matrix.row(c.b()), Oracles.activation(a));
            forward(layer, c.x());
            Matrix dx = Student.call("DenseLayer.backward", SHAPES, () -> layer.backward(Matrix.of(c.g())));
            Compare.matrix(setting(c, "dW (gradWeights())", false), c.expected().dW(), layer.gradWeights(),
                    Tolerance.REFERENCE, DenseCase.N, withBatchMistakes(c, "dW"));
            checkBiasShape(c, layer.gradBias());
            Compare.matrix(setting(c, "db (gradBias())", false), Numeric.row(c.expected().db()), layer.gradBias(),
                    Tolerance.REFERENCE, DenseCase.N, withBatchMistakes(c, "db"));
            Compare.matrix(setting(c, "dX (the returned gradient)", false), c.expected().dX(), dx, Tolerance.REFERENCE,
                    DenseCase.N, withBatchMistakes(c, "dX"));
        }
    }

    @Test
    @Graded(number = "3.5", points = 2)
    @DisplayName("DenseLayer.backward: calling it twice gives the same gradients, and a zero upstream gives zero")
    void repeatableAndLinear() {
        DenseCase c = DenseCase.random(ReferenceActivation.TANH, 35);
        DenseLayer layer = new DenseLayer(Matrix.of(c.w()), Matrix.row(c.b()), Oracles.activation(c.activation()));
        forward(layer, c.x());
        Matrix dx1 = Student.call("DenseLayer.backward", SHAPES, () -> layer.backward(Matrix.of(c.g())));
        Matrix dw1 = layer.gradWeights();
        Matrix db1 = layer.gradBias();
        Matrix dx2 = Student.call("DenseLayer.backward", SHAPES, () -> layer.backward(Matrix.of(c.g())));
        Setting second = new Setting("DenseLayer.backward", "", c.describe() + ", second call with the same gradOutput");
        requireNonNull(dw1, "gradWeights() after backward");
        requireNonNull(db1, "gradBias() after backward");
        requireNonNull(dx1, "the gradient returned by backward");
        requireNonZero(dw1, "dW", c);
        sameOnSecondCall(second.withQuantity("dW of the second call"), dw1, layer.gradWeights());
        sameOnSecondCall(second.withQuantity("db of the second call"), db1, layer.gradBias());
        sameOnSecondCall(second.withQuantity("dX of the second call"), dx1, dx2);

        Matrix zero = Matrix.zeros(DenseCase.N, DenseCase.OUT);
        Matrix dx0 = Student.call("DenseLayer.backward", SHAPES, () -> layer.backward(zero));
        Setting zeroSetting = new Setting("DenseLayer.backward", "", c.describe() + ", gradOutput all zeros");
        if (layer.gradWeights() != null && layer.gradWeights().hasShape(DenseCase.OUT, DenseCase.IN)
                && layer.gradWeights().map(Math::abs).sum() > 0) {
            // Same dW as the first call, and that one was right: kept from before, not computed without G.
            boolean kept = layer.gradWeights().equals(dw1) && Tolerance.REFERENCE.acceptsAll(c.expected().dW(), dw1.toArray());
            throw new CheckFailure("DenseLayer.backward: with gradOutput all zeros, dW should be all zeros but is "
                    + layer.gradWeights() + " [" + c.describe() + "]", kept
                    ? "state leaks between calls: dW is still the one of the earlier call; backward must compute and store"
                    + " new gradients on every call"
                    : "upstream gradient ignored: dZ must be gradOutput ⊙ f'(Z), so a zero gradOutput gives zero gradients");
        }
        Compare.matrix(zeroSetting.withQuantity("dW"), Numeric.zeros(DenseCase.OUT, DenseCase.IN), layer.gradWeights(),
                Tolerance.REFERENCE, DenseCase.N, List.of());
        Compare.matrix(zeroSetting.withQuantity("db"), Numeric.zeros(1, DenseCase.OUT), layer.gradBias(), Tolerance.REFERENCE,
                DenseCase.N, List.of());
        Compare.matrix(zeroSetting.withQuantity("dX"), Numeric.zeros(DenseCase.N, DenseCase.IN), dx0, Tolerance.REFERENCE,
                DenseCase.N, List.of());
    }

    @Test
    @Graded(number = "3.6", points = 2, visibility = Visibility.HIDDEN)
    @DisplayName("DenseLayer.backward leaves W, b, the input and the pre-activations unchanged")
    void doesNotChangeItsInputs() {
        DenseCase c = DenseCase.random(ReferenceActivation.SIGMOID, 36);
        Matrix w = Matrix.of(c.w());
        Matrix b = Matrix.row(c.b());
        DenseLayer layer = new DenseLayer(w, b, Oracles.activation(c.activation()));
        forward(layer, c.x());
        Matrix z = layer.preActivation();
        Student.call("DenseLayer.backward", SHAPES, () -> layer.backward(Matrix.of(c.g())));
        requireNonZero(layer.gradWeights(), "dW", c);
        Setting s = new Setting("DenseLayer.backward", "", c.describe() + ": backward must only compute gradients");
        String updated = "backward changed the parameters: updates belong in step(), after backward";
        Compare.matrix(s.withQuantity("W after backward"), c.w(), layer.weights(), Tolerance.REFERENCE, 1,
                List.of(new KnownMistake(updated, c.expected().updatedWeights())));
        Compare.matrix(s.withQuantity("b after backward"), Numeric.row(c.b()), layer.bias(), Tolerance.REFERENCE, 1,
                List.of(new KnownMistake(updated, Numeric.row(c.expected().updatedBias()))));
        Compare.matrix(s.withQuantity("Z (preActivation()) after backward"), z.toArray(), layer.preActivation(),
                Tolerance.REFERENCE, 1, List.of());
    }

    @Test
    @Graded(number = "3.7", points = 2)
    @DisplayName("DenseLayer.step moves W and b against their gradients")
    void stepUpdatesParameters() {
        DenseCase c = DenseCase.random(ReferenceActivation.TANH, 37);
        DenseLayer layer = new DenseLayer(Matrix.of(c.w()), Matrix.row(c.b()), Oracles.activation(c.activation()));
        forward(layer, c.x());
        Student.call("DenseLayer.backward", SHAPES, () -> layer.backward(Matrix.of(c.g())));
        // Grade step on its own: the expected update uses the gradients backward stored, right or wrong.
        Matrix dw = layer.gradWeights();
        Matrix db = layer.gradBias();
        requireNonNull(dw, "gradWeights() after backward");
        requireNonNull(db, "gradBias() after backward");
        if (!dw.hasShape(DenseCase.OUT, DenseCase.IN) || !db.hasShape(1, DenseCase.OUT)) {
            String shape = Diagnoser.explainShape("dW", DenseCase.OUT, DenseCase.IN, dw.rows(), dw.cols(), DenseCase.N);
            throw new CheckFailure("DenseLayer.step cannot be graded: backward stored dW " + dw.shape() + " and db "
                    + db.shape() + ", but they must be " + DenseCase.OUT + "x" + DenseCase.IN + " and 1x" + DenseCase.OUT
                    + " (fix backward first)", dw.hasShape(DenseCase.OUT, DenseCase.IN)
                    ? Diagnoser.explainShape("db", 1, DenseCase.OUT, db.rows(), db.cols(), DenseCase.N) : shape);
        }
        requireNonZero(dw, "dW", c);
        Student.run("DenseLayer.step", SHAPES, () -> layer.step(0.07));
        Matrix w = layer.weights();
        Matrix b = layer.bias();
        double[][] expectedW = Matrix.of(c.w()).minus(dw.scale(0.07)).toArray();
        double[][] expectedB = Matrix.row(c.b()).minus(db.scale(0.07)).toArray();
        Setting s = new Setting("DenseLayer.step", "", c.describe() + ", learning rate 0.07, after backward");
        double[][] hardCoded = Matrix.of(c.w()).minus(dw.scale(0.1)).toArray();
        Compare.update(s.withQuantity("W after step"), c.w(), expectedW, w, Tolerance.REFERENCE, 1,
                List.of(new KnownMistake("learning rate ignored: the update used 0.1, not the learning rate passed to step",
                        hardCoded)));
        Compare.update(s.withQuantity("b after step"), Numeric.row(c.b()), expectedB, b, Tolerance.REFERENCE, 1, List.of());
    }

    @Test
    @Graded(number = "3.8", points = 2, visibility = Visibility.AFTER_DUE_DATE)
    @DisplayName("DenseLayer.backward is finite and correct for extreme pre-activations (|z| up to ~800)")
    void extremePreActivations() {
        for (ReferenceActivation a : List.of(ReferenceActivation.SIGMOID, ReferenceActivation.TANH)) {
            DenseCase c = DenseCase.random(a, 38, 400);
            DenseLayer layer = new DenseLayer(Matrix.of(c.w()), Matrix.row(c.b()), Oracles.activation(a));
            forward(layer, c.x());
            Matrix dx = Student.call("DenseLayer.backward", SHAPES, () -> layer.backward(Matrix.of(c.g())));
            Tolerance t = new Tolerance(1e-6, 1e-12);
            Compare.matrix(setting(c, "dW", false), c.expected().dW(), layer.gradWeights(), t, DenseCase.N,
                    withBatchMistakes(c, "dW"));
            Compare.matrix(setting(c, "dX", false), c.expected().dX(), dx, t, DenseCase.N, withBatchMistakes(c, "dX"));
        }
    }

    // ---- shared ------------------------------------------------------------------------------

    /** A layer of case {@code c} after forward and backward. */
    static DenseLayer backward(DenseCase c) {
        DenseLayer layer = new DenseLayer(Matrix.of(c.w()), Matrix.row(c.b()), Oracles.activation(c.activation()));
        forward(layer, c.x());
        Student.call("DenseLayer.backward", SHAPES, () -> layer.backward(Matrix.of(c.g())));
        return layer;
    }

    /** The layer's forward pass (given code, but the student's file: it may have changed it). */
    static Matrix forward(DenseLayer layer, double[][] x) {
        Matrix input = Matrix.of(x);
        return Student.call("DenseLayer.forward", SHAPES, () -> layer.forward(input));
    }

    /** A second backward with the same gradOutput must give what the first gave. */
    private static void sameOnSecondCall(Setting s, Matrix first, Matrix second) {
        double[][] once = first.toArray();
        try {
            Compare.matrix(s, once, second, Tolerance.REFERENCE, DenseCase.N, List.of());
        } catch (CheckFailure f) {
            String feedback = f.feedback();
            boolean doubled = second != null && second.hasShape(once.length, once[0].length)
                    && Diagnoser.knownMistakeMatches(Numeric.scale(once, 2), second.toArray());
            throw new CheckFailure(feedback, doubled
                    ? "state leaks between calls: gradients accumulated (+=) and never reset: the second backward with the"
                    + " same gradOutput gave twice the first one's values; assign the gradients, do not add to them"
                    : "state leaks between calls: the second backward with the same gradOutput gave other values than"
                    + " the first; backward must not change what it reads (the cached input, Z, W) nor build on"
                    + " what an earlier call stored");
        }
    }

    static Setting setting(DenseCase c, String quantity, boolean numeric) {
        return new Setting("DenseLayer.backward", quantity, c.describe() + ", Gaussian gradOutput"
                + (numeric ? ", compared with central differences, h = 1e-5" : ", compared with the reference"));
    }

    static List<KnownMistake> withBatchMistakes(DenseCase c, String quantity) {
        return new ArrayList<>(c.mistakes(quantity));
    }

    private static void checkBiasShape(DenseCase c, Matrix db) {
        if (db != null && db.rows() == DenseCase.N && db.cols() == DenseCase.OUT) {
            throw new CheckFailure("DenseLayer.backward: db (gradBias()) has shape " + db.shape() + " but should be 1x"
                    + DenseCase.OUT + " [" + c.describe() + "]", "db not summed over the batch: db is the column sums of dZ"
                    + " (dZ.sumRows()), one number per output");
        }
    }

    /** Property checks mean nothing for a backward that stores zeros: it would pass them without any math. */
    private static void requireNonZero(Matrix m, String what, DenseCase c) {
        if (m != null && m.map(Math::abs).sum() == 0) {
            throw new CheckFailure("DenseLayer.backward stored an all-zero " + what + " for a non-zero gradOutput ["
                    + c.describe() + "]", "no gradient computed: " + what + " is all zeros; this check needs a real backward");
        }
    }

    private static void requireNonNull(Matrix m, String what) {
        if (m == null) {
            throw new CheckFailure("DenseLayer: " + what + " is null");
        }
    }
}
