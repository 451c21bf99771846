package io.onramp.core.reconcile;

import java.util.UUID;

import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;

/**
 * One difference between what a function owns and the database, and what the reconcile did about it.
 *
 * @param kind the workspace kind whose function owns the resource
 * @param workspaceId the workspace concerned: the row's id, or the id an orphan's label names (may be null)
 * @param owner the workspace's owner, if known
 * @param resource what drifted, e.g. {@code NetworkPolicy onramp-alice/onramp-default-deny} or
 *        {@code Instance ch-gva-2/0b0f...}
 * @param type what kind of difference
 * @param detail what was found, for a person
 * @param remedy how it is repaired
 * @param correctedState for {@link Remedy#CONVERGE} and {@link Remedy#CORRECT_STATE}: the observed state to record
 * @param generation the workspace's generation when it was inspected (repairs skip a workspace changed since)
 * @param target the kind's handle for the repair (namespace name, {@code zone/instance-id}); not for display
 * @param repaired whether the reconcile repaired (or deleted) it
 * @param action what was done, or in a dry run what would be done
 */
public record Drift(
        WorkspaceKind kind,
        UUID workspaceId,
        String owner,
        String resource,
        DriftType type,
        String detail,
        Remedy remedy,
        WorkspaceState correctedState,
        long generation,
        String target,
        boolean repaired,
        String action) {

    /** Drift of a workspace's resource. */
    public static Drift of(Workspace w, String resource, DriftType type, String detail, Remedy remedy) {
        return new Drift(w.kind(), w.id(), w.owner(), resource, type, detail, remedy, null, w.generation(), null, false,
                null);
    }

    /** Something labelled as Onramp's that no live workspace owns. */
    public static Drift orphan(WorkspaceKind kind, UUID workspaceId, String owner, String resource, String detail,
            String target) {
        return new Drift(kind, workspaceId, owner, resource, DriftType.ORPHAN, detail, Remedy.DELETE_ORPHAN, null, 0,
                target, false, null);
    }

    /** The same drift, repaired by recording {@code state} as observed (and converging, for CONVERGE). */
    public Drift correcting(WorkspaceState state) {
        return new Drift(kind, workspaceId, owner, resource, type, detail, remedy, state, generation, target, repaired,
                action);
    }

    public Drift withTarget(String handle) {
        return new Drift(kind, workspaceId, owner, resource, type, detail, remedy, correctedState, generation, handle,
                repaired, action);
    }

    public Drift withRemedy(Remedy other) {
        return new Drift(kind, workspaceId, owner, resource, type, detail, other, correctedState, generation, target,
                repaired, action);
    }

    /** The outcome of the reconcile for this drift. */
    public Drift outcome(boolean done, String what) {
        return new Drift(kind, workspaceId, owner, resource, type, detail, remedy, correctedState, generation, target,
                done, what);
    }
}
