package backprop.grader.batch;

import backprop.grader.html.Format;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The class at a glance, computed from the gradebook entries: totals (mean, median, min, max), a
 * histogram of totals in 10 % bins, per-part means, every check's failure rate with the statuses and
 * diagnoses behind it, the checks failed most often, and the submissions that could not be graded.
 * Statistics are over graded submissions only.
 *
 * @param generatedAt  when this summary was computed
 * @param graderVersion version of the grader that wrote it
 * @param entries      every student, sorted by id
 * @param graded       how many were graded
 * @param scores       the graded totals, sorted ascending
 * @param maxScore     the maximum total (the largest max of the graded reports; they agree for one grader)
 * @param histogram    ten bins of percentages: [0, 10), [10, 20), …, [90, 100]
 * @param parts        mean points per part
 * @param checks       every check, in check-number order
 */
public record ClassSummary(Instant generatedAt, String graderVersion, List<StudentEntry> entries, int graded,
                           List<Double> scores, double maxScore, List<Bin> histogram, List<PartStats> parts,
                           List<CheckStats> checks) {
    static final String JSON_FILE = "summary.json";
    static final String HTML_FILE = "summary.html";
    /** Bumped on every incompatible change of summary.json. */
    static final int FORMAT_VERSION = 1;
    /** How many checks "most often failed" lists, and how many diagnoses each. */
    static final int MOST_FAILED = 10;
    static final int DIAGNOSES = 3;

    /** Students by id: case-insensitively, then exactly, so the order is stable. */
    static final Comparator<StudentEntry> BY_ID = Comparator.comparing((StudentEntry e) -> e.id().toLowerCase(java.util.Locale.ROOT))
            .thenComparing(StudentEntry::id);

    /** Check numbers such as "2.10" after "2.9". */
    static final Comparator<String> BY_NUMBER = (a, b) -> {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            try {
                c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            } catch (NumberFormatException e) {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    };

    public ClassSummary {
        entries = List.copyOf(entries);
        scores = List.copyOf(scores);
        histogram = List.copyOf(histogram);
        parts = List.copyOf(parts);
        checks = List.copyOf(checks);
    }

    /** One histogram bin: totals from {@code fromPercent} (inclusive) to {@code toPercent} (exclusive, except 100). */
    public record Bin(int fromPercent, int toPercent, int count) {
    }

    public record PartStats(String name, double maxScore, double mean) {
    }

    /** How one check went across the class. */
    public record CheckStats(String number, String name, String part, double maxScore, int graded, int failed,
                             Map<String, Integer> statuses, List<Diagnosis> diagnoses) {
        public double failureRate() {
            return graded == 0 ? 0.0 : (double) failed / graded;
        }
    }

    public record Diagnosis(String text, int count) {
    }

    public List<StudentEntry> ungraded() {
        return entries.stream().filter(e -> !e.graded()).toList();
    }

    public Double mean() {
        return scores.isEmpty() ? null : scores.stream().mapToDouble(Double::doubleValue).sum() / scores.size();
    }

    public Double median() {
        if (scores.isEmpty()) {
            return null;
        }
        int n = scores.size();
        return n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2.0;
    }

    public Double min() {
        return scores.isEmpty() ? null : scores.get(0);
    }

    public Double max() {
        return scores.isEmpty() ? null : scores.get(scores.size() - 1);
    }

    /** Checks that failed at least once, most failures first (ties in check order), at most {@link #MOST_FAILED}. */
    public List<CheckStats> mostFailed() {
        return checks.stream().filter(c -> c.failed() > 0)
                .sorted(Comparator.comparingInt(CheckStats::failed).reversed()
                        .thenComparing(CheckStats::number, BY_NUMBER))
                .limit(MOST_FAILED).toList();
    }

    static ClassSummary of(List<StudentEntry> all, String graderVersion) {
        List<StudentEntry> entries = new ArrayList<>(all);
        entries.sort(BY_ID);
        List<StudentEntry> graded = entries.stream().filter(StudentEntry::graded).toList();
        List<Double> scores = graded.stream().map(StudentEntry::score).sorted().toList();
        double maxScore = graded.stream().mapToDouble(StudentEntry::maxScore).max().orElse(0.0);
        int[] bins = new int[10];
        for (StudentEntry e : graded) {
            double pct = Format.percentValue(e.score(), e.maxScore());
            bins[Math.min(9, (int) Math.floor(pct / 10.0 + 1e-9))]++;
        }
        List<Bin> histogram = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            histogram.add(new Bin(i * 10, (i + 1) * 10, bins[i]));
        }
        Map<String, double[]> partSums = new LinkedHashMap<>(); // name -> {sum, count, max}
        for (StudentEntry e : graded) {
            for (StudentEntry.PartScore p : e.parts()) {
                double[] s = partSums.computeIfAbsent(p.name(), k -> new double[3]);
                s[0] += p.score();
                s[1]++;
                s[2] = Math.max(s[2], p.maxScore());
            }
        }
        List<PartStats> parts = new ArrayList<>();
        partSums.forEach((name, s) -> parts.add(new PartStats(name, s[2], s[1] == 0 ? 0 : s[0] / s[1])));
        Map<String, CheckAccumulator> byNumber = new TreeMap<>(BY_NUMBER);
        for (StudentEntry e : graded) {
            for (StudentEntry.CheckEntry c : e.checks()) {
                byNumber.computeIfAbsent(c.number(), k -> new CheckAccumulator(c)).add(c);
            }
        }
        List<CheckStats> checks = byNumber.values().stream().map(CheckAccumulator::stats).toList();
        return new ClassSummary(Instant.now(), graderVersion, entries, graded.size(), scores, maxScore, histogram, parts,
                checks);
    }

    private static final class CheckAccumulator {
        final StudentEntry.CheckEntry first;
        int graded;
        int failed;
        final Map<String, Integer> statuses = new TreeMap<>();
        final Map<String, Integer> diagnoses = new LinkedHashMap<>();
        final Map<String, String> examples = new LinkedHashMap<>();

        CheckAccumulator(StudentEntry.CheckEntry first) {
            this.first = first;
        }

        void add(StudentEntry.CheckEntry c) {
            graded++;
            statuses.merge(c.status(), 1, Integer::sum);
            if (!c.passed()) {
                failed++;
                if (!c.diagnosis().isBlank()) {
                    // Group by the diagnosis's short name (before its first colon): the details carry numbers.
                    String text = c.diagnosis().strip();
                    int colon = text.indexOf(':');
                    String kind = colon > 0 && colon < 80 ? text.substring(0, colon) : text;
                    diagnoses.merge(kind, 1, Integer::sum);
                    examples.putIfAbsent(kind, text);
                }
            }
        }

        CheckStats stats() {
            List<Diagnosis> list = diagnoses.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(e -> new Diagnosis(examples.get(e.getKey()), e.getValue())).toList();
            return new CheckStats(first.number(), first.name(), first.part(), first.maxScore(), graded, failed,
                    new LinkedHashMap<>(statuses), list);
        }
    }

    /** summary.json; see docs/batch-grading.md. Numbers are finite; statistics of an empty class are null. */
    String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format_version", FORMAT_VERSION);
        o.addProperty("generated_at", generatedAt.toString());
        o.addProperty("grader_version", graderVersion);
        o.addProperty("submissions", entries.size());
        o.addProperty("count", graded);
        o.addProperty("ungraded_count", entries.size() - graded);
        o.addProperty("max_score", maxScore);
        o.add("mean", num(mean()));
        o.add("median", num(median()));
        o.add("min", num(min()));
        o.add("max", num(max()));
        o.add("mean_percent", mean() == null ? JsonNull.INSTANCE : new JsonPrimitive(round(Format.percentValue(mean(), maxScore))));
        o.add("median_percent", median() == null ? JsonNull.INSTANCE
                : new JsonPrimitive(round(Format.percentValue(median(), maxScore))));
        JsonArray hist = new JsonArray();
        for (Bin b : histogram) {
            JsonObject j = new JsonObject();
            j.addProperty("from_percent", b.fromPercent());
            j.addProperty("to_percent", b.toPercent());
            j.addProperty("count", b.count());
            hist.add(j);
        }
        o.add("histogram", hist);
        JsonArray partsJson = new JsonArray();
        for (PartStats p : parts) {
            JsonObject j = new JsonObject();
            j.addProperty("name", p.name());
            j.addProperty("max_score", p.maxScore());
            j.addProperty("mean", round(p.mean()));
            partsJson.add(j);
        }
        o.add("parts", partsJson);
        JsonArray checksJson = new JsonArray();
        checks.forEach(c -> checksJson.add(check(c, Integer.MAX_VALUE)));
        o.add("checks", checksJson);
        JsonArray most = new JsonArray();
        mostFailed().forEach(c -> most.add(check(c, DIAGNOSES)));
        o.add("most_failed", most);
        JsonArray ungradedJson = new JsonArray();
        for (StudentEntry e : ungraded()) {
            JsonObject j = new JsonObject();
            j.addProperty("student_id", e.id());
            j.addProperty("reason", e.reason());
            ungradedJson.add(j);
        }
        o.add("ungraded", ungradedJson);
        JsonArray students = new JsonArray();
        for (StudentEntry e : entries) {
            JsonObject j = new JsonObject();
            j.addProperty("student_id", e.id());
            j.addProperty("status", e.status());
            j.add("score", e.graded() ? new JsonPrimitive(e.score()) : JsonNull.INSTANCE);
            j.add("max_score", e.graded() ? new JsonPrimitive(e.maxScore()) : JsonNull.INSTANCE);
            j.add("percent", e.graded() ? new JsonPrimitive(round(Format.percentValue(e.score(), e.maxScore()))) : JsonNull.INSTANCE);
            j.addProperty("report", e.graded() ? Format.urlSegment(e.id()) + "/report.html" : "");
            if (!e.graded()) {
                j.addProperty("reason", e.reason());
            }
            students.add(j);
        }
        o.add("students", students);
        return new GsonBuilder().disableHtmlEscaping().serializeNulls().setPrettyPrinting().create().toJson(o) + "\n";
    }

    private static JsonObject check(CheckStats c, int diagnosesLimit) {
        JsonObject j = new JsonObject();
        j.addProperty("number", c.number());
        j.addProperty("name", c.name());
        j.addProperty("part", c.part());
        j.addProperty("max_score", c.maxScore());
        j.addProperty("graded", c.graded());
        j.addProperty("failed", c.failed());
        j.addProperty("failure_rate", round(c.failureRate()));
        JsonObject statuses = new JsonObject();
        c.statuses().forEach(statuses::addProperty);
        j.add("statuses", statuses);
        JsonArray d = new JsonArray();
        c.diagnoses().stream().limit(diagnosesLimit).forEach(x -> {
            JsonObject k = new JsonObject();
            k.addProperty("diagnosis", x.text());
            k.addProperty("count", x.count());
            d.add(k);
        });
        j.add("diagnoses", d);
        return j;
    }

    private static JsonElement num(Double v) {
        return v == null ? JsonNull.INSTANCE : new JsonPrimitive(round(v));
    }

    private static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
