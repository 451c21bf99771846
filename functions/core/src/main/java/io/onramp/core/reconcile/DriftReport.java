package io.onramp.core.reconcile;

import java.time.Instant;
import java.util.List;

import io.onramp.core.workspace.WorkspaceKind;

/**
 * One reconcile run of one kind: what it examined, the drift it found and what it did about each.
 *
 * @param id the stored report's id (0 before it is stored)
 * @param actor who ran it (an admin, or {@code duty:<name>})
 */
public record DriftReport(long id, WorkspaceKind kind, Instant at, ReconcileTrigger trigger, String actor,
        boolean dryRun, boolean deleteOrphans, int examined, List<Drift> drifts) {

    public DriftReport {
        drifts = List.copyOf(drifts);
    }

    /** How many drifts were repaired (orphans deleted included). */
    public int repaired() {
        return (int) drifts.stream().filter(Drift::repaired).count();
    }

    /** How many orphans were deleted. */
    public int deleted() {
        return (int) drifts.stream().filter(d -> d.repaired() && d.remedy() == Remedy.DELETE_ORPHAN).count();
    }

    DriftReport stored(long storedId) {
        return new DriftReport(storedId, kind, at, trigger, actor, dryRun, deleteOrphans, examined, drifts);
    }
}
