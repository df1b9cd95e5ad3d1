/**
 * Batch grading: every submission of a folder (one sub-folder or {@code .zip} per student, as GitHub
 * Classroom or Gradescope exports them), graded in parallel child JVMs, with a gradebook and a class
 * summary.
 *
 * <p>{@link backprop.grader.batch.BatchGrader} is the entry point (the CLI's {@code grader batch} is a
 * thin wrapper). Output, under one directory: {@code <id>/report.json}, {@code results.json},
 * {@code classroom.json} and {@code report.html} per graded submission ({@code <id>/ungraded.json} for
 * one that could not be graded), and {@code gradebook.csv}, {@code summary.json}, {@code summary.html}
 * for the class. Every file is written atomically as soon as it is known; the class files are
 * regenerated from the per-student files after every finished submission and at the end, so an
 * interrupted batch leaves a usable gradebook, and a rerun grades only what is missing or out of date.
 * The format is described in {@code docs/batch-grading.md}.
 */
package backprop.grader.batch;
