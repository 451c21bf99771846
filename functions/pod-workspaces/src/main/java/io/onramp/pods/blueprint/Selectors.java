package io.onramp.pods.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Label maps written as {@code k=v,k2=v2} in the configuration. */
final class Selectors {

    /** A qualified label key: optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
    private static final Pattern KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                    + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?");

    private Selectors() {
    }

    /**
     * Parses {@code k=v,k2=v2} (spaces around items allowed).
     *
     * @throws IllegalArgumentException when empty or when a key or value is not a valid label key or value
     */
    static Map<String, String> parse(String property, String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text != null) {
            for (String item : text.split(",")) {
                String trimmed = item.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(property + ": expected key=value, got '" + trimmed + "'");
                }
                String key = trimmed.substring(0, eq).trim();
                String value = trimmed.substring(eq + 1).trim();
                if (!isLabelKey(key) || !isLabelValue(value)) {
                    throw new IllegalArgumentException(property + ": '" + trimmed + "' is not a valid label");
                }
                labels.put(key, value);
            }
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException(property + ": at least one key=value is required");
        }
        return Collections.unmodifiableMap(labels);
    }

    static boolean isLabelKey(String key) {
        return key != null && key.length() <= 253 + 1 + 63 && KEY.matcher(key).matches();
    }

    static boolean isLabelValue(String value) {
        return value != null && value.length() <= 63 && VALUE.matcher(value).matches();
    }
}
