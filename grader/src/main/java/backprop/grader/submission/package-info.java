/**
 * Step 1 of grading: read a submission (directory, flat files or zip) and decide which source is
 * compiled for each class, noting what is missing, misplaced or extra.
 */
package backprop.grader.submission;
