/**
 * Step 3 of grading: before any submitted code runs, {@link backprop.grader.verify.BytecodeVerifier}
 * reads its class files and refuses every use of Java API outside the
 * {@link backprop.grader.verify.Allowlist} (reflection, {@code java.lang.invoke}, class loaders,
 * threads, processes, files, sockets, {@code Unsafe}, native code, exiting the JVM, …). A file that
 * does is graded as its starter stub, with the file, line and API in the feedback.
 */
package backprop.grader.verify;
