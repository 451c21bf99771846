package io.onramp.core.activity;

import java.time.Duration;
import java.time.Instant;

import io.onramp.core.workspace.Workspace;

/**
 * The idle decision for one running workspace after one probe; pure, so that every rule is unit-tested
 * (docs/self-care.md explains them):
 * <ul>
 * <li>Activity is code-server's {@code lastHeartbeat}, or the probe time when it answers {@code alive}; the newest
 * ever seen is kept.</li>
 * <li>The idle clock starts at the newest of that activity and the start of the current RUNNING period (a new or
 * resumed workspace gets the whole idle time as grace: code-server reports no heartbeat after a restart).</li>
 * <li>An answer whose idle clock reached {@code idleAfter} pauses.</li>
 * <li>No answer is not idleness: only after {@code minFailures} consecutive failures that lasted {@code idleAfter},
 * with no activity within {@code idleAfter} either, and only when some other workspace of the run answered (so
 * Onramp's own network path works), does an unreachable workspace pause.</li>
 * </ul>
 */
public final class IdleRule {

    public enum Decision {
        KEEP,
        PAUSE_IDLE,
        PAUSE_UNREACHABLE
    }

    /** The record to store, what to do, and since when the workspace has been idle. */
    public record Verdict(ActivityRecord record, Decision decision, Instant idleSince) {

        public boolean pause() {
            return decision != Decision.KEEP;
        }
    }

    private IdleRule() {
    }

    public static Verdict judge(ActivityRecord before, Workspace w, ProbeResult result, Instant now, Duration idleAfter,
            int minFailures, boolean othersAnswered) {
        Instant periodStart = w.updatedAt().isAfter(now) ? now : w.updatedAt();
        ActivityRecord r = before.inPeriod(w.generation(), periodStart);
        if (result instanceof ProbeResult.Answered a) {
            Instant activity = a.alive() ? now
                    : a.lastHeartbeat() == null ? null : a.lastHeartbeat().isAfter(now) ? now : a.lastHeartbeat();
            String pin = r.tlsPin() != null ? r.tlsPin() : a.certificate();
            r = r.probed(now, a.alive() ? "ALIVE" : "EXPIRED", activity, 0, null, pin);
        } else {
            String reason = ((ProbeResult.Unreachable) result).reason();
            r = r.probed(now, "UNREACHABLE: " + reason, null, r.failures() + 1,
                    r.failingSince() == null ? now : r.failingSince(), r.tlsPin());
        }
        Instant idleSince = latest(r.lastActivityAt(), r.periodSince());
        boolean idleLongEnough = !Duration.between(idleSince, now).minus(idleAfter).isNegative();
        Decision decision;
        if (result instanceof ProbeResult.Answered) {
            decision = idleLongEnough ? Decision.PAUSE_IDLE : Decision.KEEP;
        } else {
            boolean failingLongEnough = !Duration.between(r.failingSince(), now).minus(idleAfter).isNegative();
            decision = idleLongEnough && failingLongEnough && r.failures() >= minFailures && othersAnswered
                    ? Decision.PAUSE_UNREACHABLE : Decision.KEEP;
        }
        return new Verdict(r, decision, idleSince);
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
