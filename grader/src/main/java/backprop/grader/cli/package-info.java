/** The command line: {@code java -jar grader/target/grader.jar grade [<submission>] [--out DIR]}. */
package backprop.grader.cli;
