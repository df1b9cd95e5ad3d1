package backprop.grader.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** The JSON Schemas of the report formats, loaded from the classpath, with format assertions (date-time) switched on. */
public enum Schemas {
    REPORT("/schema/report.schema.json"),
    GRADESCOPE("/schema/gradescope-results.schema.json"),
    CLASSROOM("/schema/classroom-results.schema.json"),
    CLASSROOM50("/schema/classroom50-result.schema.json");

    /** Strict: no NaN tokens, no unescaped control characters, nothing after the document. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonSchema schema;

    Schemas(String resource) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema not on the classpath: " + resource);
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Violations of this schema; empty when {@code json} conforms. */
    Set<ValidationMessage> validate(String json) {
        return schema.validate(parse(json));
    }

    public Set<ValidationMessage> validate(JsonNode json) {
        return schema.validate(json);
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
