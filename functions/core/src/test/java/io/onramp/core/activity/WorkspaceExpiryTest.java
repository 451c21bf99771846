package io.onramp.core.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.onramp.core.testing.ManualEngine;
import io.onramp.core.audit.AuditEntry;
import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditQuery;
import io.onramp.core.event.WorkspaceEvent;
import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.page.PageRequest;
import io.onramp.core.schedule.DutiesConfig;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.testing.MutableClock;
import io.onramp.core.testing.TestConfig;
import io.onramp.core.testing.TestDataSource;
import io.onramp.core.workspace.Convergence;
import io.onramp.core.workspace.DesiredState;
import io.onramp.core.workspace.JobQueue;
import io.onramp.core.workspace.NewWorkspace;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceDriver;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.core.workspace.WorkspaceStore;

/** Expiry against a real PostgreSQL and the real engine (with a driver that converges at once), on a hand-moved clock. */
class WorkspaceExpiryTest {

    static final Duration AFTER = Duration.ofDays(14);
    static final Duration WARNING = Duration.ofHours(24);

    DataSource db;
    MutableClock clock;
    WorkspaceEngine engine;
    WorkspaceEvents events;
    AuditLog audit;
    WorkspaceExpiry expiry;
    ExecutorService pool;

    /** Reaches any desired state in one step: expiry only records desired states, the queue does the rest. */
    static final class InstantDriver implements WorkspaceDriver {
        public WorkspaceKind kind() {
            return WorkspaceKind.POD;
        }

        public Convergence converge(Workspace w) {
            return Convergence.reached(w.desiredState().reached());
        }
    }


    @BeforeEach
    void setUp() {
        db = TestDataSource.migrated();
        TestDataSource.truncateWorkspaces();
        clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        engine = new WorkspaceEngine(db, new WorkspaceStore(), new JobQueue(), ManualEngine.of(3), clock,
                List.of(new InstantDriver()));
        events = new WorkspaceEvents(db, clock);
        audit = new AuditLog(db, clock);
        expiry = expiry(Map.of("onramp.expiry.enabled", "true"));
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    WorkspaceExpiry expiry(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        ExpiryConfig config = TestConfig.mapping(ExpiryConfig.class, all);
        DutiesConfig duties = TestConfig.mapping(DutiesConfig.class, all);
        return new WorkspaceExpiry(engine, new ActivityStore(db), events, audit, config, duties);
    }

    /** A workspace that was created, ran, and was paused by its owner just now. */
    UUID paused(String owner) {
        return paused(owner, null);
    }

    UUID paused(String owner, String coderWorkspaceId) {
        UUID id = engine.create(new NewWorkspace(WorkspaceKind.POD, owner, "onramp-" + owner, null, null,
                coderWorkspaceId, null, Map.of(), true), owner, null, null).workspace().id();
        engine.drain(10);
        engine.pause(id);
        engine.drain(10);
        assertEquals(WorkspaceState.PAUSED, engine.get(id).state());
        return id;
    }

    DutyReport runAt(Instant at) {
        clock.advance(Duration.between(clock.instant(), at));
        return expiry.run(clock.instant());
    }

    List<WorkspaceEvent> events(UUID id, String kind) {
        return events.forWorkspace(id, 50).stream().filter(e -> kind.equals(e.kind())).toList();
    }

    List<AuditEntry> systemAudit(UUID id) {
        return audit.find(new AuditQuery(SelfCare.actor(WorkspaceExpiry.NAME), id.toString(), null, null,
                PageRequest.of(50, null))).items();
    }

    @Test
    void warnsFirstAndDeletesOnlyAfterTheWarningPeriod() {
        UUID id = paused("alice");
        Instant pausedAt = engine.get(id).updatedAt();
        assertEquals(0, runAt(pausedAt.plus(Duration.ofDays(1))).acted());
        assertEquals(0, runAt(pausedAt.plus(AFTER).minus(WARNING).minusSeconds(60)).acted());
        assertTrue(events(id, SelfCare.EXPIRY_WARNING).isEmpty());

        DutyReport warned = runAt(pausedAt.plus(AFTER).minus(WARNING));
        assertEquals(1, warned.acted(), warned.toString());
        List<WorkspaceEvent> warnings = events(id, SelfCare.EXPIRY_WARNING);
        assertEquals(1, warnings.size());
        assertEquals("alice", warnings.get(0).owner());
        assertTrue(warnings.get(0).message().contains("deleted on or after "
                + pausedAt.plus(AFTER).truncatedTo(ChronoUnit.MINUTES)), warnings.get(0).message());
        assertEquals(0, expiry.run(clock.instant()).acted(), "warned once");
        assertEquals(1, events(id, SelfCare.EXPIRY_WARNING).size());

        assertEquals(0, runAt(pausedAt.plus(AFTER).minusSeconds(60)).acted());
        assertEquals(DesiredState.PAUSED, engine.get(id).desiredState());

        DutyReport deleted = runAt(pausedAt.plus(AFTER));
        assertEquals(1, deleted.acted(), deleted.toString());
        assertEquals(DesiredState.DELETED, engine.get(id).desiredState());
        engine.drain(10);
        assertEquals(WorkspaceState.DELETED, engine.get(id).state(), "the job queue does the deleting");
        assertEquals(1, events(id, SelfCare.EXPIRED).size());
        assertEquals(List.of("deleteWorkspace", "warnExpiry"), systemAudit(id).stream().map(AuditEntry::operation).toList());
        assertEquals(0, expiry.run(clock.instant()).examined(), "deleted workspaces are not looked at");
    }

    @Test
    void coderLinkedWorkspacesAreLeftToCoder() {
        UUID linked = paused("heidi", "coder-ws-1");
        DutyReport report = expiry.run(clock.instant().plus(Duration.ofDays(60)));
        assertEquals(0, report.examined());
        assertTrue(events.forWorkspace(linked, 10).isEmpty());
        assertEquals(DesiredState.PAUSED, engine.get(linked).desiredState());
    }

    @Test
    void enabledLateItStillGivesTheFullWarningPeriod() {
        UUID id = paused("bob");
        clock.advance(Duration.ofDays(40)); // paused long before expiry was switched on
        assertEquals(1, expiry.run(clock.instant()).acted());
        Instant warnedAt = clock.instant();
        assertEquals(1, events(id, SelfCare.EXPIRY_WARNING).size());
        assertEquals(0, runAt(warnedAt.plus(WARNING).minusSeconds(1)).acted());
        assertEquals(DesiredState.PAUSED, engine.get(id).desiredState());
        assertEquals(1, runAt(warnedAt.plus(WARNING)).acted());
        assertEquals(DesiredState.DELETED, engine.get(id).desiredState());
    }

    @Test
    void neverWhenDisabled() {
        UUID id = paused("carol");
        for (WorkspaceExpiry off : List.of(expiry(Map.of()),
                expiry(Map.of("onramp.expiry.enabled", "true", "onramp.duties.\"workspaces.expiry\".enabled", "false")))) {
            assertFalse(off.enabled());
            DutyReport report = off.run(clock.instant().plus(Duration.ofDays(400)));
            assertEquals(0, report.examined());
            assertEquals(List.of("expiry is disabled"), report.notes());
        }
        assertTrue(events.forWorkspace(id, 10).isEmpty());
        assertEquals(WorkspaceState.PAUSED, engine.get(id).state());
        assertFalse(expiry(Map.of()).enabledByDefault(), "off by default");
        assertTrue(expiry(Map.of("onramp.duties.\"workspaces.expiry\".enabled", "true")).enabled(),
                "the per-duty switch works too");
    }

    @Test
    void aWorkspaceResumedAfterTheWarningIsNotDeletedAndAFreshPauseStartsOver() {
        UUID id = paused("dave");
        Instant pausedAt = engine.get(id).updatedAt();
        assertEquals(1, runAt(pausedAt.plus(AFTER).minus(WARNING)).acted());
        clock.advance(Duration.ofHours(2));
        engine.resume(id); // the owner read the warning
        engine.drain(10);
        assertEquals(0, runAt(pausedAt.plus(AFTER).plus(Duration.ofDays(1))).examined(), "running: not a candidate");

        engine.pause(id);
        engine.drain(10);
        Instant pausedAgain = engine.get(id).updatedAt();
        assertEquals(0, runAt(pausedAgain.plus(Duration.ofDays(2))).acted(), "a new pause: neither deleted nor warned");
        assertEquals(DesiredState.PAUSED, engine.get(id).desiredState());
        assertEquals(1, events(id, SelfCare.EXPIRY_WARNING).size());
        assertEquals(1, runAt(pausedAgain.plus(AFTER).minus(WARNING)).acted(), "warned again for the new pause");
        assertEquals(2, events(id, SelfCare.EXPIRY_WARNING).size());
        assertEquals(DesiredState.PAUSED, engine.get(id).desiredState());
        assertTrue(events(id, SelfCare.EXPIRED).isEmpty());
    }

    @Test
    void twoRunsAtOnceWarnOnceAndDeleteOnce() throws Exception {
        List<UUID> ids = List.of(paused("erin"), paused("frank"), paused("grace"));
        Instant pausedAt = engine.get(ids.get(2)).updatedAt();
        pool = Executors.newFixedThreadPool(2);
        assertEquals(3, concurrently(pausedAt.plus(AFTER).minus(WARNING)));
        assertEquals(3, concurrently(pausedAt.plus(AFTER)));
        for (UUID id : ids) {
            assertEquals(1, events(id, SelfCare.EXPIRY_WARNING).size());
            assertEquals(1, events(id, SelfCare.EXPIRED).size());
            assertEquals(2, systemAudit(id).size());
            assertEquals(DesiredState.DELETED, engine.get(id).desiredState());
        }
    }

    /** Two runs at the same instant, started together; returns how many workspaces they acted on in total. */
    int concurrently(Instant at) throws Exception {
        clock.advance(Duration.between(clock.instant(), at));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<DutyReport>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> {
                go.await();
                return expiry.run(at);
            }));
        }
        go.countDown();
        int acted = 0;
        for (Future<DutyReport> run : runs) {
            acted += run.get(30, TimeUnit.SECONDS).acted();
        }
        return acted;
    }
}
