package io.onramp.core.podsecurity;

/** The two enforcing Pod Security Standards levels ({@code privileged} allows everything and needs no checker). */
public enum PodSecurityLevel {
    BASELINE,
    RESTRICTED
}
