package io.onramp.core.activity;

import java.time.Instant;
import java.util.UUID;

/**
 * What Onramp knows of a workspace's use (one row of {@code workspace_activity}). {@code periodGeneration} and
 * {@code periodSince} say since when the workspace has been in its current state (RUNNING for idle pause, PAUSED
 * for expiry): a conservative start, never earlier than the real one. {@code expiryWarned*}: the warning given for
 * the pause of that generation.
 */
public record ActivityRecord(
        UUID workspaceId,
        Instant lastActivityAt,
        Instant lastProbeAt,
        String lastProbeOutcome,
        int failures,
        Instant failingSince,
        String tlsPin,
        Long periodGeneration,
        Instant periodSince,
        Long expiryWarnedGeneration,
        Instant expiryWarnedAt) {

    public static ActivityRecord empty(UUID workspaceId) {
        return new ActivityRecord(workspaceId, null, null, null, 0, null, null, null, null, null, null);
    }

    /** The period of {@code generation}: kept when it is the recorded one, else starting at {@code since}. */
    public ActivityRecord inPeriod(long generation, Instant since) {
        if (periodGeneration != null && periodGeneration == generation && periodSince != null) {
            return this;
        }
        return new ActivityRecord(workspaceId, lastActivityAt, lastProbeAt, lastProbeOutcome, failures, failingSince,
                tlsPin, generation, since, expiryWarnedGeneration, expiryWarnedAt);
    }

    public ActivityRecord probed(Instant at, String outcome, Instant activity, int failures, Instant failingSince,
            String tlsPin) {
        Instant newest = lastActivityAt == null ? activity
                : activity == null || activity.isBefore(lastActivityAt) ? lastActivityAt : activity;
        return new ActivityRecord(workspaceId, newest, at, outcome, failures, failingSince, tlsPin, periodGeneration,
                periodSince, expiryWarnedGeneration, expiryWarnedAt);
    }

    public ActivityRecord warned(long generation, Instant at) {
        return new ActivityRecord(workspaceId, lastActivityAt, lastProbeAt, lastProbeOutcome, failures, failingSince,
                tlsPin, periodGeneration, periodSince, generation, at);
    }

    public boolean warnedFor(long generation) {
        return expiryWarnedGeneration != null && expiryWarnedGeneration == generation && expiryWarnedAt != null;
    }
}
