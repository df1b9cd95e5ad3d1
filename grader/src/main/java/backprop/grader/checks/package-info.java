/**
 * The building blocks of graded checks: calling student code safely ({@link backprop.grader.checks.Student}),
 * comparing with feedback ({@link backprop.grader.checks.Compare}), naming mistakes
 * ({@link backprop.grader.checks.Diagnoser}) and finite differences ({@link backprop.grader.checks.Numeric}).
 */
package backprop.grader.checks;
