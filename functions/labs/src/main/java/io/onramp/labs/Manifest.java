package io.onramp.labs;

import java.util.Map;
import java.util.Objects;

/**
 * One document of a starter or solution file: where it comes from ({@code solution/x.yaml}, document index from 0)
 * and the object as a JSON-like tree (maps, lists, strings, numbers, booleans). The tree must not be changed; use
 * {@link #copy()} for a mutable deep copy.
 */
public record Manifest(String file, int document, Map<String, Object> object) {

    public Manifest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(object, "object");
    }

    public String apiVersion() {
        return string(object.get("apiVersion"));
    }

    public String kind() {
        return string(object.get("kind"));
    }

    public String name() {
        return string(metadata().get("name"));
    }

    /** {@code metadata.namespace}, null when not set (the usual case). */
    public String namespace() {
        return string(metadata().get("namespace"));
    }

    /** {@code Kind/name}: the identity used when solutions replace earlier objects. */
    public String key() {
        return kind() + "/" + name();
    }

    /** Where it comes from: {@code solution/x.yaml#2}. */
    public String origin() {
        return file + "#" + (document + 1);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata() {
        return object.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A mutable deep copy of the object tree. */
    public Map<String, Object> copy() {
        return Trees.deepCopy(object);
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    @Override
    public String toString() {
        return key() + " (" + origin() + ")";
    }
}
