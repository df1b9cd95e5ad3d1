package backprop.grader.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text templates under {@code export/} in the grader jar, with {@code @@NAME@@} placeholders
 * (a syntax that clashes neither with Maven's {@code ${…}}, GitHub's {@code ${{ … }}} nor bash).
 */
final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("@@([A-Z0-9_]+)@@");

    private Templates() {
    }

    /** The template {@code export/<name>} with every placeholder replaced; an unknown one is an error. */
    static String render(String name, Map<String, String> values) {
        String template = read(name);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template export/" + name + " uses @@" + m.group(1) + "@@, which has no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The raw template text. */
    static String read(String name) {
        String resource = "/export/" + name;
        try (InputStream in = Templates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the grader was built without its template " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
