package io.onramp.edge.reconcile;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.reconcile.ReconcileService;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.edge.auth.Callers;
import io.onramp.edge.split.RemoteFunctions;

/**
 * The reconcile operations for the current HTTP caller, behind both GraphQL and the function routes: the same
 * admin check (refusals audited), the same defaults (a dry run, orphans kept) and the same errors.
 */
@ApplicationScoped
public class ReconcileOperations {

    private final ReconcileService reconcile;
    private final Callers callers;
    private final RemoteFunctions remote;

    public ReconcileOperations(ReconcileService reconcile, Callers callers, RemoteFunctions remote) {
        this.reconcile = reconcile;
        this.callers = callers;
        this.remote = remote;
    }

    /**
     * Stored reports are rows, read anywhere; a fresh look or a reconcile needs the cluster or Exoscale, so in a split
     * deployment it runs in the function that owns the kind (the admin's token is forwarded and checked there).
     */
    public DriftReportView drift(WorkspaceKind kind, Boolean fresh) {
        if (Boolean.TRUE.equals(fresh) && kind != null && remote.isRemote(kind.group())) {
            ReconcileRequests.DriftRequest request = new ReconcileRequests.DriftRequest();
            request.kind = kind;
            request.fresh = true;
            return remote.call(kind.group(), "drift", request, DriftReportView.class);
        }
        return DriftReportView.of(reconcile.drift(callers.current(), kind, Boolean.TRUE.equals(fresh)));
    }

    public DriftReportView reconcile(WorkspaceKind kind, Boolean dryRun, Boolean deleteOrphans) {
        if (kind != null && remote.isRemote(kind.group())) {
            ReconcileRequests.ReconcileRequest request = new ReconcileRequests.ReconcileRequest();
            request.kind = kind;
            request.dryRun = dryRun;
            request.deleteOrphans = deleteOrphans;
            return remote.call(kind.group(), "reconcile", request, DriftReportView.class);
        }
        return DriftReportView.of(reconcile.reconcile(callers.current(), kind, !Boolean.FALSE.equals(dryRun),
                Boolean.TRUE.equals(deleteOrphans)));
    }
}
