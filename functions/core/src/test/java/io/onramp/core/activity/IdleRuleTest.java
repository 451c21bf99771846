package io.onramp.core.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.onramp.core.workspace.DesiredState;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;

/** The idle rule's corners, without I/O; the duties' tests cover it end to end. */
class IdleRuleTest {

    static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
    static final Duration IDLE = Duration.ofMinutes(30);
    static final UUID ID = UUID.randomUUID();

    static Workspace running(long generation, Instant since) {
        return new Workspace(ID, 1, "alice", WorkspaceKind.POD, WorkspaceState.RUNNING, DesiredState.RUNNING, null,
                null, "onramp-alice", null, null, null, null, null, null, Map.of(), generation, T0.minusSeconds(600),
                since, T0.minusSeconds(300));
    }

    static IdleRule.Verdict judge(ActivityRecord before, Workspace w, ProbeResult r, Instant now) {
        return IdleRule.judge(before, w, r, now, IDLE, 3, true);
    }

    @Test
    void theIdleClockStartsAtTheNewestOfActivityAndTheRunningPeriod() {
        ActivityRecord none = ActivityRecord.empty(ID);
        ProbeResult noBeat = new ProbeResult.Answered(false, null, null);
        assertEquals(IdleRule.Decision.KEEP, judge(none, running(1, T0), noBeat, T0.plus(IDLE).minusSeconds(1)).decision());
        assertEquals(IdleRule.Decision.PAUSE_IDLE, judge(none, running(1, T0), noBeat, T0.plus(IDLE)).decision());

        // activity from before a pause does not count against a resumed workspace (new generation, new period)
        ActivityRecord old = ActivityRecord.empty(ID).inPeriod(1, T0)
                .probed(T0, "EXPIRED", T0.minus(Duration.ofDays(2)), 0, null, null);
        Instant resumed = T0.plus(Duration.ofHours(5));
        IdleRule.Verdict v = judge(old, running(3, resumed), noBeat, resumed.plusSeconds(60));
        assertEquals(IdleRule.Decision.KEEP, v.decision());
        assertEquals(resumed, v.idleSince());
        assertEquals(3L, v.record().periodGeneration());
    }

    @Test
    void aliveMeansNowAndAHeartbeatFromTheFutureIsClamped() {
        Instant now = T0.plus(Duration.ofHours(1));
        IdleRule.Verdict alive = judge(ActivityRecord.empty(ID), running(1, T0), new ProbeResult.Answered(true,
                T0, null), now);
        assertEquals(now, alive.record().lastActivityAt());
        IdleRule.Verdict skewed = judge(ActivityRecord.empty(ID), running(1, T0), new ProbeResult.Answered(false,
                now.plus(Duration.ofHours(3)), null), now);
        assertEquals(now, skewed.record().lastActivityAt());
        // the newest activity is kept even when a restarted code-server reports none
        IdleRule.Verdict later = judge(alive.record(), running(1, T0), new ProbeResult.Answered(false, null, null),
                now.plusSeconds(60));
        assertEquals(now, later.record().lastActivityAt());
    }

    @Test
    void unreachableNeedsFailuresTimeIdlenessAndAnotherAnswer() {
        ActivityRecord r = ActivityRecord.empty(ID);
        ProbeResult down = new ProbeResult.Unreachable("connection refused");
        Workspace w = running(1, T0);
        r = judge(r, w, down, T0).record();
        assertEquals(1, r.failures());
        assertEquals(T0, r.failingSince());
        assertEquals("UNREACHABLE: connection refused", r.lastProbeOutcome());
        // one failure that "lasted" the idle time is not enough
        assertEquals(IdleRule.Decision.KEEP, IdleRule.judge(r, w, down, T0.plus(IDLE), IDLE, 3, true).decision());
        r = judge(r, w, down, T0.plus(Duration.ofMinutes(10))).record();
        r = judge(r, w, down, T0.plus(Duration.ofMinutes(20))).record();
        assertEquals(IdleRule.Decision.KEEP, IdleRule.judge(r, w, down, T0.plus(IDLE), IDLE, 3, false).decision(),
                "nobody answered: Onramp's side may be broken");
        assertEquals(IdleRule.Decision.PAUSE_UNREACHABLE,
                IdleRule.judge(r, w, down, T0.plus(IDLE), IDLE, 3, true).decision());

        IdleRule.Verdict back = judge(r, w, new ProbeResult.Answered(true, null, "sha256:aa"), T0.plus(IDLE));
        assertEquals(0, back.record().failures());
        assertNull(back.record().failingSince());
        assertEquals("sha256:aa", back.record().tlsPin(), "pinned at the first answer");
        IdleRule.Verdict again = judge(back.record(), w, new ProbeResult.Answered(true, null, "sha256:bb"),
                T0.plus(IDLE).plusSeconds(60));
        assertEquals("sha256:aa", again.record().tlsPin(), "never re-pinned");
    }
}
