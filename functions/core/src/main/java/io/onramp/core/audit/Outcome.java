package io.onramp.core.audit;

/** How an audited operation ended. */
public enum Outcome {
    SUCCESS,
    DENIED,
    FAILED
}
