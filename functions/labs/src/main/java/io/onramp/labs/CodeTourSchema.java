package io.onramp.labs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The official CodeTour tour schema (draft-04, {@code https://aka.ms/codetour-schema}), bundled as
 * {@code io/onramp/labs/codetour/schema.json} (provenance in the SOURCES.md next to it).
 */
public final class CodeTourSchema {

    public static final String RESOURCE = "/io/onramp/labs/codetour/schema.json";
    public static final String SCHEMA_URL = "https://aka.ms/codetour-schema";

    private static final JsonSchema SCHEMA = load();

    private CodeTourSchema() {
    }

    /** The schema violations of a tour, as readable messages; empty when valid. */
    public static List<String> validate(JsonNode tour) {
        Set<ValidationMessage> messages = SCHEMA.validate(tour);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load() {
        try (InputStream in = CodeTourSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
