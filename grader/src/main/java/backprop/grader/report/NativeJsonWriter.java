package backprop.grader.report;

import backprop.grader.results.CheckResult;
import backprop.grader.results.CompileDiagnostic;
import backprop.grader.results.GradeReport;
import backprop.grader.results.PartResult;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * {@code report.json}: everything in the {@link GradeReport}, nothing redacted or truncated beyond what
 * the grader already truncated. Meant for instructors and tools; {@code schema/report.schema.json}
 * (on the classpath) describes it, and {@link #FORMAT_VERSION} changes whenever that schema does.
 */
final class NativeJsonWriter implements ReportWriter {
    /** Bumped on every incompatible change of the format. */
    static final int FORMAT_VERSION = 1;

    @Override
    public String fileName() {
        return "report.json";
    }

    @Override
    public String render(GradeReport report) {
        JsonObject root = new JsonObject();
        root.add("format_version", Json.number(FORMAT_VERSION));
        root.add("submission_id", Json.string(report.submissionId()));
        root.add("grader_version", Json.string(report.graderVersion()));
        root.add("started_at", Json.timestamp(report.startedAt()));
        root.add("finished_at", Json.timestamp(report.finishedAt()));
        root.add("execution_time", Json.number(Text.executionSeconds(report)));
        root.add("score", Json.number(report.score()));
        root.add("max_score", Json.number(report.maxScore()));
        JsonArray parts = new JsonArray();
        report.parts().forEach(p -> parts.add(part(p)));
        root.add("parts", parts);
        JsonArray diagnostics = new JsonArray();
        report.diagnostics().forEach(d -> diagnostics.add(diagnostic(d)));
        root.add("diagnostics", diagnostics);
        root.add("notes", Json.strings(report.notes()));
        root.add("output", Json.string(report.output()));
        return Json.pretty(root);
    }

    private static JsonObject part(PartResult part) {
        JsonObject o = new JsonObject();
        o.add("name", Json.string(part.name()));
        o.add("score", Json.number(part.score()));
        o.add("max_score", Json.number(part.maxScore()));
        JsonArray checks = new JsonArray();
        part.checks().forEach(c -> checks.add(check(c)));
        o.add("checks", checks);
        return o;
    }

    private static JsonObject check(CheckResult check) {
        JsonObject o = new JsonObject();
        o.add("number", Json.string(check.number()));
        o.add("name", Json.string(check.name()));
        o.add("part", Json.string(check.part()));
        o.add("score", Json.number(check.score()));
        o.add("max_score", Json.number(check.maxScore()));
        o.add("status", Json.string(check.status().json()));
        o.add("feedback", Json.string(check.feedback()));
        o.add("diagnosis", Json.string(check.diagnosis()));
        o.add("visibility", Json.string(check.visibility().json()));
        o.add("duration_ms", Json.number(Math.max(0L, check.durationMillis())));
        o.add("output", Json.string(check.output()));
        o.add("evidence", evidence(check.evidence()));
        return o;
    }

    private static JsonObject diagnostic(CompileDiagnostic d) {
        JsonObject o = new JsonObject();
        o.add("file", Json.string(d.file()));
        // javax.tools reports an unknown position as -1 (Diagnostic.NOPOS); 0 means "no line" here.
        o.add("line", Json.number(Math.max(0L, d.line())));
        o.add("kind", Json.string(d.kind()));
        o.add("message", Json.string(d.message()));
        return o;
    }

    /** The check's evidence as a JSON object, or null when there is none or it is not an object. */
    private static com.google.gson.JsonElement evidence(String json) {
        if (json == null || json.isBlank()) {
            return com.google.gson.JsonNull.INSTANCE;
        }
        try {
            com.google.gson.JsonElement e = com.google.gson.JsonParser.parseString(json);
            return e.isJsonObject() ? e : com.google.gson.JsonNull.INSTANCE;
        } catch (com.google.gson.JsonParseException e) {
            return com.google.gson.JsonNull.INSTANCE;
        }
    }
}
