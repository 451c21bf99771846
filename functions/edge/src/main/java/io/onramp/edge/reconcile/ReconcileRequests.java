package io.onramp.edge.reconcile;

import io.onramp.core.workspace.WorkspaceKind;

/** Inputs of the reconcile functions (Funqy takes one bean per function). */
public final class ReconcileRequests {

    private ReconcileRequests() {
    }

    /** {@code {"kind": "POD", "fresh": false}} */
    public static class DriftRequest {
        public WorkspaceKind kind;
        public Boolean fresh;
    }

    /** {@code {"kind": "POD", "dryRun": true, "deleteOrphans": false}}: a dry run unless told otherwise. */
    public static class ReconcileRequest {
        public WorkspaceKind kind;
        public Boolean dryRun;
        public Boolean deleteOrphans;
    }
}
