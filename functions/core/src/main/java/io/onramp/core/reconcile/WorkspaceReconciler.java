package io.onramp.core.reconcile;

import java.util.Optional;

import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;

/**
 * The reconcile port of one workspace kind, implemented by its function module (pods, VMs) and found through CDI:
 * compares what the function owns (namespaces, instances, labelled as Onramp's) with the database, and performs the
 * repairs only it knows how to do. {@link ReconcileService} decides what is repaired; converging again and
 * correcting states are core's.
 */
public interface WorkspaceReconciler {

    WorkspaceKind kind();

    /**
     * Looks, never changes anything. Busy workspaces ({@link ReconcileScope#busy}) are not judged; resources of
     * live workspaces are never reported as orphans.
     */
    Inspection inspect(ReconcileScope scope);

    /**
     * Performs a {@link Remedy#REAPPLY} or {@link Remedy#DELETE_ORPHAN} found by {@link #inspect}, idempotently:
     * a REAPPLY repairs everything of that workspace that is re-applied in place (it is called once per workspace
     * and run); an orphan already gone counts as deleted; one whose labels changed since the inspection is left
     * alone (throw CONFLICT).
     *
     * @param current the workspace as it is now (REAPPLY), empty for orphans
     * @return what was done, for the report and the audit log
     */
    String repair(Drift drift, Optional<Workspace> current);
}
