package io.onramp.core.activity;

import java.time.Instant;

/** What one {@code /healthz} probe learnt. */
public sealed interface ProbeResult {

    /**
     * code-server answered. {@code alive}: a browser was connected within the last minute. {@code lastHeartbeat}:
     * the last time it saw a request, or {@code null} when it has seen none since it started (code-server reports
     * 0). {@code certificate}: the SHA-256 fingerprint of the server certificate (HTTPS), else {@code null}.
     */
    record Answered(boolean alive, Instant lastHeartbeat, String certificate) implements ProbeResult {
    }

    /** No usable answer; {@code reason} is short and safe to store and show (no bodies, no secrets). */
    record Unreachable(String reason) implements ProbeResult {
    }
}
