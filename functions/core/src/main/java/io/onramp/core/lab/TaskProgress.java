package io.onramp.core.lab;

import java.time.Instant;

/** A developer's best result on one task of one lab, and how often they checked it. */
public record TaskProgress(String owner, String labId, String taskId, int labVersion, int bestScore, int maxScore,
        int attempts, boolean passed, Instant lastCheckedAt) {
}
