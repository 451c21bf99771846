package io.onramp.core.reconcile;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.onramp.core.workspace.DesiredState;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.WorkspaceState;

/**
 * What a {@link WorkspaceReconciler} compares against: the kind's workspaces that are not deleted, which of them the
 * engine is working on, a look-up of any row by id (to tell an orphan of a deleted workspace from one without any
 * row), and the zones the kind's workspaces were made in.
 */
public final class ReconcileScope {

    private final List<Workspace> live;
    private final Set<UUID> busy;
    private final Function<UUID, Optional<Workspace>> lookup;
    private final Set<String> zones;

    public ReconcileScope(List<Workspace> live, Set<UUID> busy, Function<UUID, Optional<Workspace>> lookup,
            Set<String> zones) {
        this.live = List.copyOf(live);
        this.busy = Set.copyOf(busy);
        this.lookup = lookup;
        this.zones = Set.copyOf(zones);
    }

    /** The kind's workspaces whose state is not DELETED, oldest first (those being deleted included). */
    public List<Workspace> live() {
        return live;
    }

    /** True while the engine has a job for the workspace: its resources are in flux, so they are not judged. */
    public boolean busy(Workspace w) {
        return busy.contains(w.id());
    }

    /** Not busy, and in the state it should be in. */
    public static boolean settled(Workspace w) {
        return w.state() == w.desiredState().reached();
    }

    /**
     * The remedy for drift found on an idle workspace: {@code whenSettled} if it is in its desired state; else
     * (FAILED) converging again when it gave up on errors that may pass, nothing when it was refused for good.
     */
    public Remedy remedy(Workspace w, Remedy whenSettled) {
        if (settled(w)) {
            return whenSettled;
        }
        return retryable(w) ? Remedy.CONVERGE : Remedy.NONE;
    }

    /** An unfinished idle workspace that converging again may finish. */
    static boolean retryable(Workspace w) {
        return w.state() != WorkspaceState.FAILED || WorkspaceEngine.gaveUp(w);
    }

    /** Should exist (desired RUNNING or PAUSED). */
    public static boolean wanted(Workspace w) {
        return w.desiredState() != DesiredState.DELETED;
    }

    /** Any row of that id, deleted ones included. */
    public Optional<Workspace> row(UUID id) {
        return lookup.apply(id);
    }

    /** Zones the kind's workspaces (deleted ones included) were made in. */
    public Set<String> zones() {
        return zones;
    }
}
