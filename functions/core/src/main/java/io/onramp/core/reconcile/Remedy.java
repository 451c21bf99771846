package io.onramp.core.reconcile;

/** How a reconcile repairs a {@link Drift}. */
public enum Remedy {
    /** Have the engine converge the workspace again (its driver re-applies, starts, stops what is needed). */
    CONVERGE,
    /** Re-apply in place (the pod workspace's guardrails), without touching the workspace's state. */
    REAPPLY,
    /** Record the state actually observed (e.g. FAILED for a VM in state error). */
    CORRECT_STATE,
    /** Delete the orphan: only with {@code deleteOrphans: true} and {@code dryRun: false}. */
    DELETE_ORPHAN,
    /** Reported only: a person has to decide. */
    NONE
}
