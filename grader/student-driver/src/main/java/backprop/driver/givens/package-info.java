/**
 * Correct stand-ins for the student's activations and losses, handed to the student's layers and
 * trainer in the checks that grade those and not the stand-ins. Outside {@code backprop.nn}, so that
 * graded code cannot name them (the bytecode check refuses it); created only in the student JVMs of
 * parts that do not grade activations or losses.
 */
package backprop.driver.givens;
