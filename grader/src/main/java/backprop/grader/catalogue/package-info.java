/**
 * What is graded and for how many points: the {@link backprop.grader.catalogue.Graded} and
 * {@link backprop.grader.catalogue.Part} annotations on the suites, read into
 * {@link backprop.grader.catalogue.CheckSpec}s by the parent JVM before any student code runs.
 */
package backprop.grader.catalogue;
