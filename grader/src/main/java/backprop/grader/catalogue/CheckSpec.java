package backprop.grader.catalogue;

import backprop.grader.results.Visibility;

/**
 * One graded check as the parent knows it before anything runs: the authority on points.
 *
 * @param uniqueId the JUnit unique id of the test method, used to match reported results
 * @param number   stable number, e.g. "3.2"
 * @param name     student-readable name
 * @param part     part name
 * @param points   points it is worth
 * @param visibility when students may see it
 */
public record CheckSpec(String uniqueId, String number, String name, String part, double points, Visibility visibility) {
    public CheckSpec {
        if (!(points > 0) || Math.rint(points * 2) != points * 2) {
            throw new IllegalArgumentException("check " + number + " (" + name + "): points must be a positive multiple of 0.5, got " + points);
        }
    }
}
