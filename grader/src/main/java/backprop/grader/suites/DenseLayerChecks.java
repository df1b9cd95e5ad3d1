package backprop.grader.suites;

import backprop.grader.catalogue.Graded;
import backprop.grader.catalogue.Part;
import backprop.grader.checks.CheckFailure;
import backprop.grader.checks.Compare;
import backprop.grader.checks.Diagnoser;
import backprop.grader.checks.KnownMistake;
import backprop.grader.checks.Numeric;
import backprop.grader.checks.Setting;
import backprop.grader.checks.Tolerance;
import backprop.grader.results.Visibility;
import backprop.grader.checks.Values;
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
            StudentDense layer = backward(c);
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
            StudentDense layer = backward(c);
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
            StudentDense layer = layer(c);
            layer.forward(c.x());
            double[][] dx = layer.backward(c.g());
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
            StudentDense layer = layer(c);
            layer.forward(c.x());
            double[][] dx = layer.backward(c.g());
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
        StudentDense layer = layer(c);
        layer.forward(c.x());
        double[][] dx1 = layer.backward(c.g());
        double[][] dw1 = layer.gradWeights();
        double[][] db1 = layer.gradBias();
        double[][] dx2 = layer.backward(c.g());
        Setting second = new Setting("DenseLayer.backward", "", c.describe() + ", second call with the same gradOutput");
        requireNonNull(dw1, "gradWeights() after backward");
        requireNonNull(db1, "gradBias() after backward");
        requireNonNull(dx1, "the gradient returned by backward");
        requireNonZero(dw1, "dW", c);
        requireRealGradients(c, dw1, dx1);
        sameOnSecondCall(second.withQuantity("dW of the second call"), dw1, layer.gradWeights());
        sameOnSecondCall(second.withQuantity("db of the second call"), db1, layer.gradBias());
        sameOnSecondCall(second.withQuantity("dX of the second call"), dx1, dx2);

        double[][] dx0 = layer.backward(Numeric.zeros(DenseCase.N, DenseCase.OUT));
        Setting zeroSetting = new Setting("DenseLayer.backward", "", c.describe() + ", gradOutput all zeros");
        double[][] dw0 = layer.gradWeights();
        if (Values.hasShape(dw0, DenseCase.OUT, DenseCase.IN) && Values.sumAbs(dw0) > 0) {
            // Same dW as the first call, and that one was right: kept from before, not computed without G.
            boolean kept = Values.same(dw0, dw1) && Tolerance.REFERENCE.acceptsAll(c.expected().dW(), dw1);
            throw new CheckFailure("DenseLayer.backward: with gradOutput all zeros, dW should be all zeros but is "
                    + java.util.Arrays.deepToString(dw0) + " [" + c.describe() + "]", kept
                    ? "state leaks between calls: dW is still the one of the earlier call; backward must compute and store"
                    + " new gradients on every call"
                    : "upstream gradient ignored: dZ must be gradOutput ⊙ f'(Z), so a zero gradOutput gives zero gradients");
        }
        Compare.matrix(zeroSetting.withQuantity("dW"), Numeric.zeros(DenseCase.OUT, DenseCase.IN), dw0,
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
        DenseCase c = DenseCase.random(ReferenceActivation.SIGMOID, 136); // hidden: inputs no visible check uses
        StudentDense layer = layer(c);
        layer.forward(c.x());
        double[][] z = layer.preActivation();
        double[][] dx = layer.backward(c.g());
        // Only a backward that computes something can show that it leaves its inputs alone; whether its
        // values are right is the subject of 3.1 to 3.4.
        requireNonNull(layer.gradWeights(), "gradWeights() after backward");
        requireNonZero(layer.gradWeights(), "dW", c);
        requireNonNull(dx, "the gradient returned by backward");
        if (!Values.hasShape(dx, DenseCase.N, DenseCase.IN)) {
            throw new CheckFailure("DenseLayer.backward returned dX of shape " + Values.shape(dx) + " but it must have the"
                    + " input's shape " + DenseCase.N + "x" + DenseCase.IN + " [" + c.describe() + "]");
        }
        requireNonZero(dx, "dX (the returned gradient)", c);
        requireRealGradients(c, layer.gradWeights(), dx);
        Setting s = new Setting("DenseLayer.backward", "", c.describe() + ": backward must only compute gradients");
        String updated = "backward changed the parameters: updates belong in step(), after backward";
        Compare.matrix(s.withQuantity("W after backward"), c.w(), layer.weights(), Tolerance.REFERENCE, 1,
                List.of(new KnownMistake(updated, c.expected().updatedWeights())));
        Compare.matrix(s.withQuantity("b after backward"), Numeric.row(c.b()), layer.bias(), Tolerance.REFERENCE, 1,
                List.of(new KnownMistake(updated, Numeric.row(c.expected().updatedBias()))));
        requireNonNull(z, "preActivation() after forward");
        Compare.matrix(s.withQuantity("Z (preActivation()) after backward"), z, layer.preActivation(),
                Tolerance.REFERENCE, 1, List.of());
    }

    @Test
    @Graded(number = "3.7", points = 2)
    @DisplayName("DenseLayer.step moves W and b against their gradients")
    void stepUpdatesParameters() {
        DenseCase c = DenseCase.random(ReferenceActivation.TANH, 37);
        StudentDense layer = layer(c);
        layer.forward(c.x());
        layer.backward(c.g());
        // Grade step on its own: the expected update uses the gradients backward stored, right or wrong.
        double[][] dw = layer.gradWeights();
        double[][] db = layer.gradBias();
        requireNonNull(dw, "gradWeights() after backward");
        requireNonNull(db, "gradBias() after backward");
        if (!Values.hasShape(dw, DenseCase.OUT, DenseCase.IN) || !Values.hasShape(db, 1, DenseCase.OUT)) {
            String shape = Diagnoser.explainShape("dW", DenseCase.OUT, DenseCase.IN, dw.length, cols(dw), DenseCase.N);
            throw new CheckFailure("DenseLayer.step cannot be graded: backward stored dW " + Values.shape(dw) + " and db "
                    + Values.shape(db) + ", but they must be " + DenseCase.OUT + "x" + DenseCase.IN + " and 1x" + DenseCase.OUT
                    + " (fix backward first)", Values.hasShape(dw, DenseCase.OUT, DenseCase.IN)
                    ? Diagnoser.explainShape("db", 1, DenseCase.OUT, db.length, cols(db), DenseCase.N) : shape);
        }
        requireNonZero(dw, "dW", c);
        layer.step(0.07);
        double[][] w = layer.weights();
        double[][] b = layer.bias();
        double[][] expectedW = Numeric.minus(c.w(), Numeric.scale(dw, 0.07));
        double[][] expectedB = Numeric.minus(Numeric.row(c.b()), Numeric.scale(db, 0.07));
        Setting s = new Setting("DenseLayer.step", "", c.describe() + ", learning rate 0.07, after backward");
        double[][] hardCoded = Numeric.minus(c.w(), Numeric.scale(dw, 0.1));
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
            DenseCase c = DenseCase.random(a, 138, 400); // after the due date: inputs no visible check uses
            StudentDense layer = layer(c);
            layer.forward(c.x());
            double[][] dx = layer.backward(c.g());
            Tolerance t = new Tolerance(1e-6, 1e-12);
            Compare.matrix(setting(c, "dW", false), c.expected().dW(), layer.gradWeights(), t, DenseCase.N,
                    withBatchMistakes(c, "dW"));
            Compare.matrix(setting(c, "dX", false), c.expected().dX(), dx, t, DenseCase.N, withBatchMistakes(c, "dX"));
        }
    }

    // ---- shared ------------------------------------------------------------------------------

    /** The student's layer with the weights, bias and (stand-in) activation of case {@code c}. */
    static StudentDense layer(DenseCase c) {
        return StudentDense.create(c.w(), c.b(), Students.standIn(c.activation()), SHAPES);
    }

    /** A layer of case {@code c} after forward and backward. */
    static StudentDense backward(DenseCase c) {
        StudentDense layer = layer(c);
        layer.forward(c.x());
        layer.backward(c.g());
        return layer;
    }

    private static int cols(double[][] m) {
        return m.length == 0 || m[0] == null ? 0 : m[0].length;
    }

    /** A second backward with the same gradOutput must give what the first gave. */
    private static void sameOnSecondCall(Setting s, double[][] first, double[][] second) {
        double[][] once = first;
        if (!Values.hasShape(once, once.length, cols(once))) {
            throw new CheckFailure(s.method() + ": the first backward stored a " + Values.shape(once) + " matrix");
        }
        try {
            Compare.matrix(s, once, second, Tolerance.REFERENCE, DenseCase.N, List.of());
        } catch (CheckFailure f) {
            String feedback = f.feedback();
            boolean doubled = Values.hasShape(second, once.length, cols(once))
                    && Diagnoser.knownMistakeMatches(Numeric.scale(once, 2), second);
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

    private static void checkBiasShape(DenseCase c, double[][] db) {
        if (Values.hasShape(db, DenseCase.N, DenseCase.OUT)) {
            throw new CheckFailure("DenseLayer.backward: db (gradBias()) has shape " + Values.shape(db) + " but should be 1x"
                    + DenseCase.OUT + " [" + c.describe() + "]", "db not summed over the batch: db is the column sums of dZ"
                    + " (dZ.sumRows()), one number per output");
        }
    }

    /** Property checks mean nothing for a backward that stores zeros: it would pass them without any math. */
    private static void requireNonZero(double[][] m, String what, DenseCase c) {
        if (m != null && Values.sumAbs(m) == 0) {
            throw new CheckFailure("DenseLayer.backward stored an all-zero " + what + " for a non-zero gradOutput ["
                    + c.describe() + "]", "no gradient computed: " + what + " is all zeros; this check needs a real backward");
        }
    }

    /**
     * Properties (repeatable, inputs unchanged) mean nothing for a backward that does not compute
     * gradients: one made up from gradOutput alone has them too. So these checks need dW or dX right
     * (one of them: a single mistake in the other is charged by the checks of its values, not here).
     */
    /**
     * The gate of the property checks (3.5, 3.6): a backward that returns made-up values (repeatable, zero
     * for a zero upstream, inputs untouched) has those properties for free. They are graded only when dW
     * or dX is the gradient, or one of its classic wrong forms (f' missing, f' at the activation, upstream
     * ignored): such a backward does compute from X, W and Z, and a single conceptual mistake, already
     * paid for in 3.1 to 3.4, must not cost the properties too.
     */
    private static void requireRealGradients(DenseCase c, double[][] dw, double[][] dx) {
        Tolerance loose = new Tolerance(1e-5, 1e-8); // float arithmetic passes; made-up gradients do not
        if (computed(dw, DenseCase.OUT, DenseCase.IN, c.expected().dW(), c.mistakes("dW"), loose)
                || computed(dx, DenseCase.N, DenseCase.IN, c.expected().dX(), c.mistakes("dX"), loose)) {
            return;
        }
        throw new CheckFailure("DenseLayer.backward: neither dW nor dX is right, or wrong in a way a chain rule"
                + " mistake explains [" + c.describe() + "]; this check grades a property of a backward that computes the"
                + " gradients (checks 3.1 to 3.4 grade their values)",
                "gradients not computed: this property holds for made-up gradients too, so it earns points only once dW or"
                + " dX is computed from X, W and f'(Z)");
    }

    private static boolean computed(double[][] actual, int rows, int cols, double[][] expected, List<KnownMistake> mistakes,
                                    Tolerance loose) {
        if (!Values.hasShape(actual, rows, cols)) {
            return false;
        }
        if (loose.acceptsAll(expected, actual)) {
            return true;
        }
        return mistakes.stream().anyMatch(m -> m.value() != null && loose.acceptsAll(m.value(), actual));
    }

    private static void requireNonNull(double[][] m, String what) {
        if (m == null) {
            throw new CheckFailure("DenseLayer: " + what + " is null");
        }
    }
}
