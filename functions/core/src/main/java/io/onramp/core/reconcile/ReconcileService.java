package io.onramp.core.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditedAccess;
import io.onramp.core.audit.Outcome;
import io.onramp.core.auth.AccessPolicy;
import io.onramp.core.auth.Caller;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.page.Page;
import io.onramp.core.page.PageRequest;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.WorkspaceFilter;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;

/**
 * Reconcile: compares what each function owns with the database through the {@link WorkspaceReconciler} of its kind,
 * reports the drift, and repairs what is safe. Safe means: converging a workspace again (its driver re-applies the
 * blueprint, starts a VM its owner wants running, stops one they paused), re-applying guardrails in place, and
 * recording a state actually observed. Orphans (labelled as Onramp's, owned by no live workspace) are deleted only
 * when asked ({@code deleteOrphans} and not {@code dryRun}), and only if a second look just before confirms them.
 *
 * <p>Idempotent and safe to run twice at once: one run per kind holds a PostgreSQL advisory lock (another run gets
 * CONFLICT; the duty skips), repairs skip workspaces that changed since they were inspected or that the engine is
 * working on, and every repair and deletion is audited. Each run's report is stored; {@link #drift} returns the last.
 */
@ApplicationScoped
public class ReconcileService {

    private static final Logger LOG = Logger.getLogger(ReconcileService.class);
    static final String REPAIR = "reconcileRepair";
    static final String DELETE = "reconcileDeleteOrphan";
    private static final int MAX_REASON = 300;

    private final WorkspaceEngine engine;
    private final ReconcileReports reports;
    private final AuditLog audit;
    private final WorkspaceEvents events;
    private final Clock clock;
    private final Map<WorkspaceKind, WorkspaceReconciler> reconcilers = new EnumMap<>(WorkspaceKind.class);

    @Inject
    public ReconcileService(WorkspaceEngine engine, ReconcileReports reports, AuditLog audit, WorkspaceEvents events,
            Clock clock, Instance<WorkspaceReconciler> found) {
        this(engine, reports, audit, events, clock, (Iterable<WorkspaceReconciler>) found);
    }

    public ReconcileService(WorkspaceEngine engine, ReconcileReports reports, AuditLog audit, WorkspaceEvents events,
            Clock clock, Iterable<WorkspaceReconciler> found) {
        this.engine = engine;
        this.reports = reports;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        for (WorkspaceReconciler r : found) {
            reconcilers.put(r.kind(), r);
        }
    }

    // ---- admin entry points (GraphQL and function routes) ------------------------------------------------------

    /**
     * Admins: the last report of a kind (from the duty or an earlier reconcile), or, with {@code fresh} or when there
     * is none yet, a new dry run.
     */
    public DriftReport drift(Caller caller, WorkspaceKind kind, boolean fresh) {
        AuditedAccess.check(audit, caller, "drift", kind == null ? null : kind.name(),
                () -> AccessPolicy.requireAdmin(caller));
        requireKind(kind);
        if (!fresh) {
            Optional<DriftReport> last = reports.latest(kind);
            if (last.isPresent()) {
                return last.get();
            }
        }
        return run(kind, ReconcileOptions.DRY_RUN, caller.auditName(), ReconcileTrigger.QUERY);
    }

    /** Admins: reconcile a kind now; a dry run (the default) changes nothing. Audited. */
    public DriftReport reconcile(Caller caller, WorkspaceKind kind, boolean dryRun, boolean deleteOrphans) {
        AuditedAccess.check(audit, caller, "reconcile", kind == null ? null : kind.name(),
                () -> AccessPolicy.requireAdmin(caller));
        requireKind(kind);
        ReconcileOptions options = new ReconcileOptions(dryRun, deleteOrphans);
        try {
            DriftReport report = run(kind, options, caller.auditName(), ReconcileTrigger.ADMIN);
            audit.record(caller, "reconcile", kind.name(), Outcome.SUCCESS, (dryRun ? "dry run" : "repair")
                    + (deleteOrphans ? ", deleting orphans" : "") + ": " + report.drifts().size() + " drift(s), "
                    + report.repaired() + " repaired, " + report.deleted() + " orphan(s) deleted");
            return report;
        } catch (OnrampException e) {
            audit.record(caller, "reconcile", kind.name(), Outcome.FAILED, e.getMessage());
            throw e;
        }
    }

    /**
     * What the scheduled duties run: repair safe drift, never delete orphans. A run of the same kind elsewhere
     * (another replica) makes this one a no-op.
     */
    public DutyReport scheduled(WorkspaceKind kind, String duty) {
        DriftReport report;
        try {
            report = run(kind, ReconcileOptions.REPAIR_SAFE, "duty:" + duty, ReconcileTrigger.SCHEDULE);
        } catch (OnrampException e) {
            if (e.code() == ErrorCode.CONFLICT) {
                return new DutyReport(duty, 0, 0, List.of("Skipped: " + e.getMessage()));
            }
            throw e;
        }
        List<String> notes = report.drifts().stream().limit(20)
                .map(d -> d.type() + " " + d.resource() + ": " + d.action()).toList();
        return new DutyReport(duty, report.examined(), report.repaired(), notes);
    }

    // ---- the run -------------------------------------------------------------------------------------------------

    /** Whether this process can reconcile the kind (its function module is here). */
    public boolean serves(WorkspaceKind kind) {
        return reconcilers.containsKey(kind);
    }

    /**
     * Inspects the kind, repairs as {@code options} allow, stores and returns the report.
     *
     * @throws OnrampException UNAVAILABLE when this process does not serve the kind; CONFLICT when another reconcile
     *         of the kind is running
     */
    public DriftReport run(WorkspaceKind kind, ReconcileOptions options, String actor, ReconcileTrigger trigger) {
        WorkspaceReconciler reconciler = reconcilers.get(kind);
        if (reconciler == null) {
            throw OnrampException.unavailable(kind + " workspaces are not served by this process; reconcile them "
                    + "where their function runs.");
        }
        return reports.exclusively(kind, () -> runAlone(reconciler, options, actor, trigger))
                .orElseThrow(() -> OnrampException.conflict("A reconcile of " + kind
                        + " workspaces is running right now; try again in a minute."));
    }

    private DriftReport runAlone(WorkspaceReconciler reconciler, ReconcileOptions options, String actor,
            ReconcileTrigger trigger) {
        WorkspaceKind kind = reconciler.kind();
        Instant at = clock.instant();
        ReconcileScope scope = scope(kind);
        List<Drift> found = new ArrayList<>(unfinished(scope));
        Inspection inspection = reconciler.inspect(scope);
        found.addAll(inspection.drifts());
        List<Drift> outcome = options.dryRun() ? plan(found, options) : repair(reconciler, found, options, actor);
        DriftReport report = reports.save(new DriftReport(0, kind, at, trigger, actor, options.dryRun(),
                options.deleteOrphans(), inspection.examined(), outcome));
        if (!found.isEmpty()) {
            LOG.infof("Reconcile of %s by %s: %d drift(s), %d repaired, %d orphan(s) deleted%s", kind, actor,
                    found.size(), report.repaired(), report.deleted(), options.dryRun() ? " (dry run)" : "");
        }
        return report;
    }

    ReconcileScope scope(WorkspaceKind kind) {
        List<Workspace> live = new ArrayList<>();
        String after = null;
        while (true) {
            Page<Workspace> page = engine.list(new WorkspaceFilter(null, null, kind, false,
                    PageRequest.of(PageRequest.MAX_SIZE, after)));
            live.addAll(page.items());
            if (!page.hasNextPage()) {
                break;
            }
            after = page.endCursor();
        }
        Set<String> zones = kind == WorkspaceKind.VM ? reports.zonesOf(kind) : Set.of();
        return new ReconcileScope(live, engine.withJobs(), engine::find, zones);
    }

    /** Idle workspaces short of their desired state: FAILED, or (by outside hands) without their job. */
    private static List<Drift> unfinished(ReconcileScope scope) {
        List<Drift> out = new ArrayList<>();
        for (Workspace w : scope.live()) {
            if (scope.busy(w) || ReconcileScope.settled(w)) {
                continue;
            }
            boolean retry = ReconcileScope.retryable(w);
            String detail = "The workspace is " + w.state() + (w.stateReason() == null ? "" : " (" + w.stateReason()
                    + ")") + " and nothing is working on it; it should be " + w.desiredState().reached()
                    + (retry ? "." : ": it was refused for good, so asking again would not help.");
            out.add(Drift.of(w, "Workspace " + w.id(), DriftType.UNFINISHED, detail,
                    retry ? Remedy.CONVERGE : Remedy.NONE));
        }
        return out;
    }

    private static List<Drift> plan(List<Drift> found, ReconcileOptions options) {
        return found.stream().map(d -> d.outcome(false, switch (d.remedy()) {
            case CONVERGE -> "Would have the engine converge the workspace again";
            case REAPPLY -> "Would re-apply it";
            case CORRECT_STATE -> "Would record the state " + d.correctedState();
            case DELETE_ORPHAN -> options.deleteOrphans() ? "Would delete it" : leftAlone();
            case NONE -> reportedOnly();
        })).toList();
    }

    private List<Drift> repair(WorkspaceReconciler reconciler, List<Drift> found, ReconcileOptions options,
            String actor) {
        Drift[] out = new Drift[found.size()];
        Set<UUID> reconverged = new HashSet<>();
        // converging again covers everything else of the same workspace: do it first
        for (int i = 0; i < found.size(); i++) {
            Drift d = found.get(i);
            if (d.remedy() == Remedy.CONVERGE) {
                out[i] = guarded(d, actor, () -> converge(d, reconverged, actor));
            }
        }
        Set<UUID> reapplied = new HashSet<>();
        Set<String> confirmedOrphans = null;
        for (int i = 0; i < found.size(); i++) {
            Drift d = found.get(i);
            if (out[i] != null) {
                continue;
            }
            if (d.workspaceId() != null && reconverged.contains(d.workspaceId()) && d.remedy() != Remedy.DELETE_ORPHAN) {
                out[i] = d.outcome(true, "Covered by converging the workspace again");
                continue;
            }
            switch (d.remedy()) {
                case NONE -> out[i] = d.outcome(false, reportedOnly());
                case CORRECT_STATE -> out[i] = guarded(d, actor, () -> correct(d, actor));
                case REAPPLY -> out[i] = reapplied.contains(d.workspaceId())
                        ? d.outcome(true, "Covered by re-applying the workspace's guardrails")
                        : guarded(d, actor, () -> reapply(reconciler, d, reapplied, actor));
                case DELETE_ORPHAN -> {
                    if (!options.deletes()) {
                        out[i] = d.outcome(false, leftAlone());
                    } else {
                        if (confirmedOrphans == null) {
                            confirmedOrphans = orphansNow(reconciler);
                        }
                        Set<String> confirmed = confirmedOrphans;
                        out[i] = guarded(d, actor, () -> delete(reconciler, d, confirmed, actor));
                    }
                }
                case CONVERGE -> throw new IllegalStateException("handled above");
            }
        }
        return List.of(out);
    }

    private Drift converge(Drift d, Set<UUID> reconverged, String actor) {
        if (reconverged.contains(d.workspaceId())) {
            return d.outcome(true, "Covered by converging the workspace again");
        }
        Optional<Workspace> current = engine.find(d.workspaceId());
        if (current.isEmpty()) {
            return d.outcome(false, "Skipped: the workspace is gone");
        }
        WorkspaceState state = d.correctedState() != null ? d.correctedState()
                : WorkspaceEngine.transitionalFor(current.get());
        if (!engine.reconverge(d.workspaceId(), d.generation(), state, reason(d))) {
            return d.outcome(false, changedMeanwhile());
        }
        reconverged.add(d.workspaceId());
        String action = "Had the engine converge the workspace again (now " + state + ")";
        repaired(d, actor, action);
        return d.outcome(true, action);
    }

    private Drift correct(Drift d, String actor) {
        if (!engine.correctState(d.workspaceId(), d.generation(), d.correctedState(), reason(d))) {
            return d.outcome(false, changedMeanwhile());
        }
        String action = "Recorded the state " + d.correctedState();
        repaired(d, actor, action);
        return d.outcome(true, action);
    }

    private Drift reapply(WorkspaceReconciler reconciler, Drift d, Set<UUID> reapplied, String actor) {
        Optional<Workspace> current = engine.find(d.workspaceId());
        if (current.isEmpty() || current.get().generation() != d.generation()
                || engine.withJobs().contains(d.workspaceId())) {
            return d.outcome(false, changedMeanwhile());
        }
        String action = reconciler.repair(d, current);
        reapplied.add(d.workspaceId());
        repaired(d, actor, action);
        return d.outcome(true, action);
    }

    private Drift delete(WorkspaceReconciler reconciler, Drift d, Set<String> confirmed, String actor) {
        if (!confirmed.contains(key(d))) {
            return d.outcome(false, "Skipped: no longer an orphan on a second look");
        }
        String action = reconciler.repair(d, Optional.empty());
        audit.record(actor, DELETE, d.resource(), Outcome.SUCCESS, clip(d.detail() + " " + action));
        return d.outcome(true, action);
    }

    /** The orphans a fresh inspection finds right now: only those are deleted. */
    private Set<String> orphansNow(WorkspaceReconciler reconciler) {
        Set<String> keys = new HashSet<>();
        for (Drift d : reconciler.inspect(scope(reconciler.kind())).drifts()) {
            if (d.type() == DriftType.ORPHAN) {
                keys.add(key(d));
            }
        }
        return keys;
    }

    private static String key(Drift d) {
        return d.resource() + "\n" + d.target() + "\n" + d.workspaceId();
    }

    private Drift guarded(Drift d, String actor, java.util.function.Supplier<Drift> repair) {
        try {
            return repair.get();
        } catch (OnrampException e) {
            failed(d, actor, e.getMessage());
            return d.outcome(false, "Failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Reconcile could not repair %s %s", d.type(), d.resource());
            failed(d, actor, "unexpected error");
            return d.outcome(false, "Failed: an unexpected error (logged); the next reconcile tries again");
        }
    }

    private void repaired(Drift d, String actor, String action) {
        audit.record(actor, REPAIR, d.workspaceId() == null ? d.resource() : d.workspaceId().toString(),
                Outcome.SUCCESS, clip(d.type() + " " + d.resource() + ": " + action));
        if (d.workspaceId() != null && engine.find(d.workspaceId()).isPresent()) {
            events.record("reconcile", d.type().name(), d.workspaceId(), d.owner(), clip(d.detail() + " " + action + "."));
        }
    }

    private void failed(Drift d, String actor, String message) {
        audit.record(actor, d.remedy() == Remedy.DELETE_ORPHAN ? DELETE : REPAIR,
                d.workspaceId() == null || d.remedy() == Remedy.DELETE_ORPHAN ? d.resource() : d.workspaceId().toString(),
                Outcome.FAILED, clip(d.type() + " " + d.resource() + ": " + message));
    }

    private static String reason(Drift d) {
        return clip("Reconcile: " + d.detail());
    }

    private static String clip(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON);
    }

    private static String changedMeanwhile() {
        return "Skipped: the workspace changed meanwhile or the engine is at it; the next reconcile looks again";
    }

    private static String leftAlone() {
        return "Left alone: orphans are deleted only by reconcile(input: {deleteOrphans: true, dryRun: false})";
    }

    private static String reportedOnly() {
        return "Reported only: a person has to decide";
    }

    private static void requireKind(WorkspaceKind kind) {
        if (kind == null) {
            throw OnrampException.badInput("Name the kind of workspaces to reconcile: POD or VM.");
        }
    }
}
