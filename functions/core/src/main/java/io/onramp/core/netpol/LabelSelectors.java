package io.onramp.core.netpol;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

/**
 * Label selector matching as in k8s.io/apimachinery {@code metav1.LabelSelectorAsSelector}: {@code matchLabels} AND
 * every {@code matchExpressions} requirement; an empty selector {@code {}} matches everything. A {@code null} selector
 * is "not specified" and must be handled by the caller (its meaning depends on where it appears).
 */
public final class LabelSelectors {

    private LabelSelectors() {
    }

    /**
     * Whether {@code selector} (not null) matches {@code labels}.
     *
     * @throws IllegalArgumentException for an operator other than In, NotIn, Exists, DoesNotExist, or values that
     *         contradict the operator (the API server rejects both)
     */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!actual.containsKey(e.getKey()) || !Objects.equals(actual.get(e.getKey()), e.getValue())) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                if (!matches(r, actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Validates a selector without matching it (same rules as {@link #matches}). */
    public static void validate(LabelSelector selector) {
        if (selector != null && selector.getMatchExpressions() != null) {
            selector.getMatchExpressions().forEach(r -> matches(r, Map.of()));
        }
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
        String key = r.getKey();
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("matchExpressions entry without a key");
        }
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        String op = r.getOperator();
        if (op == null) {
            throw new IllegalArgumentException("matchExpressions[" + key + "] has no operator");
        }
        switch (op) {
            case "In":
                requireValues(key, op, values, true);
                return labels.containsKey(key) && values.contains(labels.get(key));
            case "NotIn":
                requireValues(key, op, values, true);
                return !labels.containsKey(key) || !values.contains(labels.get(key));
            case "Exists":
                requireValues(key, op, values, false);
                return labels.containsKey(key);
            case "DoesNotExist":
                requireValues(key, op, values, false);
                return !labels.containsKey(key);
            default:
                throw new IllegalArgumentException("matchExpressions[" + key + "] has unknown operator '" + op
                        + "' (expected In, NotIn, Exists or DoesNotExist)");
        }
    }

    private static void requireValues(String key, String op, List<String> values, boolean required) {
        if (required && values.isEmpty()) {
            throw new IllegalArgumentException("matchExpressions[" + key + "] " + op + " needs at least one value");
        }
        if (!required && !values.isEmpty()) {
            throw new IllegalArgumentException("matchExpressions[" + key + "] " + op + " must not have values");
        }
    }

    /** A compact rendering for explanations, e.g. {@code {ns=x, pod in (a,b)}}; {@code {}} for the empty selector. */
    public static String describe(LabelSelector selector) {
        if (selector == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("{");
        if (selector.getMatchLabels() != null) {
            new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(k).append('=').append(v);
            });
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(r.getKey()).append(' ').append(r.getOperator());
                if (r.getValues() != null && !r.getValues().isEmpty()) {
                    sb.append(" (").append(String.join(",", r.getValues())).append(')');
                }
            }
        }
        return sb.append('}').toString();
    }
}
