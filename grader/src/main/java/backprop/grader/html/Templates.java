package backprop.grader.html;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheResolver;
import com.github.mustachejava.util.HtmlEscaper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Mustache templates of {@code src/main/resources/html} ({@code report.mustache},
 * {@code summary.mustache} and their partials), compiled once and rendered by any number of threads.
 *
 * <p>Every {@code {{value}}} is escaped for HTML text and attribute values ({@code & < > " ' ` =});
 * before that, {@link Format#clean(String)} turns control characters, bidi overrides and unpaired
 * surrogates into visible, harmless text. Templates never use the unescaped {@code {{{value}}}} form.
 * View models are records or maps; Mustache reads record components through their accessors.
 */
public final class Templates {
    private static final String ROOT = "/html/";
    private static final Factory FACTORY = new Factory();
    private static final Map<String, Mustache> COMPILED = new ConcurrentHashMap<>();

    private Templates() {
    }

    /**
     * Renders {@code html/<name>.mustache} with {@code scope}.
     *
     * @throws IllegalStateException if the template is missing or cannot be compiled (a build error)
     */
    public static String render(String name, Object scope) {
        Mustache template = COMPILED.computeIfAbsent(name, n -> FACTORY.compile(n + ".mustache"));
        StringWriter out = new StringWriter(16_384);
        try {
            template.execute(out, scope).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Escapes {@code text} exactly as a {@code {{variable}}} would. */
    public static String escape(String text) {
        StringWriter out = new StringWriter();
        FACTORY.encode(text, out);
        return out.toString();
    }

    /** Loads templates with this class's loader (not the thread's context loader) and escapes strictly. */
    private static final class Factory extends DefaultMustacheFactory {
        Factory() {
            super(new Resolver());
        }

        @Override
        public void encode(String value, Writer writer) {
            HtmlEscaper.escape(Format.clean(value), writer);
        }
    }

    private static final class Resolver implements MustacheResolver {
        @Override
        public Reader getReader(String resourceName) {
            String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
            InputStream in = Templates.class.getResourceAsStream(ROOT + name);
            if (in == null) {
                throw new IllegalStateException("HTML template not found on the classpath: " + ROOT + name);
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }
    }
}
