package backprop.grader.html;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.batch.BatchGrader;
import backprop.grader.batch.SubmissionFixtures;
import backprop.grader.run.RunOptions;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The class dashboard of a small real batch, rendered by headless Chromium. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummaryHtmlTest {
    static final String HOSTILE_ID = "mallory<svg onload=alert(1)>";

    @TempDir
    static Path tmp;

    private Path out;
    private JsonObject summary;
    private Document dom;
    private Path page;

    @BeforeAll
    void gradeASmallClass() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("class"));
        Map<String, String> sol = SubmissionFixtures.solution();
        SubmissionFixtures.maven(folder.resolve("alice"), sol);
        SubmissionFixtures.copyTree(SubmissionFixtures.EXAMPLE, folder.resolve("example"));
        SubmissionFixtures.maven(folder.resolve(HOSTILE_ID),
                SubmissionFixtures.replace(sol, "DenseLayer.java", "dZ.sumRows()", "dZ.sumRows().scale(0.5)"));
        SubmissionFixtures.flat(folder.resolve("o'brien, pat & co"), SubmissionFixtures.starter());
        SubmissionFixtures.write(folder.resolve("corrupt.zip"), "PK but not really a zip");
        out = tmp.resolve("batch out");
        BatchGrader.Result r = new BatchGrader(new BatchGrader.Options(2, out, false,
                RunOptions.defaults().withCheckCpu(Duration.ofSeconds(10)).withGlobal(Duration.ofSeconds(120))), null, false).run(folder);
        assertThat(r.graded()).isEqualTo(4);
        assertThat(r.ungraded()).isEqualTo(1);
        summary = JsonParser.parseString(Files.readString(r.summaryJson(), StandardCharsets.UTF_8)).getAsJsonObject();
        page = r.summaryHtml();
        dom = Jsoup.parse(Chromium.dumpDom(r.summaryHtml()));
        Chromium.screenshot(r.summaryHtml(), StudentReportHtmlTest.SCREENSHOTS.resolve("summary.png"), 1280, 2200);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} px")
    @org.junit.jupiter.params.provider.ValueSource(ints = {360, 400, 768, 1280})
    void fromAPhoneToADesktopNothingOverflowsOrIsSqueezed(int width) {
        Chromium.Layout layout = Chromium.layout(page, width);

        assertThat(layout.width()).isBetween(width - 20, width);
        assertThat(layout.scrollWidth()).as("page width at %d px", width).isLessThanOrEqualTo(layout.width());
        assertThat(layout.problems()).as("layout at %d px", width).isEmpty();
    }

    @Test
    void theHistogramHasTenBarsCountingEveryGradedSubmission() {
        Elements bars = dom.select("svg#histogram g.hist-bar");
        assertThat(bars).hasSize(10);
        JsonArray bins = summary.getAsJsonArray("histogram");
        int total = 0;
        for (int i = 0; i < 10; i++) {
            Element bar = bars.get(i);
            int count = Integer.parseInt(bar.attr("data-count"));
            assertThat(count).isEqualTo(bins.get(i).getAsJsonObject().get("count").getAsInt());
            assertThat(bar.attr("data-from")).isEqualTo(Integer.toString(i * 10));
            assertThat(bar.selectFirst("rect")).isNotNull();
            assertThat(bar.selectFirst("text.count").text()).isEqualTo(Integer.toString(count));
            total += count;
        }
        assertThat(total).isEqualTo(4);
        assertThat(Integer.parseInt(bars.get(9).attr("data-count"))).as("alice, 100%").isEqualTo(1);
        assertThat(Integer.parseInt(bars.get(0).attr("data-count"))).as("the starter, 0%").isEqualTo(1);
        assertThat(dom.getElementById("stat-count").text()).isEqualTo("4");
        assertThat(dom.getElementById("stat-mean").text())
                .isEqualTo(Format.points(summary.get("mean").getAsDouble()));
    }

    @Test
    void theFailureRateTableHasARowAndABarPerCheck() {
        Map<String, JsonObject> checks = new HashMap<>();
        for (JsonElement c : summary.getAsJsonArray("checks")) {
            checks.put(c.getAsJsonObject().get("number").getAsString(), c.getAsJsonObject());
        }
        Elements rows = dom.select("table#failure-rates tr.check-rate");
        assertThat(rows).hasSize(checks.size()).hasSizeGreaterThan(30);
        for (Element row : rows) {
            JsonObject c = checks.get(row.attr("data-number"));
            assertThat(c).as(row.attr("data-number")).isNotNull();
            assertThat(Integer.parseInt(row.attr("data-failed"))).isEqualTo(c.get("failed").getAsInt());
            assertThat(Integer.parseInt(row.attr("data-graded"))).isEqualTo(4);
            double rate = Double.parseDouble(row.attr("data-failure-rate"));
            assertThat(rate).isCloseTo(c.get("failure_rate").getAsDouble(), org.assertj.core.data.Offset.offset(1e-4));
            assertThat(Double.parseDouble(row.selectFirst("svg.rate-bar rect.fill").attr("width")))
                    .isCloseTo(rate * 100, org.assertj.core.data.Offset.offset(0.01));
        }
        // db is wrong in the example (averaged twice) and in mallory's (halved): 3.2 fails twice, and the
        // starter's not-implemented stub once more.
        assertThat(dom.selectFirst("tr.check-rate[data-number=3.2]").attr("data-failed")).isEqualTo("3");
        assertThat(dom.select("#most-failed tr.most-failed")).isNotEmpty();
        assertThat(dom.select("#most-failed li.diagnosis-count")).isNotEmpty();
    }

    @Test
    void everyGradedStudentLinksToTheirReport() {
        Elements links = dom.select("table#students a.report-link");
        assertThat(links.eachText()).containsExactlyInAnyOrder("alice", "example", HOSTILE_ID, "o'brien, pat & co");
        Path page = out.resolve("summary.html");
        for (Element a : links) {
            Path target = Path.of(page.toUri().resolve(URI.create(a.attr("href"))));
            assertThat(target).as(a.attr("href")).isRegularFile();
            assertThat(target.getParent().getFileName().toString()).isEqualTo(a.text());
            assertThat(target.getFileName().toString()).isEqualTo("report.html");
        }
        assertThat(dom.select("tr.student.ungraded[data-id=corrupt] a")).isEmpty();
    }

    @Test
    void ungradedSubmissionsAreListedWithTheirReasons() {
        Elements ungraded = dom.select("#ungraded li.ungraded");
        assertThat(ungraded).hasSize(1);
        assertThat(ungraded.first().attr("data-id")).isEqualTo("corrupt");
        assertThat(ungraded.first().selectFirst(".reason").text()).contains("corrupt zip");
    }

    @Test
    void idsAreTextNotMarkup() throws IOException {
        assertThat(dom.select("script, img, [onload], [onerror]")).isEmpty();
        assertThat(dom.select("svg")).allMatch(s -> s.id().equals("histogram") || s.hasClass("score-bar") || s.hasClass("rate-bar"));
        assertThat(Files.readString(out.resolve("summary.html"))).doesNotContain("<svg onload");
        assertThat(Files.size(StudentReportHtmlTest.SCREENSHOTS.resolve("summary.png"))).isGreaterThan(20_000);
    }
}
