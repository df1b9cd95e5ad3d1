package backprop.grader.html;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.batch.SubmissionFixtures;
import backprop.grader.engine.Grader;
import backprop.grader.report.Reports;
import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import backprop.grader.results.PartResult;
import backprop.grader.results.Visibility;
import backprop.grader.run.RunOptions;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student report in a real browser: grades the bundled example and a hostile submission for real,
 * writes their reports with {@link Reports#writeAll}, lets headless Chromium render them and checks the
 * DOM it produced. Screenshots go to {@code target/screenshots/} for people to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudentReportHtmlTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Printed by the hostile submission during the checks of its (wrong) DenseLayer.backward. */
    static final String INJECTED = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='img'\"></pre></details>";
    static final String HOSTILE_ID = "eve<svg onload=alert(1)>";

    @TempDir
    static Path tmp;

    private GradeReport example;
    private GradeReport hostile;
    private Document exampleDom;
    private Document hostileDom;
    private String hostileHtml;
    private Path examplePage;
    private Path hostilePage;

    @BeforeAll
    void gradeAndRender() throws IOException {
        Grader grader = Grader.create(RunOptions.defaults().withCheckCpu(Duration.ofSeconds(10)).withGlobal(Duration.ofSeconds(120)));
        example = grader.grade(SubmissionFixtures.EXAMPLE);
        Path exampleDir = tmp.resolve("example-out");
        List<Path> written = Reports.writeAll(example, exampleDir);
        assertThat(written).contains(exampleDir.resolve("report.html"));
        examplePage = exampleDir.resolve("report.html");
        exampleDom = Jsoup.parse(Chromium.dumpDom(examplePage));
        Chromium.screenshot(exampleDir.resolve("report.html"), SCREENSHOTS.resolve("report.png"), 1280, 2200);

        Map<String, String> files = SubmissionFixtures.replace(SubmissionFixtures.solution(), "DenseLayer.java",
                "gradBias = dZ.sumRows();", "gradBias = dZ.sumRows().scale(0.5); System.out.println(\""
                        + INJECTED.replace("\"", "\\\"") + "\");");
        Path submission = SubmissionFixtures.maven(tmp.resolve(HOSTILE_ID), files);
        hostile = grader.grade(submission);
        Path hostileDir = tmp.resolve("hostile-out");
        Reports.writeAll(hostile, hostileDir);
        hostilePage = hostileDir.resolve("report.html");
        hostileHtml = Files.readString(hostilePage);
        hostileDom = Jsoup.parse(Chromium.dumpDom(hostileDir.resolve("report.html")));
        Chromium.screenshot(hostileDir.resolve("report.html"), SCREENSHOTS.resolve("report-db-half.png"), 1280, 3600);
    }

    @Test
    void theHeaderShowsTheSubmissionAndItsTotal() {
        assertThat(exampleDom.getElementById("submission-id").text()).isEqualTo("submission");
        Element total = exampleDom.getElementById("total");
        assertThat(total.text()).isEqualTo(Format.points(example.score()) + " / " + Format.points(example.maxScore()));
        assertThat(Double.parseDouble(total.attr("data-score"))).isEqualTo(example.score());
        assertThat(Double.parseDouble(total.attr("data-max"))).isEqualTo(example.maxScore());
        assertThat(exampleDom.getElementById("percent").text()).isEqualTo(Format.percent(example.score(), example.maxScore()));
        assertThat(example.score()).isGreaterThan(0).isLessThan(example.maxScore());
    }

    @Test
    void everyPartHasAScoreBar() {
        Elements rows = exampleDom.select("#parts tr.part");
        assertThat(rows).hasSize(example.parts().size());
        for (int i = 0; i < rows.size(); i++) {
            PartResult part = example.parts().get(i);
            Element row = rows.get(i);
            assertThat(row.attr("data-part")).isEqualTo(part.name());
            Element fill = row.selectFirst("svg.score-bar rect.fill");
            assertThat(fill).as(part.name()).isNotNull();
            assertThat(Double.parseDouble(fill.attr("width")))
                    .isCloseTo(Format.percentValue(part.score(), part.maxScore()), org.assertj.core.data.Offset.offset(0.01));
            assertThat(row.text()).contains(Format.points(part.score()) + " / " + Format.points(part.maxScore()));
        }
    }

    @Test
    void aFailedCheckShowsItsFeedbackAndHighlightedDiagnosis() {
        List<CheckResult> failed = example.checks().stream()
                .filter(c -> !c.passed() && c.visibility() == Visibility.VISIBLE).toList();
        assertThat(exampleDom.select("article.check.failed")).hasSize((int) example.checks().stream().filter(c -> !c.passed()).count());
        for (CheckResult c : failed) {
            Element article = exampleDom.selectFirst("article.check.failed[data-number=" + c.number() + "]");
            assertThat(article).as(c.number()).isNotNull();
            assertThat(article.attr("data-status")).isEqualTo(c.status().json());
            assertThat(article.selectFirst(".name").text()).isEqualTo(c.name());
            assertThat(article.selectFirst("pre.feedback").wholeText()).isEqualTo(c.feedback().strip());
            if (!c.diagnosis().isBlank()) {
                assertThat(article.selectFirst(".diagnosis .diagnosis-text").text()).isEqualTo(c.diagnosis().strip());
            }
        }
        // The example's Sigmoid mistake is named.
        Element sigmoid = exampleDom.selectFirst("article.check.failed[data-number=1.2]");
        assertThat(sigmoid.selectFirst(".diagnosis").text()).contains("derivative at the wrong variable");
    }

    @Test
    void hiddenChecksShowOnlyTheirNumberAndStatus() {
        List<CheckResult> hidden = example.checks().stream().filter(c -> c.visibility() != Visibility.VISIBLE).toList();
        assertThat(hidden).isNotEmpty();
        String text = exampleDom.text();
        for (CheckResult c : hidden) {
            Element e = exampleDom.selectFirst(".check[data-number=" + c.number() + "]");
            assertThat(e).as(c.number()).isNotNull();
            assertThat(e.hasClass("hidden")).isTrue();
            assertThat(e.selectFirst(".name").text()).isEqualTo("hidden check " + c.number());
            assertThat(e.select("pre.feedback, .diagnosis, details.output, svg")).isEmpty();
            assertThat(text).as("the name of hidden check " + c.number()).doesNotContain(c.name());
            if (!c.passed()) {
                assertThat(e.attr("data-status")).isEqualTo(c.status().json());
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} px")
    @org.junit.jupiter.params.provider.ValueSource(ints = {360, 400, 768, 1280})
    void fromAPhoneToADesktopNothingOverflowsOrIsSqueezed(int width) {
        for (Path page : List.of(examplePage, hostilePage)) {
            Chromium.Layout layout = Chromium.layout(page, width);

            assertThat(layout.width()).as("viewport of %s", page).isBetween(width - 20, width);
            assertThat(layout.scrollWidth()).as("page width at %d px", width).isLessThanOrEqualTo(layout.width());
            assertThat(layout.problems()).as("layout of %s at %d px", page.getParent().getFileName(), width).isEmpty();
        }
    }

    @Test
    void aReplayThatStoppedEarlyDrawsOnlyWhatTheStudentsCodeComputed() {
        // db halved: the replay stops at the output layer's dZ, after its backward and before layer 1's.
        Elements figures = hostileDom.select("figure.network");
        assertThat(figures).isNotEmpty();
        for (Element figure : figures) {
            assertThat(figure.selectFirst(".stopped-before")).as(figure.attr("data-document")).isNotNull();
            assertThat(figure.selectFirst(".stopped-before").text())
                    .isEqualTo("The check stopped at that step, before your code computed the gradients of layer 1: those"
                            + " edges are dashed (not computed), not wrong.");
            assertThat(figure.select("g.edge[data-layer=0]")).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.hasClass("missing")).as("layer 1 edge %s", e.attr("data-from")).isTrue());
            assertThat(figure.select("g.edge[data-layer=1]")).isNotEmpty()
                    .noneSatisfy(e -> assertThat(e.hasClass("missing")).isTrue());
        }
        // The example's first wrong step is the loss gradient: no layer was backpropagated, nothing is drawn as computed.
        assertThat(exampleDom.select("figure.network .not-computed")).isNotEmpty();
        assertThat(exampleDom.select("figure.network g.edge")).allSatisfy(e -> assertThat(e.hasClass("missing")).isTrue());
    }

    @Test
    void thePageSaysWhenNumberOnlyChecksBecomeVisibleOnEachPlatform() {
        long later = example.checks().stream().filter(c -> c.visibility() == Visibility.AFTER_DUE_DATE).count();
        long never = example.checks().stream().filter(c -> c.visibility() == Visibility.HIDDEN).count();
        assertThat(later).isPositive();
        assertThat(never).isEqualTo(1);

        assertThat(exampleDom.selectFirst("#hidden-policy").text())
                .startsWith((later + never) + " checks are shown here by number and status only; they count in your total.")
                .contains("On Gradescope, the " + later + " marked “after the due date”")
                .contains("once the due date has passed")
                .contains("One check is hidden everywhere, always: students never see its name or feedback.")
                .contains("In GitHub (the workflow's log and summary) and in this report every one of them stays number-only")
                .doesNotContain("shown later");
    }

    @Test
    void passedChecksAreListedCompactly() {
        assertThat(exampleDom.select("#passed-checks li.check.passed"))
                .hasSize((int) example.checks().stream().filter(CheckResult::passed).count());
    }

    @Test
    void workedExamplesDrawTheNetworkWithEveryWeightsGradient() {
        for (CheckResult c : example.checks().stream().filter(c -> c.number().startsWith("5.")).toList()) {
            Element svg = exampleDom.selectFirst("article[data-number=" + c.number() + "] svg.network-diagram");
            assertThat(svg).as(c.number()).isNotNull();
            int weights = weightCount(c.evidence());
            assertThat(svg.select("g.edge")).hasSize(weights);
            // The example fails before the backward pass: no gradient was computed, every edge is wrong.
            assertThat(svg.select("g.edge.wrong.missing")).hasSize(weights);
            assertThat(svg.select("g.edge.right")).isEmpty();
            assertThat(svg.select("g.node.input")).hasSize(2);
            assertThat(svg.select("g.node.unit")).hasSize(3);
            assertEdgesMatchEvidence(svg, c.evidence());
        }
        // The hostile submission halves db: the output layer's dW is right, its db wrong.
        CheckResult c52 = check(hostile, "5.2");
        Element svg = hostileDom.selectFirst("article[data-number=5.2] svg.network-diagram");
        assertThat(svg.select("g.edge[data-layer=1].right")).hasSize(2);
        assertThat(svg.select("g.edge[data-layer=1].wrong")).isEmpty();
        assertThat(svg.select("g.node.unit.output.wrong")).hasSize(1);
        assertThat(svg.select("g.node.unit.output.missing")).isEmpty();
        assertThat(svg.select("g.edge-label[data-layer=1].right .got").eachText())
                .allMatch(t -> !t.equals("—"));
        assertEdgesMatchEvidence(svg, c52.evidence());
    }

    @Test
    void studentTextIsEscapedNeverMarkup() {
        assertThat(hostileDom.select("script")).isEmpty();
        assertThat(hostileDom.select("[onerror], [onload], img")).isEmpty();
        assertThat(hostileDom.getElementById("submission-id").text()).isEqualTo(HOSTILE_ID);
        assertThat(hostileDom.title()).startsWith(HOSTILE_ID).doesNotContain("pwned");
        Elements outputs = hostileDom.select("article.check.failed details.output pre");
        assertThat(outputs).isNotEmpty();
        assertThat(outputs.first().wholeText()).contains(INJECTED);
        assertThat(hostileHtml.toLowerCase()).doesNotContain("<script").doesNotContain("<img").doesNotContain("<svg onload");
        // Nothing can be loaded from anywhere: a Content-Security-Policy and no external references.
        assertThat(hostileDom.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content")).contains("default-src 'none'");
        assertThat(hostileDom.select("link, [src]")).isEmpty();
    }

    @Test
    void screenshotsAreSaved() throws IOException {
        assertThat(Files.size(SCREENSHOTS.resolve("report.png"))).isGreaterThan(20_000);
        assertThat(Files.size(SCREENSHOTS.resolve("report-db-half.png"))).isGreaterThan(20_000);
    }

    private static CheckResult check(GradeReport report, String number) {
        return report.checks().stream().filter(c -> c.number().equals(number)).findFirst().orElseThrow();
    }

    private static int weightCount(String evidence) {
        int n = 0;
        for (var l : JsonParser.parseString(evidence).getAsJsonObject().getAsJsonArray("layers")) {
            JsonArray w = l.getAsJsonObject().getAsJsonArray("weights");
            n += w.size() * w.get(0).getAsJsonArray().size();
        }
        return n;
    }

    /** Each edge's expected value is dW[to][from] of its layer in the evidence, and so is its label. */
    private static void assertEdgesMatchEvidence(Element svg, String evidence) {
        JsonArray layers = JsonParser.parseString(evidence).getAsJsonObject().getAsJsonArray("layers");
        for (Element edge : svg.select("g.edge")) {
            int layer = Integer.parseInt(edge.attr("data-layer"));
            int from = Integer.parseInt(edge.attr("data-from"));
            int to = Integer.parseInt(edge.attr("data-to"));
            JsonObject l = layers.get(layer).getAsJsonObject();
            double want = l.getAsJsonObject("expected").getAsJsonArray("dW").get(to).getAsJsonArray().get(from).getAsDouble();
            assertThat(Double.parseDouble(edge.attr("data-expected"))).isEqualTo(want);
            Element label = svg.selectFirst("g.edge-label[data-layer=" + layer + "][data-from=" + from + "][data-to=" + to + "]");
            assertThat(label.selectFirst(".exp").text()).isEqualTo(Format.gradient(want));
            var submitted = l.getAsJsonObject("submitted").get("dW"); // absent or null when not computed
            boolean computed = submitted != null && submitted.isJsonArray();
            if (computed) {
                double got = l.getAsJsonObject("submitted").getAsJsonArray("dW").get(to).getAsJsonArray().get(from).getAsDouble();
                assertThat(edge.hasClass("right")).isEqualTo(NetworkDiagram.matches(want, got));
            }
        }
    }
}
