package backprop.grader.checks;

/**
 * A classic wrong answer a check can recognise: what a student's result would be after this mistake.
 *
 * @param diagnosis what the student did, in their terms, e.g. "σ'(z) applied to the activation a instead of z"
 * @param value     the result that mistake produces on this check's inputs
 */
public record KnownMistake(String diagnosis, double[][] value) {
}
