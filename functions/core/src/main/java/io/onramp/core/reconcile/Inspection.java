package io.onramp.core.reconcile;

import java.util.List;

/** What a {@link WorkspaceReconciler} looked at ({@code examined}: workspaces and resources) and found. */
public record Inspection(int examined, List<Drift> drifts) {

    public Inspection {
        drifts = List.copyOf(drifts);
    }
}
