package io.onramp.labs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Strict reading of one YAML mapping of {@code lab.yaml}: typed fields, required fields, unknown fields, each problem
 * recorded with its lab/task/check context.
 */
final class YamlFields {

    private final JsonNode node;
    private final String where;
    private final Function<String, LabProblem> problem;
    private final List<LabProblem> problems;

    YamlFields(JsonNode node, String where, Function<String, LabProblem> problem, List<LabProblem> problems) {
        this.node = node;
        this.where = where;
        this.problem = problem;
        this.problems = problems;
    }

    boolean isMapping() {
        if (node == null || !node.isObject()) {
            fail(where + " must be a mapping");
            return false;
        }
        return true;
    }

    void allowOnly(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                fail(where + " has the unknown field '" + name + "' (allowed: " + String.join(", ", sorted(allowed))
                        + ")");
            }
        }
    }

    boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    JsonNode get(String field) {
        return node.get(field);
    }

    String string(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                fail(where + " is missing the required field '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            fail(where + "." + field + " must be a string (quote it), not " + v.getNodeType().name().toLowerCase());
            return null;
        }
        if (required && v.asText().isBlank()) {
            fail(where + "." + field + " must not be empty");
        }
        return v.asText();
    }

    Integer integer(String field, boolean required, int min) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                fail(where + " is missing the required field '" + field + "'");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            fail(where + "." + field + " must be an integer");
            return null;
        }
        if (v.intValue() < min) {
            fail(where + "." + field + " must be at least " + min + ", not " + v.intValue());
            return null;
        }
        return v.intValue();
    }

    Boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            fail(where + "." + field + " must be true or false");
            return null;
        }
        return v.booleanValue();
    }

    List<String> strings(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                fail(where + " is missing the required field '" + field + "'");
            }
            return List.of();
        }
        if (!v.isArray()) {
            fail(where + "." + field + " must be a list of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                fail(where + "." + field + " must hold strings only (quote " + e + ")");
            } else {
                out.add(e.asText());
            }
        }
        return out;
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        String v = string(field, true);
        if (v == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        fail(where + "." + field + " '" + v + "' is not one of " + String.join(", ", names));
        return null;
    }

    void fail(String message) {
        problems.add(problem.apply(message));
    }

    /** A scalar node as a Java value: String, Boolean, Long/BigInteger or BigDecimal; null for non-scalars. */
    static Object scalar(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return new BigDecimal(v.asText());
        }
        return null;
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
