/**
 * The result model: immutable records that every report writer reads. A check earns its points only
 * when it passed; a part and a report add up their checks.
 */
package backprop.grader.results;
