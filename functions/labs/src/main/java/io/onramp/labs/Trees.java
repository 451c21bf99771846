package io.onramp.labs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for JSON-like trees (maps, lists, scalars). */
public final class Trees {

    private Trees() {
    }

    /** A mutable deep copy (LinkedHashMap, ArrayList). */
    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, deepCopy(v)));
            return (T) out;
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(deepCopy(v)));
            return (T) out;
        }
        return tree;
    }

    /** An unmodifiable deep copy. */
    @SuppressWarnings("unchecked")
    public static <T> T freeze(T tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, freeze(v)));
            return (T) Collections.unmodifiableMap(out);
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(freeze(v)));
            return (T) Collections.unmodifiableList(out);
        }
        return tree;
    }

    /** The map at a key, or an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object parent, String key) {
        if (parent instanceof Map<?, ?> m && m.get(key) instanceof Map<?, ?> child) {
            return (Map<String, Object>) child;
        }
        return Map.of();
    }

    /** The list at a key, or an empty list. */
    public static List<?> list(Object parent, String key) {
        if (parent instanceof Map<?, ?> m && m.get(key) instanceof List<?> child) {
            return child;
        }
        return List.of();
    }

    /** The text of a scalar at a key, or null. */
    public static String text(Object parent, String key) {
        if (parent instanceof Map<?, ?> m) {
            return Values.text(m.get(key));
        }
        return null;
    }

    /** The string-to-string map at a key (labels, selectors), values as text. */
    public static Map<String, String> stringMap(Object parent, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        map(parent, key).forEach((k, v) -> {
            String t = Values.text(v);
            if (t != null) {
                out.put(k, t);
            }
        });
        return out;
    }
}
