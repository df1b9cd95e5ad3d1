package backprop.reference;

import java.util.List;

/**
 * A worked example of a document, in this course's conventions: the network, the batch, the loss
 * (student name; {@code lossScale} × that loss is the document's L) and the printed values as steps.
 */
public record WorkedExample(
        String id,
        String document,
        String section,
        String description,
        List<DenseSpec> network,
        double[][] x,
        double[][] y,
        String loss,
        double lossScale,
        double learningRate,
        List<Step> steps) {

    public WorkedExample {
        if (id == null || document == null || section == null || description == null) {
            throw new IllegalArgumentException("a worked example needs id, document, section and description; got id="
                    + id + ", document=" + document + ", section=" + section);
        }
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException(id + ": a worked example needs at least one step");
        }
        steps = List.copyOf(steps);
        x = Matrices.copy(x);
        y = Matrices.copy(y);
        // the network, batch, loss and lossScale must fit together: evaluating the loss checks all of them
        network = new ReferenceNetwork(network).layers();
        new ReferenceNetwork(network).loss(x, y, ReferenceLoss.parse(loss), lossScale);
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(id + ": the learning rate must be finite and >= 0, got " + learningRate);
        }
    }

    @Override
    public double[][] x() {
        return Matrices.copy(x);
    }

    @Override
    public double[][] y() {
        return Matrices.copy(y);
    }

    /** The example's network as a {@link ReferenceNetwork}. */
    public ReferenceNetwork referenceNetwork() {
        return new ReferenceNetwork(network);
    }

    /** The example's loss as a {@link ReferenceLoss}. */
    public ReferenceLoss referenceLoss() {
        return ReferenceLoss.parse(loss);
    }

    /** One reference training step on this example: every quantity its steps name. */
    public Trace run() {
        return referenceNetwork().trainStep(x, y, referenceLoss(), lossScale, learningRate);
    }
}
