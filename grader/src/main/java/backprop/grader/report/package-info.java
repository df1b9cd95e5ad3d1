/**
 * Report writers: turn one {@link backprop.grader.results.GradeReport} into the files other tools read
 * ({@code report.json}, Gradescope's {@code results.json}, GitHub Classroom's {@code classroom.json}) and
 * into the plain-text summary printed on the console.
 *
 * <p>Start at {@link backprop.grader.report.Reports}; single formats come from the factory methods on
 * {@link backprop.grader.report.ReportWriter}. Every format reports the same total as
 * {@link backprop.grader.results.GradeReport#score()}, every file is valid JSON whatever the student's
 * code printed, and no writer ever emits NaN or Infinity. The formats are described in
 * {@code docs/reports.md}.
 */
package backprop.grader.report;
