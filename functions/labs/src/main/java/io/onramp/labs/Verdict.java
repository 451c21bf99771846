package io.onramp.labs;

/** Whether a check passed, and why (for logs, tools and tests; may name expected values, so not for learners). */
public record Verdict(boolean passed, String reason) {

    static Verdict pass(String reason) {
        return new Verdict(true, reason);
    }

    static Verdict fail(String reason) {
        return new Verdict(false, reason);
    }
}
