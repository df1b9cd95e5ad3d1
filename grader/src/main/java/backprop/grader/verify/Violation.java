package backprop.grader.verify;

/**
 * One use of Java API that graded code may not make.
 *
 * @param sourceFile the source file javac compiled the class from, e.g. "Sigmoid.java"
 * @param line       the line of the use, 0 when it is not in a method body (a field type, a declaration)
 * @param className  the class it is in, e.g. "backprop.nn.Sigmoid"
 * @param api        what it uses, e.g. "java.lang.invoke.MethodType" or "java.lang.System.exit"
 * @param reason     a more specific explanation, or empty
 */
public record Violation(String sourceFile, int line, String className, String api, String reason) {
    /** "Sigmoid.java:12 uses java.lang.System.exit, which graded code may not use". */
    public String describe() {
        return sourceFile + (line > 0 ? ":" + line : "") + " uses " + api + ", which graded code may not use"
                + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
