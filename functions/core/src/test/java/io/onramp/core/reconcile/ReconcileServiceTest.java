package io.onramp.core.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.onramp.core.testing.ManualEngine;
import io.onramp.core.audit.AuditEntry;
import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditQuery;
import io.onramp.core.audit.Outcome;
import io.onramp.core.auth.Caller;
import io.onramp.core.auth.Role;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.page.PageRequest;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.testing.MutableClock;
import io.onramp.core.testing.TestDataSource;
import io.onramp.core.workspace.Convergence;
import io.onramp.core.workspace.JobQueue;
import io.onramp.core.workspace.NewWorkspace;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceDriver;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.core.workspace.WorkspaceStore;

/**
 * The reconcile service against a real PostgreSQL and the real engine, with a driver and a reconciler scripted by
 * the test: what is repaired, what only reported, what deleted and when, and who may ask.
 */
class ReconcileServiceTest {

    static final Caller ADMIN = new Caller("root", Set.of(Role.ADMIN));
    static final Caller DEV = new Caller("alice", Set.of(Role.DEVELOPER));

    DataSource db;
    MutableClock clock;
    WorkspaceEngine engine;
    AuditLog audit;
    WorkspaceEvents events;
    ReconcileReports reports;
    FlakyDriver driver = new FlakyDriver();
    ScriptedReconciler reconciler = new ScriptedReconciler();
    ReconcileService service;
    long auditMark;


    /** Fails while told to, with the error given; else reaches the desired state. */
    static final class FlakyDriver implements WorkspaceDriver {
        volatile RuntimeException failure;
        final List<String> calls = new CopyOnWriteArrayList<>();

        public WorkspaceKind kind() {
            return WorkspaceKind.POD;
        }

        public Convergence converge(Workspace w) {
            calls.add(w.desiredState() + ":" + w.id());
            if (failure != null) {
                throw failure;
            }
            return Convergence.reached(w.desiredState().reached());
        }
    }

    /** Reports what the test scripts from the scope it is given, and records repairs. */
    static final class ScriptedReconciler implements WorkspaceReconciler {
        volatile Function<ReconcileScope, List<Drift>> findings = scope -> List.of();
        final List<ReconcileScope> scopes = new CopyOnWriteArrayList<>();
        final List<Drift> repairs = new CopyOnWriteArrayList<>();
        volatile Runnable duringInspect = () -> {
        };

        public WorkspaceKind kind() {
            return WorkspaceKind.POD;
        }

        public Inspection inspect(ReconcileScope scope) {
            scopes.add(scope);
            duringInspect.run();
            return new Inspection(scope.live().size(), findings.apply(scope));
        }

        public String repair(Drift drift, Optional<Workspace> current) {
            repairs.add(drift);
            return drift.remedy() == Remedy.DELETE_ORPHAN ? "Deleted it" : "Re-applied it";
        }
    }

    @BeforeEach
    void setUp() {
        db = TestDataSource.migrated();
        TestDataSource.truncateWorkspaces();
        clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        engine = new WorkspaceEngine(db, new WorkspaceStore(), new JobQueue(), ManualEngine.of(2).withBackoffMax(Duration.ofSeconds(4)), clock, List.of(driver));
        audit = new AuditLog(db, clock);
        events = new WorkspaceEvents(db, clock);
        reports = new ReconcileReports(db);
        service = new ReconcileService(engine, reports, audit, events, clock, List.of(reconciler));
        List<AuditEntry> newest = audit.find(new AuditQuery(null, null, null, null, PageRequest.of(1, null))).items();
        auditMark = newest.isEmpty() ? 0 : newest.get(0).id();
    }

    UUID running(String owner) {
        UUID id = engine.create(new NewWorkspace(WorkspaceKind.POD, owner, "onramp-" + owner, null, null, null, null,
                Map.of(), true), owner, null, null).workspace().id();
        engine.drain(5);
        assertEquals(WorkspaceState.RUNNING, engine.get(id).state());
        return id;
    }

    /** A workspace that ran out of attempts on an error that may pass (the API server was down). */
    UUID gaveUp(String owner) {
        driver.failure = OnrampException.unavailable("the API server is unreachable");
        UUID id = engine.create(new NewWorkspace(WorkspaceKind.POD, owner, "onramp-" + owner, null, null, null, null,
                Map.of(), true), owner, null, null).workspace().id();
        for (int i = 0; i < 5; i++) {
            engine.drain(5);
            clock.advance(Duration.ofSeconds(10));
        }
        driver.failure = null;
        Workspace w = engine.get(id);
        assertEquals(WorkspaceState.FAILED, w.state(), w.toString());
        assertTrue(WorkspaceEngine.gaveUp(w), w.stateReason());
        return id;
    }

    List<AuditEntry> audited(String operation) {
        return audit.find(new AuditQuery(null, null, null, null, PageRequest.of(100, null))).items().stream()
                .filter(e -> e.id() > auditMark && e.operation().equals(operation)).toList();
    }

    @Test
    void onlyAdminsAndRefusalsAreAudited() {
        OnrampException e = assertThrows(OnrampException.class, () -> service.drift(DEV, WorkspaceKind.POD, false));
        assertEquals(ErrorCode.FORBIDDEN, e.code());
        e = assertThrows(OnrampException.class, () -> service.reconcile(DEV, WorkspaceKind.POD, false, true));
        assertEquals(ErrorCode.FORBIDDEN, e.code());
        assertEquals(Outcome.DENIED, audited("drift").get(0).outcome());
        assertEquals(Outcome.DENIED, audited("reconcile").get(0).outcome());
        assertTrue(reconciler.scopes.isEmpty(), "nothing was inspected for a developer");
        assertEquals(ErrorCode.BAD_USER_INPUT, assertThrows(OnrampException.class,
                () -> service.reconcile(ADMIN, null, true, false)).code());
        assertEquals(ErrorCode.UNAVAILABLE, assertThrows(OnrampException.class,
                () -> service.reconcile(ADMIN, WorkspaceKind.VM, true, false)).code(), "no VM reconciler here");
    }

    @Test
    void aWorkspaceThatGaveUpIsReportedThenFinishedAndTheNextRunFindsNothing() {
        UUID id = gaveUp("bob");

        DriftReport dry = service.reconcile(ADMIN, WorkspaceKind.POD, true, false);
        Drift unfinished = dry.drifts().stream().filter(d -> d.type() == DriftType.UNFINISHED).findFirst().orElseThrow();
        assertEquals(id, unfinished.workspaceId());
        assertEquals(Remedy.CONVERGE, unfinished.remedy());
        assertFalse(unfinished.repaired());
        assertTrue(unfinished.action().startsWith("Would"), unfinished.action());
        assertEquals(WorkspaceState.FAILED, engine.get(id).state(), "a dry run changes nothing");
        assertTrue(engine.nextRun(id).isEmpty());
        assertEquals(dry.id(), service.drift(ADMIN, WorkspaceKind.POD, false).id(), "drift returns the last report");

        DriftReport repair = service.reconcile(ADMIN, WorkspaceKind.POD, false, false);
        assertTrue(repair.drifts().get(0).repaired(), repair.toString());
        Workspace reopened = engine.get(id);
        assertEquals(WorkspaceState.PROVISIONING, reopened.state());
        assertTrue(reopened.stateReason().startsWith("Reconcile: "), reopened.stateReason());
        assertEquals(clock.instant(), engine.nextRun(id).orElseThrow(), "its job is due now");
        engine.drain(5);
        assertEquals(WorkspaceState.RUNNING, engine.get(id).state());

        assertEquals(1, audited(ReconcileService.REPAIR).size());
        assertTrue(audited("reconcile").get(0).detail().contains("1 repaired"), audited("reconcile").toString());
        assertTrue(events.forWorkspace(id, 10).stream().anyMatch(ev -> ev.source().equals("reconcile")
                && ev.kind().equals("UNFINISHED")), "the owner is told");

        DriftReport again = service.reconcile(ADMIN, WorkspaceKind.POD, false, false);
        assertTrue(again.drifts().isEmpty(), again.toString());
        assertEquals(1, audited(ReconcileService.REPAIR).size(), "idempotent: nothing more was done");
    }

    @Test
    void aPermanentRefusalIsOnlyReported() {
        driver.failure = OnrampException.badInput("The image 'x' is not allowed");
        UUID id = engine.create(new NewWorkspace(WorkspaceKind.POD, "carol", "onramp-carol", null, null, null, null,
                Map.of(), true), "carol", null, null).workspace().id();
        engine.drain(5);
        driver.failure = null;
        assertEquals(WorkspaceState.FAILED, engine.get(id).state());

        DriftReport report = service.reconcile(ADMIN, WorkspaceKind.POD, false, false);
        Drift d = report.drifts().get(0);
        assertEquals(Remedy.NONE, d.remedy());
        assertFalse(d.repaired());
        assertEquals(WorkspaceState.FAILED, engine.get(id).state());
        assertTrue(engine.nextRun(id).isEmpty(), "not retried");
    }

    @Test
    void busyWorkspacesAreNotJudgedAndStaleRepairsAreSkipped() {
        UUID settled = running("dave");
        UUID busy = engine.create(new NewWorkspace(WorkspaceKind.POD, "erin", "onramp-erin", null, null, null, null,
                Map.of(), true), "erin", null, null).workspace().id(); // its job is due: the engine is at it
        reconciler.findings = scope -> {
            List<Drift> out = new ArrayList<>();
            for (Workspace w : scope.live()) {
                if (!scope.busy(w)) {
                    out.add(Drift.of(w, "Deployment " + w.namespace() + "/code-server", DriftType.STATE_MISMATCH,
                            "scaled to zero", Remedy.CONVERGE).correcting(WorkspaceState.RESUMING));
                }
            }
            return out;
        };
        // the owner pauses while the reconcile inspects: the repair must not overwrite that
        reconciler.duringInspect = () -> engine.pause(settled);
        DriftReport report = service.reconcile(ADMIN, WorkspaceKind.POD, false, false);
        assertEquals(1, report.drifts().size(), report.toString());
        assertEquals(settled, report.drifts().get(0).workspaceId(), "the busy workspace was not judged");
        assertFalse(report.drifts().get(0).repaired());
        assertTrue(report.drifts().get(0).action().startsWith("Skipped"), report.drifts().get(0).action());
        assertEquals(WorkspaceState.PAUSING, engine.get(settled).state(), "the owner's request stands");
        assertTrue(reconciler.scopes.get(0).busy(engine.get(busy)));
    }

    @Test
    void aStateMismatchIsConvergedWithTheCorrectedStateAndGuardrailsReappliedOncePerWorkspace() {
        UUID id = running("fay");
        reconciler.findings = scope -> scope.live().stream().filter(w -> !scope.busy(w)).flatMap(w -> List.of(
                Drift.of(w, "NetworkPolicy a", DriftType.MISSING_GUARDRAIL, "gone", Remedy.REAPPLY),
                Drift.of(w, "NetworkPolicy b", DriftType.CHANGED_GUARDRAIL, "changed", Remedy.REAPPLY)).stream())
                .toList();
        DriftReport report = service.reconcile(ADMIN, WorkspaceKind.POD, false, false);
        assertEquals(2, report.repaired());
        assertEquals(1, reconciler.repairs.size(), "one re-apply covers the workspace");
        assertEquals(WorkspaceState.RUNNING, engine.get(id).state(), "re-applying in place keeps the state");

        reconciler.findings = scope -> scope.live().stream().filter(w -> !scope.busy(w))
                .map(w -> Drift.of(w, "Instance x", DriftType.STATE_MISMATCH, "stopped outside Onramp",
                        Remedy.CONVERGE).correcting(WorkspaceState.RESUMING)).toList();
        long generation = engine.get(id).generation();
        service.reconcile(ADMIN, WorkspaceKind.POD, false, false);
        Workspace w = engine.get(id);
        assertEquals(WorkspaceState.RESUMING, w.state());
        assertNotEquals(generation, w.generation());
        assertTrue(engine.nextRun(id).isPresent());

        reconciler.findings = scope -> scope.live().stream().filter(x -> !scope.busy(x))
                .map(x -> Drift.of(x, "Instance x", DriftType.STATE_MISMATCH, "error", Remedy.CORRECT_STATE)
                        .correcting(WorkspaceState.FAILED)).toList();
        engine.drain(5);
        service.reconcile(ADMIN, WorkspaceKind.POD, false, false);
        assertEquals(WorkspaceState.FAILED, engine.get(id).state(), "the observed state is recorded");
        assertTrue(engine.nextRun(id).isEmpty(), "without converging");
    }

    @Test
    void orphansAreDeletedOnlyWhenAskedAndOnlyIfASecondLookConfirmsThem() {
        UUID ghost = UUID.randomUUID();
        reconciler.findings = scope -> List.of(Drift.orphan(WorkspaceKind.POD, ghost, "ghost", "Namespace onramp-ghost",
                "no workspace owns it", "onramp-ghost\n" + ghost));

        DriftReport schedule = service.run(WorkspaceKind.POD, ReconcileOptions.REPAIR_SAFE, "duty:test",
                ReconcileTrigger.SCHEDULE);
        assertFalse(schedule.drifts().get(0).repaired());
        assertTrue(schedule.drifts().get(0).action().startsWith("Left alone"));
        DriftReport dry = service.reconcile(ADMIN, WorkspaceKind.POD, true, true);
        assertEquals("Would delete it", dry.drifts().get(0).action());
        assertTrue(reconciler.repairs.isEmpty(), "neither the schedule nor a dry run deletes");

        DriftReport deleting = service.reconcile(ADMIN, WorkspaceKind.POD, false, true);
        assertTrue(deleting.drifts().get(0).repaired());
        assertEquals(1, deleting.deleted());
        assertEquals(1, reconciler.repairs.size());
        assertEquals(Outcome.SUCCESS, audited(ReconcileService.DELETE).get(0).outcome());

        // found once, gone on the second look (e.g. a workspace adopted the namespace): left alone
        reconciler.repairs.clear();
        int[] looks = {0};
        reconciler.findings = scope -> looks[0]++ == 0 ? List.of(Drift.orphan(WorkspaceKind.POD, ghost, "ghost",
                "Namespace onramp-ghost", "no workspace owns it", "onramp-ghost\n" + ghost)) : List.of();
        DriftReport second = service.reconcile(ADMIN, WorkspaceKind.POD, false, true);
        assertFalse(second.drifts().get(0).repaired());
        assertTrue(reconciler.repairs.isEmpty());
    }

    @Test
    void oneRunPerKindAtATimeAndTheDutySkipsPolitely() {
        gaveUp("gus");
        reconciler.duringInspect = () -> {
            reconciler.duringInspect = () -> {
            };
            OnrampException e = assertThrows(OnrampException.class,
                    () -> service.reconcile(ADMIN, WorkspaceKind.POD, false, false));
            assertEquals(ErrorCode.CONFLICT, e.code());
            DutyReport skipped = service.scheduled(WorkspaceKind.POD, "pods.reconcile");
            assertEquals(0, skipped.acted());
            assertTrue(skipped.notes().get(0).startsWith("Skipped"), skipped.notes().toString());
        };
        DutyReport report = service.scheduled(WorkspaceKind.POD, "pods.reconcile");
        assertEquals(1, report.acted(), report.toString());
        assertTrue(report.notes().get(0).startsWith("UNFINISHED"), report.notes().toString());
        assertEquals("duty:pods.reconcile", reports.latest(WorkspaceKind.POD).orElseThrow().actor());
    }

    @Test
    void reportsAreStoredAndTheNewestKept() {
        for (int i = 0; i < ReconcileReports.KEEP + 3; i++) {
            service.run(WorkspaceKind.POD, ReconcileOptions.DRY_RUN, "root", ReconcileTrigger.QUERY);
        }
        DriftReport fresh = service.drift(ADMIN, WorkspaceKind.POD, true);
        assertEquals(ReconcileTrigger.QUERY, fresh.trigger());
        assertTrue(fresh.dryRun());
        assertEquals(fresh.id(), reports.latest(WorkspaceKind.POD).orElseThrow().id());
        try (var c = db.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM reconcile_reports WHERE kind = 'POD'")) {
            rs.next();
            assertEquals(ReconcileReports.KEEP, rs.getInt(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
