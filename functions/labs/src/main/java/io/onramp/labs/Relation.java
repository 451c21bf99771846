package io.onramp.labs;

import java.util.Objects;

/**
 * A {@code relation} assertion. {@code name} is the referenced object (not used by SELECTS_PODS); {@code mountPath}
 * for MOUNTS_*; {@code key} and {@code env} for ENV_FROM_*; {@code port} (Integer number or String name) for
 * BACKEND_SERVICE; {@code min} for SELECTS_PODS (default 1).
 */
public record Relation(RelationType type, String name, String mountPath, String key, String env, Object port,
        int min) {

    public Relation {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(type.name());
        if (name != null) {
            s.append(" ").append(name);
        }
        if (mountPath != null) {
            s.append(" at ").append(mountPath);
        }
        if (key != null) {
            s.append(" key ").append(key);
        }
        if (env != null) {
            s.append(" as ").append(env);
        }
        if (port != null) {
            s.append(" port ").append(port);
        }
        if (type == RelationType.SELECTS_PODS) {
            s.append(" min ").append(min);
        }
        return s.toString();
    }
}
