package backprop.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import backprop.grader.results.CheckResult;
import backprop.grader.results.GradeReport;
import backprop.grader.results.PartResult;
import backprop.grader.results.Status;
import backprop.grader.results.Visibility;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/** The job summary's Markdown, parsed as GitHub does (CommonMark with GFM tables). */
class MarkdownSummaryTest {
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    /** Every node of a kind in the parsed document. */
    private static <T extends Node> List<T> all(Node root, Class<T> kind) {
        List<T> found = new ArrayList<>();
        root.accept(new AbstractVisitor() {
            @Override
            protected void visitChildren(Node parent) {
                for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
                    if (kind.isInstance(n)) {
                        found.add(kind.cast(n));
                    }
                    n.accept(this);
                }
            }
        });
        return found;
    }

    private static String text(Node node) {
        StringBuilder out = new StringBuilder();
        all(node, Text.class).forEach(t -> out.append(t.getLiteral()));
        return out.toString();
    }

    @Test
    void theSummaryHasTheTotalAPartTableAndEveryFailedVisibleCheckWithItsFeedback() {
        GradeReport report = Fixtures.mixed();
        Node doc = PARSER.parse(MarkdownSummary.render(report, "The full report is in the artifact grading-report."));

        List<Heading> headings = all(doc, Heading.class);
        assertThat(text(headings.get(0))).isEqualTo("Backprop grader:  scored 9 / 19.5 points (46.2%)");
        assertThat(all(headings.get(0), org.commonmark.node.Code.class)).extracting(org.commonmark.node.Code::getLiteral)
                .containsExactly("alice-hw3");
        List<String> cells = all(all(doc, TableBlock.class).get(0), TableCell.class).stream().map(MarkdownSummaryTest::text).toList();
        assertThat(cells).containsSubsequence("Part", "Points", "Checks passed", "Activations", "3.5 / 4", "3 / 4",
                "Dense layer", "2 / 8", "1 / 4", "Training", "3.5 / 7.5", "2 / 4");
        List<String> blocks = all(doc, FencedCodeBlock.class).stream().map(FencedCodeBlock::getLiteral).toList();
        assertThat(blocks).anySatisfy(b -> assertThat(b).contains("ReLU'(0) should be 0, got 1.0")
                .contains("Diagnosis: uses >= instead of >"));
        assertThat(text(doc)).contains("1.3 ReLU.backward at zero", "3.3 DenseLayer.backward: db matches finite differences",
                "error: the check crashed", "The full report is in the artifact grading-report.");
    }

    @Test
    void checksStudentsMayNotSeeAreListedByNumberAndStatusOnly() {
        String md = MarkdownSummary.render(Fixtures.mixed(), null);

        assertThat(md).contains("5.2 timed out, 5.3 failed, 5.4 passed")
                .doesNotContain("spiral").doesNotContain("predictions differ")
                .doesNotContain("Trainer reaches 95%").doesNotContain("Network.predict agrees");
    }

    @Test
    void studentTextCannotAddHeadingsLinksImagesOrHtml() {
        String hostile = "```\n# You passed everything\n![pixel](https://evil.example/p.png) [click](https://evil.example)"
                + " <img src=x onerror=alert(1)> ~~~\n````";
        CheckResult failed = new CheckResult("1.2", "Sigmoid.derivative", "Activations", 0, 1, Status.FAILED,
                "Sigmoid.derivative threw IllegalStateException: " + hostile, hostile, Visibility.VISIBLE, 1, hostile);
        GradeReport report = new GradeReport("id [x](https://evil.example) <b>", "v", Fixtures.STARTED, Fixtures.FINISHED,
                List.of(new PartResult("Activations", List.of(failed))), List.of(), List.of(hostile), hostile);

        Node doc = PARSER.parse(MarkdownSummary.render(report, null));

        assertThat(all(doc, Link.class)).isEmpty();
        assertThat(all(doc, Image.class)).isEmpty();
        assertThat(all(doc, HtmlInline.class)).isEmpty();
        assertThat(all(doc, HtmlBlock.class)).isEmpty();
        assertThat(all(doc, Heading.class)).extracting(MarkdownSummaryTest::text)
                .noneMatch(h -> h.contains("You passed everything"));
        assertThat(all(doc, FencedCodeBlock.class)).extracting(FencedCodeBlock::getLiteral)
                .anySatisfy(b -> assertThat(b).contains("# You passed everything").contains("````"));
    }

    @Test
    void aReportWithoutChecksSaysSo() {
        assertThat(MarkdownSummary.render(Fixtures.empty(), null)).contains("No checks could be graded.")
                .contains("### Compile problems (1)").contains("Loss.java:12");
    }
}
