/**
 * Step 3 of grading: the isolated run. {@link backprop.grader.run.IsolatedRunner} (parent) starts
 * {@link backprop.grader.run.ChildMain} (child JVM), which reports each check over an authenticated
 * loopback channel that student code cannot forge by printing or by exiting early.
 */
package backprop.grader.run;
