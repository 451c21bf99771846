package io.onramp.core.netpol;

/** A NetworkPolicy direction ({@code policyTypes} entry). */
public enum Direction {
    INGRESS("Ingress"),
    EGRESS("Egress");

    private final String policyType;

    Direction(String policyType) {
        this.policyType = policyType;
    }

    /** The value used in {@code spec.policyTypes}. */
    public String policyType() {
        return policyType;
    }

    static Direction ofPolicyType(String value) {
        for (Direction d : values()) {
            if (d.policyType.equals(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown policyType '" + value + "' (expected Ingress or Egress)");
    }
}
