package io.onramp.core.netpol;

/** A rule of a NetworkPolicy: {@code spec.ingress[index]} or {@code spec.egress[index]} of {@code namespace/policy}. */
public record RuleRef(String namespace, String policy, Direction direction, int index) {

    /** {@code ns/policy ingress[0]} */
    @Override
    public String toString() {
        return namespace + "/" + policy + " " + direction.policyType().toLowerCase(java.util.Locale.ROOT) + "[" + index + "]";
    }
}
