package io.onramp.labs;

import java.util.Map;
import java.util.Objects;

/**
 * Which objects a check looks at: a kind in the learner's namespace, selected by exact name or by a label selector
 * (exactly one of the two).
 */
public record ResourceRef(ResourceKind kind, String name, LabelSelector selector) {

    public ResourceRef {
        Objects.requireNonNull(kind, "kind");
        if ((name == null) == (selector == null)) {
            throw new IllegalArgumentException("exactly one of name and selector");
        }
    }

    /** Whether an object with this name and these labels is selected. */
    public boolean selects(String objectName, Map<String, String> labels) {
        return name != null ? name.equals(objectName) : selector.matches(labels);
    }

    @Override
    public String toString() {
        return kind + (name != null ? " " + name : " with labels " + selector.text());
    }
}
