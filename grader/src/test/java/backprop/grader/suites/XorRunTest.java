package backprop.grader.suites;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.submission.StarterSources;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The XOR run of check 4.6 is the task of the given Xor.java, and the reference solves it from every graded seed. */
class XorRunTest {
    private static String constant(String source, String name) {
        Matcher m = Pattern.compile("static final \\w+ " + name + " = ([^;]+);").matcher(source);
        assertThat(m.find()).as("Xor.java declares %s", name).isTrue();
        return m.group(1).trim();
    }

    @Test
    void theNetworkAndLearningRateAreThoseOfTheGivenXorJava() {
        String xor = StarterSources.packaged().files().get("Xor.java");
        assertThat(xor).as("the given Xor.java").isNotNull();

        assertThat(Integer.parseInt(constant(xor, "HIDDEN"))).isEqualTo(XorRun.HIDDEN);
        assertThat(Double.parseDouble(constant(xor, "LEARNING_RATE"))).isEqualTo(XorRun.LEARNING_RATE);
        assertThat(Integer.parseInt(constant(xor, "EPOCHS"))).as("the grader trains for fewer epochs than the demo")
                .isGreaterThanOrEqualTo(XorRun.EPOCHS);
    }

    @Test
    void theReferenceSolvesXorFromEveryGradedSeedAndAnySalt() {
        for (long salt : new long[] {0, 100_000, 987_654_300_000L}) {
            for (long seed = 0; seed < XorRun.SEEDS; seed++) {
                XorRun run = XorRun.reference(seed + salt);
                assertThat(XorRun.correct(run.trained())).as("seed %d", seed + salt).isEqualTo(4);
                assertThat(run.losses()).hasSize(XorRun.EPOCHS);
                assertThat(run.losses()[XorRun.EPOCHS - 1]).isLessThan(run.losses()[0] / 5);
            }
        }
    }
}
