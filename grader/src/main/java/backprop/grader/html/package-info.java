/**
 * HTML reports: single self-contained files (inline CSS and SVG, no scripts, no network) rendered
 * with Mustache templates from {@code src/main/resources/html}.
 *
 * <p>{@link backprop.grader.html.HtmlReports} renders the student report {@code report.html} of one
 * {@link backprop.grader.results.GradeReport}, including a drawing of the network of each worked-example
 * check with its expected and submitted gradients; {@link backprop.grader.html.Templates} is the
 * template engine, shared with the class dashboard of {@code backprop.grader.batch}.
 *
 * <p>Every value reaches the page through a Mustache {@code {{variable}}}, which HTML-escapes it
 * (including quotes, so attributes are safe too); no template uses the unescaped {@code {{{...}}}} form.
 * Student-controlled text (feedback, output, file names, ids, even the evidence a check attaches) is
 * therefore never markup. A Content-Security-Policy forbids scripts and every network request as a
 * second line of defence. The format is described in {@code docs/html-reports.md}.
 */
package backprop.grader.html;
