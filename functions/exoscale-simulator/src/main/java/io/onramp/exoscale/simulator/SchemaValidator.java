package io.onramp.exoscale.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates request bodies against the official OpenAPI request schemas, copied into
 * {@code openapi-fragments.json} (see its {@code x-provenance}). Supports the OpenAPI 3.0 subset those schemas use:
 * {@code $ref} (local), {@code type}, {@code nullable}, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code enum}, {@code minLength}/{@code maxLength}, {@code pattern},
 * {@code format: uuid}, {@code minimum}/{@code maximum} with boolean or numeric exclusive bounds, {@code items},
 * {@code minItems}/{@code maxItems}, {@code uniqueItems}. Unknown properties are accepted, as OpenAPI allows.
 */
public final class SchemaValidator {

    static final String RESOURCE = "openapi-fragments.json";
    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final JsonNode document;

    public SchemaValidator(JsonNode document) {
        this.document = document;
    }

    /** Loads the bundled fragments. */
    public static SchemaValidator bundled(ObjectMapper mapper) {
        try (InputStream in = SchemaValidator.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new SchemaValidator(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Violations of the request body schema of {@code operationId}, empty when the body is valid. */
    public List<String> validateRequest(String operationId, JsonNode body) {
        JsonNode schema = document.path("requests").path(operationId);
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("no request schema for " + operationId);
        }
        return validate(schema, body);
    }

    /** Violations of {@code value} against {@code schema}; paths are JSON-pointer-like ({@code /labels/x}). */
    public List<String> validate(JsonNode schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "", out);
        return out;
    }

    private JsonNode resolve(JsonNode schema) {
        int guard = 0;
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/") || ++guard > 32) {
                throw new IllegalStateException("unsupported $ref " + ref);
            }
            schema = document.at(ref.substring(1));
            if (schema.isMissingNode()) {
                throw new IllegalStateException("dangling $ref " + ref);
            }
        }
        return schema;
    }

    private void check(JsonNode schemaOrRef, JsonNode value, String path, List<String> out) {
        JsonNode schema = resolve(schemaOrRef);
        String where = path.isEmpty() ? "body" : path.substring(1);
        if (value == null || value.isNull()) {
            if (!schema.path("nullable").asBoolean(false) && !schemaOrRef.path("nullable").asBoolean(false)) {
                out.add(where + ": must not be null");
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    out.add(where + ": must be an object");
                    return;
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    out.add(where + ": must be an array");
                    return;
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    out.add(where + ": must be a string");
                    return;
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    out.add(where + ": must be an integer");
                    return;
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    out.add(where + ": must be a number");
                    return;
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    out.add(where + ": must be a boolean");
                    return;
                }
            }
            default -> { /* untyped: anything goes */ }
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                out.add(where + ": must be one of " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            String s = value.asText();
            int length = s.codePointCount(0, s.length());
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                out.add(where + ": length must be >= " + schema.get("minLength").asInt());
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                out.add(where + ": length must be <= " + schema.get("maxLength").asInt());
            }
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
                out.add(where + ": must match " + schema.get("pattern").asText());
            }
            if ("uuid".equals(schema.path("format").asText()) && !UUID.matcher(s).matches()) {
                out.add(where + ": must be a UUID");
            }
        }
        if (value.isNumber()) {
            BigDecimal n = value.decimalValue();
            checkBound(schema, "minimum", "exclusiveMinimum", n, where, out, true);
            checkBound(schema, "maximum", "exclusiveMaximum", n, where, out, false);
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                out.add(where + ": must have at least " + schema.get("minItems").asInt() + " items");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                out.add(where + ": must have at most " + schema.get("maxItems").asInt() + " items");
            }
            if (schema.path("uniqueItems").asBoolean(false)) {
                Set<JsonNode> seen = new HashSet<>();
                for (JsonNode item : value) {
                    if (!seen.add(item)) {
                        out.add(where + ": items must be unique");
                        break;
                    }
                }
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), path + "/" + i, out);
                }
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    out.add((path.isEmpty() ? "" : where + ".") + required.asText() + ": is required");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = path + "/" + field.getKey();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), childPath, out);
                } else if (additional != null && additional.isObject()) {
                    check(additional, field.getValue(), childPath, out);
                } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                    out.add(childPath.substring(1) + ": is not allowed");
                }
            }
        }
    }

    private static void checkBound(JsonNode schema, String boundName, String exclusiveName, BigDecimal n,
            String where, List<String> out, boolean lower) {
        JsonNode exclusive = schema.get(exclusiveName);
        BigDecimal bound = null;
        boolean strict = false;
        if (schema.has(boundName)) {
            bound = schema.get(boundName).decimalValue();
            strict = exclusive != null && exclusive.isBoolean() && exclusive.asBoolean();
        } else if (exclusive != null && exclusive.isNumber()) { // OpenAPI 3.1 / JSON Schema style
            bound = exclusive.decimalValue();
            strict = true;
        }
        if (bound == null) {
            return;
        }
        int cmp = n.compareTo(bound);
        boolean ok = lower ? (strict ? cmp > 0 : cmp >= 0) : (strict ? cmp < 0 : cmp <= 0);
        if (!ok) {
            out.add(where + ": must be " + (lower ? (strict ? "> " : ">= ") : (strict ? "< " : "<= "))
                    + bound.toPlainString());
        }
    }
}
