/** Step 2 of grading: compile the submission, standing in the starter's stub for a file that does not compile. */
package backprop.grader.compile;
