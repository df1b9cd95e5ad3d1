/**
 * The student side of the process boundary: {@link backprop.driver.StudentMain} answers the grader's
 * calls on the submission's classes with raw values in the {@link backprop.driver.Wire} format. The
 * student JVM's class path holds only this package, its stand-ins and the submission: no grader, no
 * reference oracle, no expected values.
 */
package backprop.driver;
