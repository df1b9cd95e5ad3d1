/**
 * The grading pipeline, {@link backprop.grader.engine.Grader}: submission → compile → isolated run →
 * score, producing one {@link backprop.grader.results.GradeReport}.
 */
package backprop.grader.engine;
