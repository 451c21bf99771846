package io.onramp.core.reconcile;

/**
 * How far a reconcile goes: a dry run changes nothing; otherwise safe drift is repaired, and orphans are deleted
 * only with {@code deleteOrphans}.
 */
public record ReconcileOptions(boolean dryRun, boolean deleteOrphans) {

    /** Look only. */
    public static final ReconcileOptions DRY_RUN = new ReconcileOptions(true, false);
    /** What the scheduled duties do: repair safe drift, never delete orphans. */
    public static final ReconcileOptions REPAIR_SAFE = new ReconcileOptions(false, false);

    public boolean deletes() {
        return deleteOrphans && !dryRun;
    }
}
