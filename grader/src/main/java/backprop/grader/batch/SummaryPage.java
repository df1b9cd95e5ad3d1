package backprop.grader.batch;

import backprop.grader.html.Format;
import backprop.grader.html.Templates;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code summary.html}: the class dashboard, rendered from a {@link ClassSummary} with
 * {@code html/summary.mustache}. Self-contained like the student reports; meant for instructors (it
 * names hidden checks and shows every student's total).
 */
final class SummaryPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int HIST_WIDTH = 720;
    private static final int HIST_HEIGHT = 240;
    private static final int HIST_TOP = 24;
    private static final int HIST_BOTTOM = 40;
    private static final int HIST_LEFT = 16;

    private SummaryPage() {
    }

    record View(String generatedAt, String graderVersion, int submissions, int graded, int ungradedCount,
                boolean hasUngraded, boolean hasScores, String mean, String median, String min, String max,
                String maxScore, String meanPercent, String medianPercent, Histogram histogram, List<PartRow> parts,
                boolean hasParts, List<CheckRow> checks, boolean hasChecks, List<MostFailed> mostFailed,
                boolean hasMostFailed, List<String> partNames, List<StudentRow> students, boolean hasStudents,
                List<UngradedRow> ungraded) {
    }

    record Histogram(String width, String height, String viewBox, String axisY, String axisX1, String axisX2,
                     List<Bar> bars) {
    }

    record Bar(int bin, int count, int from, int to, String x, String y, String width, String height, String labelX,
               String rangeY, String countY, String range, boolean empty, String title) {
    }

    record PartRow(String name, String mean, String max, String percent, String width) {
    }

    record CheckRow(String number, String name, String part, int failed, int graded, String rate, String rateValue,
                    String width, String statuses, String points) {
    }

    record MostFailed(String number, String name, String part, int failed, int graded, String rate, String statuses,
                      List<ClassSummary.Diagnosis> diagnoses, boolean hasDiagnoses) {
    }

    record StudentRow(String id, String href, boolean graded, String total, String percent, String percentValue,
                      String level, String status, String reason, List<String> partPoints) {
    }

    record UngradedRow(String id, String reason) {
    }

    static String render(ClassSummary s) {
        return Templates.render("summary", view(s));
    }

    static View view(ClassSummary s) {
        List<String> partNames = Gradebook.partNames(s.entries());
        List<StudentRow> students = new ArrayList<>();
        for (StudentEntry e : s.entries()) {
            Map<String, StudentEntry.PartScore> parts = e.parts().stream()
                    .collect(Collectors.toMap(StudentEntry.PartScore::name, Function.identity(), (a, b) -> a));
            List<String> points = partNames.stream()
                    .map(n -> e.graded() && parts.containsKey(n) ? Format.points(parts.get(n).score()) : "").toList();
            students.add(new StudentRow(e.id(), Format.urlSegment(e.id()) + "/report.html", e.graded(),
                    e.graded() ? Format.points(e.score()) + " / " + Format.points(e.maxScore()) : "",
                    e.graded() ? Format.percent(e.score(), e.maxScore()) : "",
                    e.graded() ? Format.decimal(Format.percentValue(e.score(), e.maxScore()), 2) : "",
                    level(e), e.status(), e.reason(), points));
        }
        List<CheckRow> checks = s.checks().stream().map(c -> new CheckRow(c.number(), c.name(), c.part(), c.failed(),
                c.graded(), Format.decimal(c.failureRate() * 100, 1) + "%", Format.decimal(c.failureRate(), 4),
                Format.decimal(c.failureRate() * 100, 2), statuses(c.statuses()), Format.points(c.maxScore()))).toList();
        List<MostFailed> most = s.mostFailed().stream().map(c -> {
            List<ClassSummary.Diagnosis> d = c.diagnoses().stream().limit(ClassSummary.DIAGNOSES).toList();
            return new MostFailed(c.number(), c.name(), c.part(), c.failed(), c.graded(),
                    Format.decimal(c.failureRate() * 100, 1) + "%", statuses(c.statuses()), d, !d.isEmpty());
        }).toList();
        List<PartRow> parts = s.parts().stream().map(p -> new PartRow(p.name(), Format.points(p.mean()),
                Format.points(p.maxScore()), Format.percent(p.mean(), p.maxScore()),
                Format.decimal(Format.percentValue(p.mean(), p.maxScore()), 2))).toList();
        List<UngradedRow> ungraded = s.ungraded().stream().map(e -> new UngradedRow(e.id(), e.reason())).toList();
        boolean hasScores = s.graded() > 0;
        return new View(WHEN.format(s.generatedAt()), s.graderVersion(), s.entries().size(), s.graded(), ungraded.size(),
                !ungraded.isEmpty(), hasScores, points(s.mean()), points(s.median()), points(s.min()), points(s.max()),
                Format.points(s.maxScore()), hasScores ? Format.percent(s.mean(), s.maxScore()) : "–",
                hasScores ? Format.percent(s.median(), s.maxScore()) : "–", histogram(s.histogram()), parts,
                !parts.isEmpty(), checks, !checks.isEmpty(), most, !most.isEmpty(), partNames, students,
                !students.isEmpty(), ungraded);
    }

    private static String points(Double v) {
        return v == null ? "–" : Format.points(v);
    }

    private static String level(StudentEntry e) {
        if (!e.graded()) {
            return "ungraded";
        }
        if (e.maxScore() > 0 && e.score() >= e.maxScore()) {
            return "full";
        }
        return e.score() > 0 ? "partial" : "none";
    }

    /** "failed 3 · timeout 1" (passed left out). */
    private static String statuses(Map<String, Integer> statuses) {
        return statuses.entrySet().stream().filter(e -> !"passed".equals(e.getKey()))
                .map(e -> e.getKey().replace('_', ' ') + " " + e.getValue()).collect(Collectors.joining(" · "));
    }

    private static Histogram histogram(List<ClassSummary.Bin> bins) {
        int most = Math.max(1, bins.stream().mapToInt(ClassSummary.Bin::count).max().orElse(0));
        double slot = (HIST_WIDTH - 2.0 * HIST_LEFT) / bins.size();
        double barWidth = slot * 0.8;
        double plot = HIST_HEIGHT - HIST_TOP - HIST_BOTTOM;
        double baseline = HIST_TOP + plot;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            ClassSummary.Bin b = bins.get(i);
            double h = b.count() == 0 ? 2 : Math.max(2, plot * b.count() / most);
            double x = HIST_LEFT + i * slot + (slot - barWidth) / 2;
            String range = b.fromPercent() + "–" + b.toPercent() + "%";
            bars.add(new Bar(i, b.count(), b.fromPercent(), b.toPercent(), Format.coordinate(x),
                    Format.coordinate(baseline - h), Format.coordinate(barWidth), Format.coordinate(h),
                    Format.coordinate(x + barWidth / 2), Format.coordinate(baseline + 18), Format.coordinate(baseline - h - 6),
                    range, b.count() == 0, b.count() + " submission" + (b.count() == 1 ? "" : "s") + " with a total of "
                    + range + (i == bins.size() - 1 ? " (100% included)" : "")));
        }
        return new Histogram(Integer.toString(HIST_WIDTH), Integer.toString(HIST_HEIGHT),
                "0 0 " + HIST_WIDTH + " " + HIST_HEIGHT, Format.coordinate(baseline), Integer.toString(HIST_LEFT),
                Integer.toString(HIST_WIDTH - HIST_LEFT), bars);
    }
}
