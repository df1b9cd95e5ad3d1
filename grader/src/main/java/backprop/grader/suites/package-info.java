/**
 * The graded suites: JUnit 5 tests whose {@link backprop.grader.catalogue.Graded} annotation gives each
 * check its number, points and visibility. They run only in the test JVM, against the submission.
 */
package backprop.grader.suites;
