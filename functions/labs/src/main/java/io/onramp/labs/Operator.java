package io.onramp.labs;

import java.util.Arrays;
import java.util.Optional;

/** Operators of an {@code expect} entry, by their YAML name. */
public enum Operator {
    EQUALS("equals"),
    ONE_OF("oneOf"),
    MATCHES("matches"),
    EXISTS("exists"),
    GTE("gte"),
    GT("gt"),
    LTE("lte"),
    LT("lt"),
    CONTAINS("contains");

    private final String yamlName;

    Operator(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public boolean isComparison() {
        return this == GTE || this == GT || this == LTE || this == LT;
    }

    public static Optional<Operator> of(String yamlName) {
        return Arrays.stream(values()).filter(o -> o.yamlName.equals(yamlName)).findFirst();
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
