package io.onramp.pods.blueprint;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.Quantity;

/** JSON helpers of the applier: "does the server already have what we want" and label/annotation merging. */
final class JsonTrees {

    /** Object keys under which strings are resource quantities that a server may write in canonical form. */
    private static final Set<String> QUANTITY_PARENTS = Set.of("resources", "hard", "limits", "capacity");
    private static final Pattern QUANTITY =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+|[a-zA-Z]{0,2})");

    private JsonTrees() {
    }

    /**
     * True when everything set in {@code expected} is also in {@code actual} with an equal value: objects may have
     * more fields in {@code actual} (server defaults, status), arrays must have the same length with each element
     * contained, null or empty expected values match a missing field, quantities compare by value ({@code 1Gi} ==
     * {@code 1024Mi}).
     */
    static boolean contains(JsonNode actual, JsonNode expected) {
        return contains(actual, expected, false);
    }

    private static boolean contains(JsonNode actual, JsonNode expected, boolean quantities) {
        if (expected == null || expected.isNull() || expected.isMissingNode()) {
            return true;
        }
        boolean absent = actual == null || actual.isNull() || actual.isMissingNode();
        if (expected.isObject()) {
            if (absent) {
                return expected.isEmpty();
            }
            if (!actual.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                boolean q = quantities || QUANTITY_PARENTS.contains(field.getKey());
                if (!contains(actual.get(field.getKey()), field.getValue(), q)) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (absent) {
                return expected.isEmpty();
            }
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!contains(actual.get(i), expected.get(i), quantities)) {
                    return false;
                }
            }
            return true;
        }
        if (absent) {
            return false;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (quantities && expected.isTextual() && actual.isTextual() && !expected.asText().equals(actual.asText())) {
            return sameQuantity(expected.asText(), actual.asText());
        }
        return expected.equals(actual);
    }

    static boolean sameQuantity(String a, String b) {
        if (!QUANTITY.matcher(a).matches() || !QUANTITY.matcher(b).matches()) {
            return false;
        }
        try {
            BigDecimal x = new Quantity(a).getNumericalAmount();
            BigDecimal y = new Quantity(b).getNumericalAmount();
            return x.compareTo(y) == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code target.metadata.<field>} = existing entries overlaid with {@code desired}'s (ours win). */
    static void mergeMap(ObjectNode target, JsonNode desired, String field) {
        JsonNode ours = desired.path("metadata").path(field);
        if (!ours.isObject() || ours.isEmpty()) {
            return;
        }
        ObjectNode metadata = (ObjectNode) target.get("metadata");
        JsonNode theirs = metadata.get(field);
        ObjectNode merged = theirs != null && theirs.isObject() ? ((ObjectNode) theirs).deepCopy()
                : metadata.objectNode();
        merged.setAll((ObjectNode) ours);
        metadata.set(field, merged);
    }
}
