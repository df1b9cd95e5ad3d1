/**
 * The oracle: an implementation of dense-network backpropagation written independently of the
 * student API, on Apache Commons Math matrices, that the grader trusts for expected values.
 *
 * <p>Conventions (the same as the student API): a batch has one sample per row; weights are
 * out × in; Z = X·Wᵀ + b; losses are means over the batch (MSE and BCE over all N·K elements,
 * softmax cross-entropy over the N rows). At a kink, ReLU'(0) = 0 and LeakyReLU'(0) = α.
 *
 * <p>Entry points: {@link backprop.reference.ReferenceNetwork#trainStep} returns a
 * {@link backprop.reference.Trace} of every intermediate value; {@link backprop.reference.WorkedExamples}
 * and {@link backprop.reference.Errata} load the documents' worked examples and their errata from
 * the jar's resources.
 */
package backprop.reference;
