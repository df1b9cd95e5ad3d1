package backprop.grader.batch;

import backprop.grader.GraderFiles;
import backprop.grader.html.HtmlReports;
import backprop.grader.report.ReportFiles;
import backprop.grader.report.Reports;
import backprop.grader.results.GradeReport;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The per-student part of the batch output: {@code <out>/<id>/report.json} and the other report files
 * of a graded submission, {@code <out>/<id>/ungraded.json} for one that could not be graded.
 *
 * <p>Reports are written into a staging folder first and then moved into place one by one, {@code
 * report.json} last (after deleting the old one), so {@code report.json} exists only beside a complete
 * set of files: a batch interrupted at any moment never leaves a report.json that a rerun would take
 * as up to date while another file is stale or missing.
 */
final class ResultStore {
    static final String REPORT_JSON = "report.json";
    static final String UNGRADED_JSON = "ungraded.json";
    /** Where reports are assembled before being moved into place; inside the output so moves are atomic. */
    static final String STAGING = ".staging";
    /** An ungraded.json of this kind is final until the submission changes; others are retried. */
    static final String UNREADABLE = "unreadable";
    static final String INTERNAL_ERROR = "internal_error";
    private static final List<String> REPORT_FILES = List.of(REPORT_JSON, "results.json", "classroom.json", HtmlReports.FILE_NAME);
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    /** Marker of a --force run that has not completed yet (time it started, in epoch milliseconds). */
    static final String FORCED = ".force-pending";
    private final Path out;

    ResultStore(Path out) {
        this.out = out;
    }

    Path dir(String id) {
        return out.resolve(id);
    }

    /**
     * Whether {@code c} need not be graded again: its report.json (or the ungraded.json of an unreadable
     * submission) is newer than every file of the submission.
     */
    /** Records that a --force run started now: until it completes, older reports count as stale. */
    void markForced() throws IOException {
        ReportFiles.writeAtomically(out.resolve(FORCED), Long.toString(System.currentTimeMillis()) + "\n");
    }

    /** The --force run completed: reports are judged by their submissions' times again. */
    void clearForced() throws IOException {
        Files.deleteIfExists(out.resolve(FORCED));
    }

    boolean upToDate(Submissions.Candidate c) throws IOException {
        FileTime submitted = Submissions.lastModified(c.path());
        Path forced = out.resolve(FORCED);
        if (Files.isRegularFile(forced)) {
            try {
                FileTime since = FileTime.fromMillis(Long.parseLong(Files.readString(forced, StandardCharsets.UTF_8).strip()));
                submitted = since.compareTo(submitted) > 0 ? since : submitted;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        Path report = dir(c.id()).resolve(REPORT_JSON);
        if (Files.isRegularFile(report)) {
            return Files.getLastModifiedTime(report).compareTo(submitted) > 0;
        }
        Path ungraded = dir(c.id()).resolve(UNGRADED_JSON);
        if (Files.isRegularFile(ungraded) && Files.getLastModifiedTime(ungraded).compareTo(submitted) > 0) {
            try {
                JsonObject o = JsonParser.parseString(Files.readString(ungraded, StandardCharsets.UTF_8)).getAsJsonObject();
                return UNREADABLE.equals(o.get("kind").getAsString());
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    /** Writes every report file of {@code report} into {@code <out>/<id>/}, report.json last. */
    void writeGraded(String id, GradeReport report) throws IOException {
        Path staging = Files.createTempDirectory(Files.createDirectories(out.resolve(STAGING)), "grading-");
        try {
            Reports.writeAll(report, staging);
            if (!Files.exists(staging.resolve(HtmlReports.FILE_NAME))) {
                HtmlReports.write(report, staging);
            }
            Path dir = Files.createDirectories(dir(id));
            Files.deleteIfExists(dir.resolve(REPORT_JSON));
            Files.deleteIfExists(dir.resolve(UNGRADED_JSON));
            List<Path> files;
            try (Stream<Path> list = Files.list(staging)) {
                files = list.sorted(Comparator.comparing((Path p) -> p.getFileName().toString().equals(REPORT_JSON))).toList();
            }
            for (Path f : files) {
                move(f, dir.resolve(f.getFileName().toString()));
            }
        } finally {
            deleteTree(staging);
        }
    }

    /** Records that {@code c} could not be graded, removing the report files of an earlier grading. */
    void writeUngraded(Submissions.Candidate c, String reason, String kind) throws IOException {
        Path dir = Files.createDirectories(dir(c.id()));
        for (String f : REPORT_FILES) {
            Files.deleteIfExists(dir.resolve(f));
        }
        JsonObject o = new JsonObject();
        o.addProperty("format_version", 1);
        o.addProperty("submission_id", c.id());
        o.addProperty("source", c.source());
        o.addProperty("status", "ungraded");
        o.addProperty("kind", kind);
        o.addProperty("reason", reason);
        o.addProperty("at", Instant.now().toString());
        ReportFiles.writeAtomically(dir.resolve(UNGRADED_JSON), GSON.toJson(o) + "\n");
    }

    /** Every student with a report.json or ungraded.json in the output, sorted by id. */
    List<StudentEntry> scan() throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(out)) {
            dirs = list.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        List<StudentEntry> entries = new ArrayList<>();
        for (Path d : dirs) {
            read(d.getFileName().toString()).ifPresent(entries::add);
        }
        entries.sort(ClassSummary.BY_ID);
        return entries;
    }

    /** What the output says about {@code id}, or empty if nothing (yet). */
    Optional<StudentEntry> read(String id) {
        Path report = dir(id).resolve(REPORT_JSON);
        Path ungraded = dir(id).resolve(UNGRADED_JSON);
        try {
            if (Files.isRegularFile(report)) {
                try {
                    return Optional.of(parseReport(id, Files.readString(report, StandardCharsets.UTF_8)));
                } catch (RuntimeException e) {
                    return Optional.of(StudentEntry.ungraded(id, "report.json cannot be read: " + e.getMessage(), ""));
                }
            }
            if (Files.isRegularFile(ungraded)) {
                try {
                    JsonObject o = JsonParser.parseString(Files.readString(ungraded, StandardCharsets.UTF_8)).getAsJsonObject();
                    return Optional.of(StudentEntry.ungraded(id, str(o, "reason"), str(o, "at")));
                } catch (RuntimeException e) {
                    return Optional.of(StudentEntry.ungraded(id, "ungraded.json cannot be read: " + e.getMessage(), ""));
                }
            }
        } catch (IOException e) {
            return Optional.of(StudentEntry.ungraded(id, "cannot read the output: " + e.getMessage(), ""));
        }
        return Optional.empty();
    }

    /** A report.json (see docs/reports.md) as a gradebook entry. */
    static StudentEntry parseReport(String id, String json) {
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        List<StudentEntry.PartScore> parts = new ArrayList<>();
        List<StudentEntry.CheckEntry> checks = new ArrayList<>();
        for (JsonElement pe : array(root, "parts")) {
            JsonObject p = pe.getAsJsonObject();
            parts.add(new StudentEntry.PartScore(str(p, "name"), num(p, "score"), num(p, "max_score")));
            for (JsonElement ce : array(p, "checks")) {
                JsonObject c = ce.getAsJsonObject();
                checks.add(new StudentEntry.CheckEntry(str(c, "number"), str(c, "name"),
                        c.has("part") ? str(c, "part") : str(p, "name"), num(c, "max_score"), str(c, "status"),
                        str(c, "diagnosis")));
            }
        }
        if (!root.has("score") || !root.has("max_score")) {
            throw new IllegalArgumentException("no score or max_score");
        }
        return new StudentEntry(id, true, "", num(root, "score"), num(root, "max_score"), parts, checks,
                str(root, "grader_version"), str(root, "finished_at"));
    }

    private static JsonArray array(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    private static double num(JsonObject o, String key) {
        JsonElement e = o.get(key);
        double v = e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : 0.0;
        return Double.isFinite(v) ? v : 0.0;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteTree(Path dir) {
        try {
            GraderFiles.deleteTree(dir);
        } catch (UncheckedIOException ignored) {
            // leftovers in the staging folder are removed by the next batch
        }
    }
}
