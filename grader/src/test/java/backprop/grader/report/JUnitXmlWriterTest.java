package backprop.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import backprop.grader.results.GradeReport;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlWriterTest {
    private final ReportWriter writer = ReportWriter.junitXml();

    static List<GradeReport> reports() {
        return Fixtures.all();
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> all(Document doc, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("reports")
    void everyReportValidatesAgainstTheAntJUnitSchema(GradeReport report) throws Exception {
        String xml = writer.render(report);
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JUnitXmlWriterTest.class.getResource("/schema/JUnit.xsd"));

        assertThatCode(() -> schema.newValidator().validate(new StreamSource(new StringReader(xml))))
                .as("junit.xml of %s", report.submissionId()).doesNotThrowAnyException();
    }

    @Test
    void totalsAndPointsAgreeWithTheReport() throws Exception {
        GradeReport report = Fixtures.mixed();
        Document doc = parse(writer.render(report));

        List<Element> suites = all(doc, "testsuite");
        assertThat(suites).extracting(s -> s.getAttribute("name")).containsExactly("Activations", "Dense layer", "Training");
        assertThat(all(doc, "testcase")).hasSize(report.checks().size());
        double score = 0;
        double max = 0;
        for (Element p : all(doc, "property")) {
            if (p.getAttribute("name").endsWith(".points")) {
                String[] v = p.getAttribute("value").split("/");
                score += Double.parseDouble(v[0]);
                max += Double.parseDouble(v[1]);
            }
        }
        assertThat(score).isEqualTo(report.score());
        assertThat(max).isEqualTo(report.maxScore());
        int failures = suites.stream().mapToInt(s -> Integer.parseInt(s.getAttribute("failures"))).sum();
        int errors = suites.stream().mapToInt(s -> Integer.parseInt(s.getAttribute("errors"))).sum();
        assertThat(failures + errors).isEqualTo(report.checks().stream().filter(c -> !c.passed()).count());
        assertThat(errors).as("3.3 crashed and 5.2 timed out").isEqualTo(2);
    }

    @Test
    void failedVisibleChecksCarryFeedbackAndDiagnosisHiddenOnesOnlyTheirStatus() throws Exception {
        Document doc = parse(writer.render(Fixtures.mixed()));

        Element relu = all(doc, "testcase").stream().filter(t -> t.getAttribute("name").startsWith("1.3 ")).findFirst().orElseThrow();
        Element failure = (Element) relu.getElementsByTagName("failure").item(0);
        assertThat(relu.getAttribute("name")).isEqualTo("1.3 ReLU.backward at zero");
        assertThat(failure.getAttribute("message")).isEqualTo("ReLU'(0) should be 0, got 1.0");
        assertThat(failure.getTextContent()).contains("failed (0 / 0.5)").contains("Diagnosis: uses >= instead of >");

        String xml = writer.render(Fixtures.mixed());
        assertThat(xml).contains("5.2 hidden check").doesNotContain("spiral").doesNotContain("predictions differ")
                .doesNotContain("Trainer reaches 95%");
        assertThat(all(doc, "property")).anySatisfy(p -> {
            assertThat(p.getAttribute("name")).isEqualTo("5.2.visibility");
            assertThat(p.getAttribute("value")).isEqualTo("hidden");
        });
    }
}
