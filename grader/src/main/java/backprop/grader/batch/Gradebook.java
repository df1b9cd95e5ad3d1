package backprop.grader.batch;

import backprop.grader.html.Format;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code gradebook.csv}: one row per student, for a spreadsheet or an LMS import.
 *
 * <p>Columns: {@code student_id}, {@code total}, {@code max}, one column per part (its name, the points
 * earned in it), then {@code status} ({@code graded} or {@code ungraded}) and {@code reason} (why it
 * could not be graded; empty otherwise). An ungraded student has empty total, max and part cells, so an
 * import never mistakes "could not be graded" for 0 points.
 *
 * <p>RFC 4180: comma separated, CRLF line ends, a field quoted (with inner quotes doubled) when it holds
 * a comma, quote, CR or LF, or starts or ends with a space. UTF-8 without a byte order mark. Numbers
 * use '.' as decimal separator and no thousands separator ({@code 57.5}, {@code 82}). Text cells that a
 * spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR) get a leading
 * apostrophe, as OWASP recommends against CSV injection.
 */
final class Gradebook {
    static final String FILE_NAME = "gradebook.csv";
    private static final String EOL = "\r\n";

    private Gradebook() {
    }

    /** The part names of all entries, in report order (the first graded report's order, then any others). */
    static List<String> partNames(List<StudentEntry> entries) {
        Set<String> names = new LinkedHashSet<>();
        entries.stream().filter(StudentEntry::graded).forEach(e -> e.parts().forEach(p -> names.add(p.name())));
        return List.copyOf(names);
    }

    static String render(List<StudentEntry> entries) {
        List<String> parts = partNames(entries);
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("student_id", "total", "max"));
        header.addAll(parts);
        header.add("status");
        header.add("reason");
        row(out, header);
        for (StudentEntry e : entries) {
            List<String> cells = new ArrayList<>();
            cells.add(text(e.id()));
            cells.add(e.graded() ? Format.points(e.score()) : "");
            cells.add(e.graded() ? Format.points(e.maxScore()) : "");
            Map<String, StudentEntry.PartScore> byName = e.parts().stream()
                    .collect(Collectors.toMap(StudentEntry.PartScore::name, Function.identity(), (a, b) -> a));
            for (String p : parts) {
                StudentEntry.PartScore s = byName.get(p);
                cells.add(e.graded() && s != null ? Format.points(s.score()) : "");
            }
            cells.add(e.status());
            cells.add(text(oneLine(e.reason())));
            row(out, cells);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(cells.get(i)));
        }
        out.append(EOL);
    }

    /** RFC 4180 quoting. */
    static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '));
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** A text cell a spreadsheet will not evaluate. */
    static String text(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    private static String oneLine(String s) {
        return Format.clean(s).replace('\n', ' ').replace('\t', ' ');
    }
}
