/**
 * Exports what a course needs outside this repository, from the grader jar alone:
 *
 * <ul>
 *   <li>{@link backprop.grader.export.StarterExport}: the student template repository (GitHub
 *       Classroom's assignment template): the stubs, the public tests, a standalone {@code pom.xml},
 *       a student README and the grading workflow ({@code grader starter <dir>});</li>
 *   <li>{@link backprop.grader.export.GradescopeExport}: the autograder zip Gradescope builds its
 *       image from ({@code grader gradescope <out.zip>}).</li>
 * </ul>
 *
 * <p>The sources come from a {@link backprop.grader.export.StarterBundle}: the starter and the public
 * tests packaged in the grader ({@code starter/}, {@code starter-tests/}). Neither export ever
 * contains solution code, the reference implementation or the graded suites, except the grader jar
 * itself inside the Gradescope zip, which students never see.
 */
package backprop.grader.export;
