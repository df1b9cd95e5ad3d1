package backprop.grader.report;

import backprop.grader.results.CheckResult;
import backprop.grader.results.CompileDiagnostic;
import backprop.grader.results.GradeReport;
import backprop.grader.results.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Small text helpers shared by the writers: truncation, number formatting, status wording. */
final class Text {
    private Text() {
    }

    /** At most {@code max} characters of {@code s}, plus a note saying how much was cut. */
    static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        int cut = Math.max(0, max);
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut) + "\n[... " + (s.length() - cut) + " more characters not shown]";
    }

    /** Points for people: {@code 37.5}, {@code 60}, {@code 0.25}; at most two decimals. */
    static String points(double value) {
        return decimal(value, 2);
    }

    /** {@code score} as a percentage of {@code max}, one decimal at most; 0 when nothing was available. */
    static String percent(double score, double max) {
        double m = Json.finite(max);
        return decimal(m > 0 ? Json.finite(score) / m * 100.0 : 0.0, 1) + "%";
    }

    private static String decimal(double value, int scale) {
        BigDecimal d = BigDecimal.valueOf(Json.finite(value)).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /** "37.5 / 60 (62.5%)". */
    static String total(double score, double max) {
        return points(score) + " / " + points(max) + " (" + percent(score, max) + ")";
    }

    /** "8.5 / 15 points (56.7%)": a total that says what it counts. */
    static String totalPoints(double score, double max) {
        return points(score) + " / " + points(max) + " points (" + percent(score, max) + ")";
    }

    /** Wall-clock seconds the grading took; never negative, 0 when a timestamp is missing. */
    static double executionSeconds(GradeReport report) {
        if (report.startedAt() == null || report.finishedAt() == null) {
            return 0.0;
        }
        return Math.max(0.0, Json.finite(report.executionSeconds()));
    }


    /** "3.2 DenseLayer.backward: dW matches finite differences". */
    static String title(CheckResult check) {
        return check.number().isBlank() ? check.name() : check.number() + " " + check.name();
    }

    /** How a status reads to a student. */
    static String label(Status status) {
        return switch (status) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case ERROR -> "error: the check crashed";
            case TIMEOUT -> "timed out";
            case NOT_COMPILED -> "not run: the submission did not compile";
            case NOT_IMPLEMENTED -> "not implemented yet";
        };
    }

    /**
     * What a student needs to know about a check that did not pass: its status, the feedback and the
     * diagnosis, one per paragraph. Empty for a passed check without feedback.
     */
    static String verdict(CheckResult check) {
        StringBuilder out = new StringBuilder();
        if (!check.passed()) {
            out.append("Result: ").append(label(check.status()));
        }
        paragraph(out, check.feedback());
        if (!check.diagnosis().isBlank()) {
            paragraph(out, "Diagnosis: " + check.diagnosis());
        }
        return out.toString();
    }

    static void paragraph(StringBuilder out, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        if (!out.isEmpty()) {
            out.append("\n\n");
        }
        out.append(text.strip());
    }
}
