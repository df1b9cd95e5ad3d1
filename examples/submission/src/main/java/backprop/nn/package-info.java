/**
 * The neural-network code you complete in this course: {@link backprop.nn.Activation},
 * {@link backprop.nn.Loss}, {@link backprop.nn.DenseLayer}, {@link backprop.nn.Network} and
 * {@link backprop.nn.Trainer}.
 *
 * <p>Conventions: a batch has one sample per row; weights are out × in; Z = X·Wᵀ + b; losses are
 * means over the batch; everything is double precision. Methods whose body is a TODO throw
 * {@link backprop.nn.NotImplementedYet} until you write them.
 */
package backprop.nn;
