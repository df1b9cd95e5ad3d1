package backprop.grader.report;

import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import backprop.grader.results.PartResult;
import backprop.grader.results.Status;
import backprop.grader.results.Visibility;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code junit.xml}: the grading in the JUnit XML format that test-report actions on GitHub, GitLab
 * merge requests and Jenkins read. One {@code <testsuite>} per part and one {@code <testcase>} per
 * check; a check that did not pass has a {@code <failure>} (failed, not implemented, not compiled)
 * or an {@code <error>} (crashed, timed out) whose message is the feedback and diagnosis. The format
 * (the Apache Ant JUnit schema) has no place for points on a test case, so each suite's
 * {@code <properties>} carry, per check, {@code <number>.points} ("1.5/2") and
 * {@code <number>.visibility}, and the part's {@code score} and {@code max_score}.
 *
 * <p>Checks students may not see yet are named by number only ("1.11 hidden check") and their
 * failures say only their status, as in classroom.json: this file lands in CI logs and on pull requests.
 */
final class JUnitXmlWriter implements ReportWriter {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Characters of feedback kept per check. */
    static final int MAX_MESSAGE = 4_000;

    @Override
    public String fileName() {
        return "junit.xml";
    }

    @Override
    public String render(GradeReport report) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element suites = doc.createElement("testsuites");
            doc.appendChild(suites);
            List<PartResult> parts = report.parts();
            for (int i = 0; i < parts.size(); i++) {
                suites.appendChild(suite(doc, report, parts.get(i), i));
            }
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("cannot write junit.xml: " + e.getMessage(), e);
        }
    }

    private static Element suite(Document doc, GradeReport report, PartResult part, int id) {
        Element suite = doc.createElement("testsuite");
        List<CheckResult> checks = part.checks();
        long failures = checks.stream().filter(c -> !c.passed() && !isError(c.status())).count();
        long errors = checks.stream().filter(c -> isError(c.status())).count();
        long millis = checks.stream().mapToLong(c -> Math.max(0, c.durationMillis())).sum();
        suite.setAttribute("name", xml(part.name()));
        suite.setAttribute("package", "backprop-grader." + xml(report.submissionId()).replaceAll("\\s+", "_"));
        suite.setAttribute("id", Integer.toString(id));
        suite.setAttribute("timestamp", TIMESTAMP.format(report.startedAt()));
        suite.setAttribute("hostname", "localhost");
        suite.setAttribute("tests", Integer.toString(checks.size()));
        suite.setAttribute("failures", Long.toString(failures));
        suite.setAttribute("errors", Long.toString(errors));
        suite.setAttribute("skipped", "0");
        suite.setAttribute("time", seconds(millis));
        Element properties = doc.createElement("properties");
        suite.appendChild(properties);
        property(doc, properties, "score", Text.points(part.score()));
        property(doc, properties, "max_score", Text.points(part.maxScore()));
        for (CheckResult c : checks) {
            property(doc, properties, c.number() + ".points", Text.points(c.score()) + "/" + Text.points(c.maxScore()));
            property(doc, properties, c.number() + ".visibility", c.visibility().json());
        }
        for (CheckResult c : checks) {
            suite.appendChild(testcase(doc, part, c));
        }
        suite.appendChild(doc.createElement("system-out"));
        suite.appendChild(doc.createElement("system-err"));
        return suite;
    }

    private static Element testcase(Document doc, PartResult part, CheckResult c) {
        boolean shown = c.visibility() == Visibility.VISIBLE;
        Element testcase = doc.createElement("testcase");
        testcase.setAttribute("name", xml(shown ? c.number() + " " + c.name() : c.number() + " hidden check"));
        testcase.setAttribute("classname", xml(part.name()));
        testcase.setAttribute("time", shown ? seconds(Math.max(0, c.durationMillis())) : "0");
        if (!c.passed()) {
            Element problem = doc.createElement(isError(c.status()) ? "error" : "failure");
            problem.setAttribute("type", c.status().json());
            String verdict = Text.label(c.status()) + " (" + Text.points(c.score()) + " / " + Text.points(c.maxScore()) + ")";
            if (shown) {
                String text = Text.truncate(c.feedback().strip(), MAX_MESSAGE)
                        + (c.diagnosis().isBlank() ? "" : "\nDiagnosis: " + Text.truncate(c.diagnosis().strip(), MAX_MESSAGE));
                problem.setAttribute("message", xml(firstLine(text.isBlank() ? verdict : text)));
                problem.setTextContent(xml(verdict + (text.isBlank() ? "" : "\n" + text)));
            } else {
                problem.setAttribute("message", verdict);
                problem.setTextContent(verdict + ": a check students do not see yet; it counts in the total.");
            }
            testcase.appendChild(problem);
        }
        return testcase;
    }

    private static boolean isError(Status s) {
        return s == Status.ERROR || s == Status.TIMEOUT;
    }

    private static void property(Document doc, Element properties, String name, String value) {
        Element p = doc.createElement("property");
        p.setAttribute("name", xml(name));
        p.setAttribute("value", xml(value));
        properties.appendChild(p);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Text XML 1.0 can hold: the report's records already escape controls; lone surrogates and U+FFFE/F go. */
    private static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' || c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
