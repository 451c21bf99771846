package io.onramp.edge.reconcile;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.reconcile.ReconcileService;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.edge.auth.Callers;

/**
 * The reconcile operations for the current HTTP caller, behind both GraphQL and the function routes: the same
 * admin check (refusals audited), the same defaults (a dry run, orphans kept) and the same errors.
 */
@ApplicationScoped
public class ReconcileOperations {

    private final ReconcileService reconcile;
    private final Callers callers;

    public ReconcileOperations(ReconcileService reconcile, Callers callers) {
        this.reconcile = reconcile;
        this.callers = callers;
    }

    public DriftReportView drift(WorkspaceKind kind, Boolean fresh) {
        return DriftReportView.of(reconcile.drift(callers.current(), kind, Boolean.TRUE.equals(fresh)));
    }

    public DriftReportView reconcile(WorkspaceKind kind, Boolean dryRun, Boolean deleteOrphans) {
        return DriftReportView.of(reconcile.reconcile(callers.current(), kind, !Boolean.FALSE.equals(dryRun),
                Boolean.TRUE.equals(deleteOrphans)));
    }
}
