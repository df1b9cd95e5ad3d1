package backprop.grader.submission;

/**
 * A Java file to compile: where it came from (for messages) and its text.
 *
 * @param fileName  name of the file in package {@code backprop.nn}, e.g. "Sigmoid.java"
 * @param origin    path inside the submission, or "starter" when the grader supplied it
 * @param source    the text to compile
 * @param fromStudent whether the text is the student's (false: the starter's version)
 */
public record SourceFile(String fileName, String origin, String source, boolean fromStudent) {
}
