package backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The end-to-end test: everything you wrote, together, must learn XOR (2 → 8 tanh → 1 sigmoid,
 * binary cross-entropy, learning rate {@value Xor#LEARNING_RATE}, {@value Xor#EPOCHS} epochs of
 * full-batch gradient descent) from every one of 20 random initialisations.
 *
 * <p>If only some seeds fail, look for a gradient that is slightly off (run the other tests first);
 * if all fail, look for a sign error or a step that does not use the learning rate.
 */
@org.junit.jupiter.api.extension.ExtendWith(WhatToDoNext.class)
@DisplayName("XOR")
class XorTest {

    static LongStream seeds() {
        return LongStream.range(0, 20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void learnsXorFromEverySeed(long seed) {
        Network network = Xor.newNetwork(seed);
        double[] history = new Trainer(new BinaryCrossEntropy(), Xor.LEARNING_RATE)
                .fit(network, Xor.inputs(), Xor.targets(), Xor.EPOCHS);
        int correct = Xor.correct(network);
        assertThat(correct)
                .as("Xor.correct after Trainer.fit (2 → 8 tanh → 1 sigmoid, bce, learning rate %s, %d epochs, seed %d): "
                        + "the loss went from %s to %s, the outputs for [0,0], [0,1], [1,0], [1,1] are %s "
                        + "(targets 0, 1, 1, 0)",
                        Xor.LEARNING_RATE, Xor.EPOCHS, seed, history.length > 0 ? history[0] : Double.NaN,
                        history.length > 0 ? history[history.length - 1] : Double.NaN,
                        network.forward(Xor.inputs()).transpose())
                .isEqualTo(4);
    }
}
