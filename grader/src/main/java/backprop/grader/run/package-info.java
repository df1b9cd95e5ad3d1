/**
 * Step 4 of grading: the checks run in the grader's own JVM ({@link backprop.grader.run.CheckRunner},
 * JUnit's launcher in-process) and call the submission through a
 * {@link backprop.grader.run.GradingSession}, which keeps one student JVM per part and visibility, so
 * that nothing handed to student code in one check can help or leak into a check of another part or
 * of another visibility.
 */
package backprop.grader.run;
