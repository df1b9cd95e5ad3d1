package backprop.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The schemas reject broken documents, so the conformance tests cannot pass vacuously. */
class SchemaStrictnessTest {

    @Test
    void reportSchemaRejectsBrokenReports() {
        assertRejected(Schemas.REPORT, ReportWriter.nativeJson(), root -> check(root).put("status", "maybe"));
        assertRejected(Schemas.REPORT, ReportWriter.nativeJson(), root -> check(root).put("visibility", "sometimes"));
        assertRejected(Schemas.REPORT, ReportWriter.nativeJson(), root -> check(root).put("score", -1));
        assertRejected(Schemas.REPORT, ReportWriter.nativeJson(), root -> check(root).remove("feedback"));
        assertRejected(Schemas.REPORT, ReportWriter.nativeJson(), root -> check(root).put("points", 2));
        assertRejected(Schemas.REPORT, ReportWriter.nativeJson(), root -> root.put("score", "9"));
        assertRejected(Schemas.REPORT, ReportWriter.nativeJson(), root -> root.put("started_at", "yesterday"));
        assertRejected(Schemas.REPORT, ReportWriter.nativeJson(), root -> root.remove("diagnostics"));
    }

    @Test
    void gradescopeSchemaRejectsBrokenResults() {
        assertRejected(Schemas.GRADESCOPE, ReportWriter.gradescope(), root -> test(root).put("status", "maybe"));
        assertRejected(Schemas.GRADESCOPE, ReportWriter.gradescope(), root -> test(root).put("visibility", "secret"));
        assertRejected(Schemas.GRADESCOPE, ReportWriter.gradescope(), root -> test(root).put("max_points", 1));
        assertRejected(Schemas.GRADESCOPE, ReportWriter.gradescope(), root -> root.put("stdout_visibility", "shown"));
        assertRejected(Schemas.GRADESCOPE, ReportWriter.gradescope(), root -> root.put("execution_time", "12s"));
        assertRejected(Schemas.GRADESCOPE, ReportWriter.gradescope(), root -> {
            root.remove("score");
            test(root).remove("score");
        });
    }

    @Test
    void classroomSchemaRejectsBrokenResults() {
        assertRejected(Schemas.CLASSROOM, ReportWriter.classroom(), root -> test(root).put("status", "maybe"));
        assertRejected(Schemas.CLASSROOM, ReportWriter.classroom(), root -> root.put("status", "passed"));
        assertRejected(Schemas.CLASSROOM, ReportWriter.classroom(), root -> test(root).remove("score"));
        assertRejected(Schemas.CLASSROOM, ReportWriter.classroom(), root -> test(root).put("line_no", 12));
        assertRejected(Schemas.CLASSROOM, ReportWriter.classroom(), root -> ((ArrayNode) root.get("tests")).removeAll());
        assertRejected(Schemas.CLASSROOM, ReportWriter.classroom(), root -> root.put("version", 2));
    }

    private static void assertRejected(Schemas schema, ReportWriter writer, Consumer<ObjectNode> breakIt) {
        JsonNode good = Schemas.parse(writer.render(Fixtures.mixed()));
        assertThat(schema.validate(good)).as("unbroken document").isEmpty();
        ObjectNode broken = good.deepCopy();
        breakIt.accept(broken);
        assertThat(schema.validate(broken)).as("broken document %s", broken).isNotEmpty();
    }

    private static ObjectNode check(ObjectNode root) {
        return (ObjectNode) root.at("/parts/1/checks/1");
    }

    private static ObjectNode test(ObjectNode root) {
        return (ObjectNode) root.at("/tests/0");
    }
}
