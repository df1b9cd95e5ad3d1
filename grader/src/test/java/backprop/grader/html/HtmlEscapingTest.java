package backprop.grader.html;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.results.CheckResult;
import backprop.grader.results.CompileDiagnostic;
import backprop.grader.results.GradeReport;
import backprop.grader.results.PartResult;
import backprop.grader.results.Status;
import backprop.grader.results.Visibility;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Every student-controlled string of a report, made as hostile as it gets, ends up as text: never as an
 * element or attribute, never breaking out of its attribute, never steering the reader with control
 * characters. Checked with an HTML5 parser (the browser test checks the real rendering).
 */
class HtmlEscapingTest {
    static final String ATTACK = "\"><script>alert(1)</script><img src=x onerror=alert(2)>'`={{x}}&amp;&lt;</pre></details>";
    static final String CONTROL = "bell\u0007 esc\u001B[31m nul\u0000 bidi\u202Eevil lone\uD800 emoji\uD83D\uDE00";

    private static CheckResult check(String number, Status status, Visibility visibility, String text, String evidence) {
        double points = 2;
        return new CheckResult(number, "name " + text, "part " + text, status == Status.PASSED ? points : 0, points, status,
                "feedback " + text, "diagnosis " + text, visibility, 5, "output " + text, evidence);
    }

    private static GradeReport hostile() {
        String evidence = "{\"kind\":\"network\",\"document\":\"" + ATTACK.replace("\"", "\\\"") + "\",\"section\":\"s\","
                + "\"failed_step\":\"" + ATTACK.replace("\"", "\\\"") + "\",\"x\":[[1,2]],\"layers\":[{\"index\":0,"
                + "\"activation\":\"" + ATTACK.replace("\"", "\\\"") + "\",\"weights\":[[1,2]],\"bias\":[[0]],"
                + "\"expected\":{\"dW\":[[0.1,0.2]],\"db\":[[0.3]]},\"submitted\":{\"dW\":[[\"" + ATTACK.replace("\"", "\\\"")
                + "\",0.2]]}}]}";
        List<CheckResult> checks = List.of(
                check("1.1", Status.FAILED, Visibility.VISIBLE, ATTACK, evidence),
                check("1.2" + ATTACK, Status.ERROR, Visibility.VISIBLE, CONTROL, ""),
                check("1.3", Status.TIMEOUT, Visibility.HIDDEN, "SECRET " + ATTACK, evidence),
                check("1.4", Status.PASSED, Visibility.AFTER_DUE_DATE, "SECRET2", ""),
                check("1.5", Status.PASSED, Visibility.VISIBLE, ATTACK, ""));
        return new GradeReport(ATTACK, ATTACK, Instant.EPOCH, Instant.EPOCH.plusSeconds(3),
                List.of(new PartResult(ATTACK, checks)), List.of(new CompileDiagnostic(ATTACK, 3, ATTACK, ATTACK + CONTROL)),
                List.of(ATTACK, CONTROL), ATTACK + CONTROL);
    }

    @Test
    void everyStudentStringIsText() {
        GradeReport report = hostile();
        String html = HtmlReports.studentReport(report);
        Document dom = Jsoup.parse(html);
        assertThat(dom.select("script, img, [onerror], [onload]")).isEmpty();
        assertThat(html).doesNotContain("<script").doesNotContain("<img");
        assertThat(dom.text()).as("a value is never evaluated as a template").contains("={{x}}&amp;&lt;");
        assertThat(dom.getElementById("submission-id").text()).isEqualTo(ATTACK);
        Element first = dom.selectFirst("article.check.failed[data-number=1.1]");
        assertThat(first.selectFirst("pre.feedback").wholeText()).isEqualTo("feedback " + ATTACK);
        assertThat(first.selectFirst("details.output pre").wholeText()).isEqualTo("output " + ATTACK);
        assertThat(first.selectFirst("figure.network").attr("data-document")).isEqualTo(ATTACK);
        assertThat(first.select("svg.network-diagram g.edge")).hasSize(2);
        // An attribute value holding the attack is still one attribute of the right element.
        Element second = dom.select("article.check.failed").get(1);
        assertThat(second.attr("data-number")).isEqualTo("1.2" + ATTACK);
        // Control characters and bidi overrides are shown, not obeyed; lone surrogates become U+FFFD.
        String feedback = second.selectFirst("pre.feedback").wholeText();
        assertThat(feedback).contains("bell\\x07", "esc\\x1B[31m", "nul\\x00", "bidi\\u202Eevil", "lone\uFFFD", "\uD83D\uDE00");
        assertThat(dom.text()).doesNotContain("\u0007").doesNotContain("\u001B").doesNotContain("\u202E");
        // Hidden checks: number and status only, whatever their text.
        Element hidden = dom.selectFirst("article.check.failed[data-number=1.3]");
        assertThat(hidden.text()).contains("hidden check 1.3").contains("timed out").doesNotContain("SECRET");
        assertThat(hidden.select("svg, pre, details")).isEmpty();
        assertThat(html).doesNotContain("SECRET");
        // Instructors can see everything.
        assertThat(HtmlReports.report(report, true)).contains("SECRET").contains("SECRET2");
    }

    @Test
    void anEmptyReportSaysNothingWasGraded() {
        GradeReport empty = new GradeReport("bob", "v", Instant.EPOCH, Instant.EPOCH, List.of(),
                List.of(new CompileDiagnostic("Loss.java", 12, "error", "cannot find symbol")),
                List.of("no Java sources found in the submission"), "");
        Document dom = Jsoup.parse(HtmlReports.studentReport(empty));
        assertThat(dom.getElementById("nothing-graded")).isNotNull();
        assertThat(dom.getElementById("total").text()).isEqualTo("0 / 0");
        assertThat(dom.getElementById("percent").text()).isEqualTo("0%");
        assertThat(dom.select("#diagnostics pre.diagnostic").text()).isEqualTo("Loss.java:12: error: cannot find symbol");
        assertThat(dom.select("#notes li.note").text()).isEqualTo("no Java sources found in the submission");
    }

    @Test
    void hugeOutputIsCut() {
        String output = "x".repeat(1_000_000);
        GradeReport report = new GradeReport("s", "v", Instant.EPOCH, Instant.EPOCH,
                List.of(new PartResult("P", List.of(check("1.1", Status.FAILED, Visibility.VISIBLE, "", "")))),
                List.of(), List.of(), output);
        String html = HtmlReports.studentReport(report);
        assertThat(html.length()).isLessThan(200_000);
        assertThat(html).contains("more characters not shown; report.json has all of it");
    }

    @Test
    void urlSegmentsStayInTheirFolder() {
        assertThat(Format.urlSegment("alice")).isEqualTo("alice");
        assertThat(Format.urlSegment("o'brien, pat & co")).isEqualTo("o%27brien%2C%20pat%20%26%20co");
        assertThat(Format.urlSegment("a/b?c#d")).isEqualTo("a%2Fb%3Fc%23d");
        assertThat(Format.urlSegment("é")).isEqualTo("%C3%A9");
        assertThat(Format.urlSegment("..")).isEqualTo("%2E%2E");
    }
}
