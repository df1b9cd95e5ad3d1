package backprop.reference;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A stack of dense layers, computed with Commons Math matrices: Z = X·Wᵀ + 1·bᵀ forward;
 * dZ = dA ⊙ f'(Z), dW = dZᵀ·X, db = 1ᵀ·dZ, dX = dZ·W backward. Immutable: a training step
 * returns a {@link Trace} holding the updated parameters and leaves this network unchanged.
 */
public final class ReferenceNetwork {
    private final List<DenseSpec> layers;

    /** Layers input side first; each layer's inputs must equal the previous layer's outputs. */
    public ReferenceNetwork(List<DenseSpec> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer, got " + layers);
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) {
                throw new IllegalArgumentException("layer " + i + " is null");
            }
            if (i > 0 && layers.get(i).inputs() != layers.get(i - 1).outputs()) {
                throw new IllegalArgumentException("layer " + i + " has weights " + layers.get(i).outputs() + "x"
                        + layers.get(i).inputs() + " (out x in), so it takes " + layers.get(i).inputs()
                        + " inputs, but layer " + (i - 1) + " outputs " + layers.get(i - 1).outputs());
            }
        }
        this.layers = List.copyOf(layers);
    }

    public List<DenseSpec> layers() {
        return layers;
    }

    /** The network's output for the batch {@code x} (N × inputs). */
    public double[][] forward(double[][] x) {
        RealMatrix a = checkInput(x);
        for (DenseSpec spec : layers) {
            RealMatrix w = new Array2DRowRealMatrix(spec.weights(), false);
            a = Matrices.map(preActivation(a, w, spec.bias()), spec.activation()::value);
        }
        return a.getData();
    }

    /** lossScale × loss(forward(x), y): the function whose gradients {@link #trainStep} reports. */
    public double loss(double[][] x, double[][] y, ReferenceLoss loss, double lossScale) {
        checkLossScale(lossScale);
        checkTarget(x, y);
        return lossScale * loss.value(forward(x), y);
    }

    /**
     * Forward, loss, backward and one gradient-descent step (weights and biases) on the batch
     * {@code x} with targets {@code y}. The loss and its gradient are multiplied by {@code lossScale}.
     */
    public Trace trainStep(double[][] x, double[][] y, ReferenceLoss loss, double lossScale, double learningRate) {
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        checkLossScale(lossScale);
        checkTarget(x, y);
        double[][] output = forward(x);
        double value = lossScale * loss.value(output, y);
        double[][] gradient = Matrices.of(loss.gradient(output, y), "loss gradient").scalarMultiply(lossScale).getData();
        Trace t = backpropagate(x, gradient, learningRate);
        double after = withUpdates(t).loss(x, y, loss, lossScale);
        return new Trace(t.layers(), t.output(), value, gradient, lossScale, after);
    }

    /**
     * Forward and backward with an explicit dL/dOutput {@code upstream} (N × outputs) instead of a
     * loss, plus the gradient-descent step; the trace's loss fields are NaN.
     */
    public Trace backpropagate(double[][] x, double[][] upstream, double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be finite and >= 0, got " + learningRate);
        }
        RealMatrix input = checkInput(x);
        RealMatrix[] inputs = new RealMatrix[layers.size()];
        RealMatrix[] zs = new RealMatrix[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            DenseSpec spec = layers.get(i);
            inputs[i] = input;
            zs[i] = preActivation(input, new Array2DRowRealMatrix(spec.weights(), false), spec.bias());
            input = Matrices.map(zs[i], spec.activation()::value);
        }
        RealMatrix g = Matrices.of(upstream, "upstream gradient");
        if (g.getRowDimension() != input.getRowDimension() || g.getColumnDimension() != input.getColumnDimension()) {
            throw new IllegalArgumentException("the upstream gradient must have the output's shape "
                    + Matrices.shape(input) + ", but it is " + Matrices.shape(g));
        }
        double[][] output = input.getData();
        LayerTrace[] traces = new LayerTrace[layers.size()];
        for (int i = layers.size() - 1; i >= 0; i--) {
            traces[i] = backward(layers.get(i), inputs[i], zs[i], g, learningRate);
            g = new Array2DRowRealMatrix(traces[i].dX(), false);
        }
        return new Trace(List.of(traces), output, Double.NaN, Matrices.copy(upstream), Double.NaN, Double.NaN);
    }

    /** A network with this one's activations and the parameters after {@code trace}'s step. */
    public ReferenceNetwork withUpdates(Trace trace) {
        if (trace.layers().size() != layers.size()) {
            throw new IllegalArgumentException("the trace has " + trace.layers().size() + " layers but this network has "
                    + layers.size());
        }
        List<DenseSpec> updated = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerTrace t = trace.layers().get(i);
            updated.add(new DenseSpec(t.updatedWeights(), t.updatedBias(), layers.get(i).activation()));
        }
        return new ReferenceNetwork(updated);
    }

    private static LayerTrace backward(DenseSpec spec, RealMatrix x, RealMatrix z, RealMatrix dA, double lr) {
        RealMatrix w = new Array2DRowRealMatrix(spec.weights(), false);
        RealMatrix derivative = Matrices.map(z, spec.activation()::derivative);
        RealMatrix dZ = Matrices.hadamard(dA, derivative);
        RealMatrix dW = dZ.transpose().multiply(x);
        RealMatrix db = Matrices.ones(x.getRowDimension()).transpose().multiply(dZ);
        RealMatrix dX = dZ.multiply(w);
        RealMatrix b = new Array2DRowRealMatrix(new double[][] {spec.bias()}, false);
        return new LayerTrace(x.getData(), z.getData(), Matrices.map(z, spec.activation()::value).getData(),
                derivative.getData(), dA.getData(), dZ.getData(), dW.getData(), db.getRow(0), dX.getData(),
                w.subtract(dW.scalarMultiply(lr)).getData(), b.subtract(db.scalarMultiply(lr)).getRow(0));
    }

    /** Z = X·Wᵀ + 1·bᵀ. */
    private static RealMatrix preActivation(RealMatrix x, RealMatrix w, double[] bias) {
        RealMatrix biasRow = new Array2DRowRealMatrix(new double[][] {bias}, false);
        return x.multiply(w.transpose()).add(Matrices.ones(x.getRowDimension()).multiply(biasRow));
    }

    private RealMatrix checkInput(double[][] x) {
        RealMatrix m = Matrices.of(x, "input x");
        if (m.getColumnDimension() != layers.get(0).inputs()) {
            throw new IllegalArgumentException("the first layer takes " + layers.get(0).inputs() + " inputs per sample "
                    + "(weights " + layers.get(0).outputs() + "x" + layers.get(0).inputs() + "), but x is "
                    + Matrices.shape(m));
        }
        return m;
    }

    private void checkTarget(double[][] x, double[][] y) {
        Matrices.requireRectangular(y, "target y");
        int out = layers.get(layers.size() - 1).outputs();
        if (x == null || y.length != x.length || y[0].length != out) {
            throw new IllegalArgumentException("for x of shape " + Matrices.shape(x) + " the target must be "
                    + (x == null ? "?" : x.length) + "x" + out + " (one row per sample, one column per output), but it is "
                    + Matrices.shape(y));
        }
    }

    private static void checkLossScale(double lossScale) {
        if (!(lossScale > 0) || Double.isInfinite(lossScale)) {
            throw new IllegalArgumentException("lossScale must be finite and > 0, got " + lossScale);
        }
    }
}
