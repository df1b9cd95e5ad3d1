package backprop.reference;

/**
 * A claim of a document that involves no worked example (e.g. "a(1−a) never exceeds 0.25"),
 * with how this module checks it.
 *
 * @param document the document file name
 * @param section  the heading the claim appears under
 * @param claim    the claim, quoted or paraphrased
 * @param check    the verdict and the test that checks it
 */
public record Note(String document, String section, String claim, String check) {
}
