/**
 * Step 2 of grading: compile the submission in a separate, killable {@code javac} process
 * ({@link backprop.grader.compile.CompileWorker}), verify its bytecode, and stand in the starter's
 * stub for a file that does not compile, is too much for the compiler, or is refused.
 */
package backprop.grader.compile;
