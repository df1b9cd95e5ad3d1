package backprop.grader.suites;

import backprop.grader.catalogue.Graded;
import backprop.grader.catalogue.Part;
import backprop.grader.checks.CheckFailure;
import backprop.grader.checks.Compare;
import backprop.grader.checks.Diagnoser;
import backprop.grader.checks.KnownMistake;
import backprop.grader.checks.Numeric;
import backprop.grader.checks.Seeds;
import backprop.grader.checks.Setting;
import backprop.grader.checks.Tolerance;
import backprop.grader.checks.Values;
import backprop.reference.DenseSpec;
import backprop.reference.LayerTrace;
import backprop.reference.ReferenceActivation;
import backprop.reference.ReferenceLoss;
import backprop.reference.ReferenceNetwork;
import backprop.reference.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Network.backward, Network.step, Trainer.trainStep, Trainer.fit and XOR. */
@Part("Network and training")
class NetworkChecks {

    @Test
    @Graded(number = "4.1", points = 3)
    @DisplayName("Network.backward: every layer's dW and db, and dX, match finite differences")
    void backwardFiniteDifferences() {
        Probe.explain(() -> {
            NetworkCase c = NetworkCase.random(41, 4, new int[] {3, 5, 4, 2},
                    List.of(ReferenceActivation.TANH, ReferenceActivation.SIGMOID, ReferenceActivation.IDENTITY), ReferenceLoss.MSE);
            StudentNetwork net = c.studentNetwork();
            net.forward(c.x());
            double[][] dx = net.backward(c.expected().lossGradient());
            for (int i = c.layers().size() - 1; i >= 0; i--) {
                int layer = i;
                StudentDense d = net.dense(i);
                double[][] dw = Numeric.gradient(w -> c.lossWithParameter(layer, false, w), c.layers().get(i).weights());
                double[][] db = Numeric.gradient(b -> c.lossWithParameter(layer, true, b), Numeric.row(c.layers().get(i).bias()));
                Compare.matrix(setting(c, "Network.backward", "dW of layer " + i, true), dw, d.gradWeights(),
                        Tolerance.GRADIENT_CHECK, c.x().length, mistakes(c, i, "dW"));
                Compare.matrix(setting(c, "Network.backward", "db of layer " + i, true), db, d.gradBias(),
                        Tolerance.GRADIENT_CHECK, c.x().length, mistakes(c, i, "db"));
            }
            Compare.matrix(setting(c, "Network.backward", "dX (the returned gradient)", true), Numeric.gradient(c::lossWithInput, c.x()),
                    dx, Tolerance.GRADIENT_CHECK, c.x().length, mistakes(c, 0, "dX"));
        }, Probe.Part.DENSE_BACKWARD);
    }

    @Test
    @Graded(number = "4.2", points = 3)
    @DisplayName("Network.backward agrees with the reference (ReLU, LeakyReLU, sigmoid; BCE)")
    void backwardAgreesWithReference() {
        Probe.explain(() -> {
            NetworkCase c = NetworkCase.random(42, 5, new int[] {4, 6, 3, 1},
                    List.of(ReferenceActivation.RELU, ReferenceActivation.leakyRelu(0.01), ReferenceActivation.SIGMOID),
                    ReferenceLoss.BCE);
            StudentNetwork net = c.studentNetwork();
            net.forward(c.x());
            double[][] dx = net.backward(c.expected().lossGradient());
            for (int i = c.layers().size() - 1; i >= 0; i--) {
                LayerTrace t = c.expected().layers().get(i);
                StudentDense d = net.dense(i);
                Compare.matrix(setting(c, "Network.backward", "dW of layer " + i, false), t.dW(), d.gradWeights(),
                        Tolerance.REFERENCE, c.x().length, mistakes(c, i, "dW"));
                Compare.matrix(setting(c, "Network.backward", "db of layer " + i, false), Numeric.row(t.db()), d.gradBias(),
                        Tolerance.REFERENCE, c.x().length, mistakes(c, i, "db"));
            }
            Compare.matrix(setting(c, "Network.backward", "dX (the returned gradient)", false), c.expected().layers().get(0).dX(),
                    dx, Tolerance.REFERENCE, c.x().length, mistakes(c, 0, "dX"));
        }, Probe.Part.DENSE_BACKWARD);
    }

    @Test
    @Graded(number = "4.3", points = 2)
    @DisplayName("Network.step updates every layer")
    void stepUpdatesEveryLayer() {
        Probe.explain(() -> Probe.preferRootCause(() -> {
            NetworkCase c = NetworkCase.random(43, 4, new int[] {2, 3, 2}, List.of(ReferenceActivation.TANH,
                    ReferenceActivation.IDENTITY), ReferenceLoss.MSE);
            StudentNetwork net = c.studentNetwork();
            net.forward(c.x());
            // Give every layer its gradients through the layers themselves, so step is graded on its own.
            double[][] g = c.expected().lossGradient();
            for (int i = c.layers().size() - 1; i >= 0; i--) {
                g = net.dense(i).backward(g);
            }
            List<double[][]> before = new ArrayList<>();
            List<double[][]> grads = new ArrayList<>();
            for (int i = 0; i < c.layers().size(); i++) {
                double[][] w = net.dense(i).weights();
                double[][] dw = net.dense(i).gradWeights();
                int rows = c.layers().get(i).outputs();
                int cols = c.layers().get(i).inputs();
                if (!Values.hasShape(w, rows, cols)) {
                    throw new CheckFailure("Network.step cannot be graded: DenseLayer.weights() of layer " + i + " is "
                            + Values.shape(w) + ", expected " + rows + "x" + cols);
                }
                before.add(w);
                grads.add(dw);
                if (!Values.hasShape(dw, rows, cols)) {
                    throw new CheckFailure("Network.step cannot be graded: DenseLayer.backward stored no dW of the right shape"
                            + " for layer " + i + " (fix DenseLayer.backward first)", dw == null ? ""
                            : Diagnoser.explainShape("dW of layer " + i, rows, cols, dw.length,
                            dw.length == 0 || dw[0] == null ? 0 : dw[0].length, c.x().length));
                }
                if (Values.sumAbs(dw) == 0) {
                    throw new CheckFailure("Network.step cannot be graded: DenseLayer.backward stored an all-zero dW for layer "
                            + i + " (fix DenseLayer.backward first)", "no gradient computed: dW is all zeros");
                }
            }
            net.step(c.learningRate());
            for (int i = 0; i < c.layers().size(); i++) {
                double[][] expected = Numeric.minus(before.get(i), Numeric.scale(grads.get(i), c.learningRate()));
                Compare.update(new Setting("Network.step", "W of layer " + i + " after step", c.describe() + ", learning rate "
                                + c.learningRate()), before.get(i), expected, net.dense(i).weights(),
                        Tolerance.REFERENCE, 1, List.of(new KnownMistake("layer " + i + " was not updated: step must call step on"
                                + " every layer", before.get(i))));
            }
        }, Probe.Part.DENSE_STEP), Probe.Part.DENSE_BACKWARD);
    }

    @Test
    @Graded(number = "4.4", points = 3)
    @DisplayName("Trainer.trainStep returns the loss before the step and updates the weights like the reference")
    void trainStepAgreesWithReference() {
        Probe.preferRootCause(() -> {
            NetworkCase c = NetworkCase.random(44, 6, new int[] {3, 4, 3}, List.of(ReferenceActivation.SIGMOID,
                    ReferenceActivation.IDENTITY), ReferenceLoss.SOFTMAX_CROSS_ENTROPY);
            StudentNetwork net = c.studentNetwork();
            StudentTrainer trainer = StudentTrainer.create(Students.standIn(c.loss()), c.learningRate());
            double loss = trainer.trainStep(net, c.x(), c.y());
            Setting s = new Setting("Trainer.trainStep", "", c.describe() + ", learning rate " + c.learningRate());
            Compare.scalar(s.withQuantity("the returned loss"), c.expected().loss(), loss, Tolerance.REFERENCE,
                    List.of(new KnownMistake("returned the loss after the step; trainStep returns the loss before it",
                            new double[][] {{c.expected().lossAfter()}})));
            for (int i = 0; i < c.layers().size(); i++) {
                LayerTrace t = c.expected().layers().get(i);
                Compare.update(s.withQuantity("W of layer " + i + " after the step"), c.layers().get(i).weights(),
                        t.updatedWeights(), net.dense(i).weights(), Tolerance.REFERENCE, c.x().length,
                        List.of(new KnownMistake("the weights did not change: trainStep must backpropagate and step",
                                c.layers().get(i).weights())));
                Compare.update(s.withQuantity("b of layer " + i + " after the step"), Numeric.row(c.layers().get(i).bias()),
                        Numeric.row(t.updatedBias()), net.dense(i).bias(), Tolerance.REFERENCE, c.x().length,
                        List.of());
            }
        }, Probe.Part.DENSE_BACKWARD, Probe.Part.DENSE_STEP,
                Probe.Part.NETWORK_BACKWARD, Probe.Part.NETWORK_STEP);
    }

    @Test
    @Graded(number = "4.5", points = 2)
    @DisplayName("Trainer.fit runs the requested epochs and returns the loss before each")
    void fitReturnsHistory() {
        Probe.preferRootCause(() -> {
            NetworkCase c = NetworkCase.random(45, 4, new int[] {2, 3, 1}, List.of(ReferenceActivation.TANH,
                    ReferenceActivation.SIGMOID), ReferenceLoss.BCE);
            int epochs = 5;
            double[][] expected = new double[1][epochs];
            ReferenceNetwork reference = new ReferenceNetwork(c.layers());
            for (int e = 0; e < epochs; e++) {
                Trace t = reference.trainStep(c.x(), c.y(), c.loss(), 1.0, c.learningRate());
                expected[0][e] = t.loss();
                reference = reference.withUpdates(t);
            }
            StudentNetwork net = c.studentNetwork();
            StudentTrainer trainer = StudentTrainer.create(Students.standIn(c.loss()), c.learningRate());
            double[] history = trainer.fit(net, c.x(), c.y(), epochs);
            if (history == null || history.length != epochs) {
                throw new CheckFailure("Trainer.fit(…, " + epochs + ") returned " + (history == null ? "null" : history.length
                        + " losses") + "; expected one loss per epoch, " + epochs + " in all");
            }
            try {
                Compare.matrix(new Setting("Trainer.fit", "the loss history", c.describe() + ", " + epochs + " epochs, learning rate "
                        + c.learningRate()), expected, new double[][] {history}, Tolerance.REFERENCE, 1, historyMistakes(c, epochs, expected));
            } catch (CheckFailure f) {
                if (f.diagnosed() || !Tolerance.REFERENCE.accepts(expected[0][0], history[0])) {
                    throw f;
                }
                throw new CheckFailure(f.feedback(), "training step wrong: the first loss is right but the later ones differ,"
                        + " so the steps themselves change the network differently from the reference (see checks 3.x and 4.4:"
                        + " the gradients of backward, or the update of step)");
            }
        }, Probe.Part.DENSE_BACKWARD, Probe.Part.DENSE_STEP,
                Probe.Part.NETWORK_BACKWARD, Probe.Part.NETWORK_STEP, Probe.Part.TRAIN_STEP);
    }

    @Test
    @Graded(number = "4.6", points = 4)
    @DisplayName("XOR trains to 4/4 correct for 8 initialisation seeds, like the reference from the same weights")
    void xorTrains() {
        Probe.preferRootCause(() -> {
            for (long seed = 0; seed < XorRun.SEEDS; seed++) {
                XorRun.Start start = XorRun.start(Seeds.of(seed));
                List<StudentDense> layers = new ArrayList<>();
                for (DenseSpec spec : start.layers()) {
                    layers.add(StudentDense.create(spec.weights(), spec.bias(), Students.standIn(spec.activation()),
                            DenseLayerChecks.SHAPES));
                }
                StudentNetwork net = StudentNetwork.of(layers);
                StudentTrainer trainer = StudentTrainer.create(Students.standIn(ReferenceLoss.BCE), XorRun.LEARNING_RATE);
                double[] history = trainer.fit(net, XorRun.INPUTS, XorRun.TARGETS, XorRun.EPOCHS);
                List<DenseSpec> trained = new ArrayList<>();
                for (int i = 0; i < layers.size(); i++) {
                    DenseSpec spec = start.layers().get(i);
                    double[][] w = net.dense(i).weights();
                    double[][] b = net.dense(i).bias();
                    if (!Values.hasShape(w, spec.outputs(), spec.inputs()) || !Values.hasShape(b, 1, spec.outputs())) {
                        throw new CheckFailure(XorRun.describe(start.seed()) + ": after fit, layer " + i + " has weights "
                                + Values.shape(w) + " and bias " + Values.shape(b) + "; expected " + spec.outputs() + "x"
                                + spec.inputs() + " and 1x" + spec.outputs());
                    }
                    trained.add(new DenseSpec(w, b[0], spec.activation()));
                }
                int correct = XorRun.correct(trained);
                double last = history == null || history.length == 0 ? Double.NaN : history[history.length - 1];
                XorRun expected = XorRun.reference(start);
                if (correct != 4 && XorRun.correct(expected.trained()) != 4) {
                    continue; // rare initial weights from which gradient descent itself does not solve XOR
                }
                if (correct != 4) {
                    throw new CheckFailure(XorRun.describe(start.seed()) + ": " + correct + "/4 correct, final loss " + last
                            + (history != null && history.length > 0 ? " (first " + history[0] + ")" : ""),
                            Double.isNaN(last) ? "training failed: the loss became NaN: an overflow in a loss or an activation?"
                                    : history != null && history.length > 1 && last >= history[0]
                                    ? "training failed: the loss never went down: a sign error in a gradient or in the update?"
                                    : "training failed: the loss went down, but not far enough to classify XOR");
                }
                for (int i = 0; i < trained.size(); i++) {
                    Setting s = new Setting("Trainer.fit", "", XorRun.describe(start.seed())
                            + ", final parameters compared with the reference trained from the same initial weights");
                    String notLikeReference = "not trained like the reference: XOR is solved, but the final parameters are not"
                            + " what " + XorRun.EPOCHS + " steps of gradient descent on the given data reach from the given"
                            + " initial weights; fit must run exactly epochs training steps on the inputs and targets it is given";
                    try {
                        Compare.matrix(s.withQuantity("W of layer " + i), expected.trained().get(i).weights(),
                                trained.get(i).weights(), XorRun.TRAINED, 4, List.of());
                        Compare.matrix(s.withQuantity("b of layer " + i), Numeric.row(expected.trained().get(i).bias()),
                                Numeric.row(trained.get(i).bias()), XorRun.TRAINED, 4, List.of());
                    } catch (CheckFailure f) {
                        throw new CheckFailure(f.feedback(), notLikeReference);
                    }
                }
            }
        }, Probe.Part.DENSE_BACKWARD, Probe.Part.DENSE_STEP,
                Probe.Part.NETWORK_BACKWARD, Probe.Part.NETWORK_STEP, Probe.Part.TRAIN_STEP, Probe.Part.FIT);
    }

    // ---- shared ------------------------------------------------------------------------------

    static Setting setting(NetworkCase c, String method, String quantity, boolean numeric) {
        return new Setting(method, quantity, c.describe() + (numeric ? ", compared with central differences of the loss, h = 1e-5"
                : ", compared with the reference"));
    }

    /**
     * Wrong versions of layer {@code layer}'s gradient {@code quantity}: the layer's own classic
     * mistakes (f' missing or at the activation, upstream ignored), computed from what the reference
     * feeds that layer, and the order of backpropagation (the loss gradient handed to a hidden layer).
     */
    static List<KnownMistake> mistakes(NetworkCase c, int layer, String quantity) {
        LayerTrace t = c.expected().layers().get(layer);
        DenseSpec spec = c.layers().get(layer);
        List<KnownMistake> list = new ArrayList<>(DenseCase.mistakes(spec.activation(), t.input(), spec.weights(), t.z(),
                t.dA(), quantity));
        if (layer == c.layers().size() - 1 || quantity.equals("dX")) {
            return list;
        }
        double[][] wrongUpstream = c.expected().lossGradient();
        if (wrongUpstream[0].length != spec.outputs()) {
            return list;
        }
        Trace wrong = new ReferenceNetwork(List.of(spec)).backpropagate(t.input(), wrongUpstream, 0.1);
        double[][] value = quantity.equals("dW") ? wrong.layers().get(0).dW() : Numeric.row(wrong.layers().get(0).db());
        list.add(new KnownMistake("returned gradient dropped, or backward in the wrong order: layer " + layer + " got the"
                + " loss gradient instead of the gradient returned by layer " + (layer + 1) + "'s backward: go from the last"
                + " layer to the first and pass each returned gradient to the layer before it", value));
        return list;
    }

    /**
     * Wrong loss histories of {@code fit}: the loss after each step instead of before, no training at
     * all, and gradients accumulated over the epochs (+= in backward, never reset).
     */
    static List<KnownMistake> historyMistakes(NetworkCase c, int epochs, double[][] expected) {
        double[][] after = new double[1][epochs];
        double[][] accumulated = new double[1][epochs];
        double[][] constant = new double[1][epochs];
        ReferenceNetwork reference = new ReferenceNetwork(c.layers());
        for (int e = 0; e < epochs; e++) {
            Trace t = reference.trainStep(c.x(), c.y(), c.loss(), 1.0, c.learningRate());
            after[0][e] = t.lossAfter();
            reference = reference.withUpdates(t);
            constant[0][e] = expected[0][0];
        }
        List<DenseSpec> layers = new ArrayList<>(c.layers());
        List<double[][]> sumW = new ArrayList<>();
        List<double[]> sumB = new ArrayList<>();
        for (DenseSpec spec : layers) {
            sumW.add(new double[spec.outputs()][spec.inputs()]);
            sumB.add(new double[spec.outputs()]);
        }
        for (int e = 0; e < epochs; e++) {
            Trace t = new ReferenceNetwork(layers).trainStep(c.x(), c.y(), c.loss(), 1.0, c.learningRate());
            accumulated[0][e] = t.loss();
            for (int i = 0; i < layers.size(); i++) {
                LayerTrace lt = t.layers().get(i);
                double[][] w = layers.get(i).weights();
                double[] b = layers.get(i).bias();
                double[][] dw = lt.dW();
                double[] db = lt.db();
                for (int o = 0; o < w.length; o++) {
                    sumB.get(i)[o] += db[o];
                    b[o] -= c.learningRate() * sumB.get(i)[o];
                    for (int k = 0; k < w[0].length; k++) {
                        sumW.get(i)[o][k] += dw[o][k];
                        w[o][k] -= c.learningRate() * sumW.get(i)[o][k];
                    }
                }
                layers.set(i, new DenseSpec(w, b, layers.get(i).activation()));
            }
        }
        return List.of(
                new KnownMistake("state leaks between calls: gradients accumulated (+=) over the epochs and never reset:"
                        + " each step applied the sum of all gradients so far; backward must assign the gradients, not add"
                        + " to them", accumulated),
                new KnownMistake("returned the loss after each step; fit returns the loss before each step (what trainStep"
                        + " returns)", after),
                new KnownMistake("not trained: every epoch reports the first loss; fit must call trainStep once per epoch"
                        + " on the same network", constant),
                new KnownMistake("off by one: the history is right but its last entry was never filled (one epoch too"
                        + " few); the loop must run exactly epochs times, recording each loss", oneTooFew(expected)));
    }

    /** The history of a loop that stops one epoch early: the last entry stays 0. */
    private static double[][] oneTooFew(double[][] expected) {
        double[][] h = Numeric.copy(expected);
        h[0][h[0].length - 1] = 0;
        return h;
    }
}
