package io.onramp.core.reconcile;

/** What kind of difference a reconcile found between what a function owns and what the database says. */
public enum DriftType {
    /** A pod workspace's namespace is gone (or being deleted) while the workspace should exist. */
    MISSING_NAMESPACE,
    /** One of a pod workspace's guardrails (quota, LimitRange, NetworkPolicy, RoleBinding) is gone. */
    MISSING_GUARDRAIL,
    /** A guardrail (or the namespace's Pod Security labels) differs from what the blueprint renders. */
    CHANGED_GUARDRAIL,
    /** A VM workspace's Exoscale instance is gone while the workspace should exist. */
    MISSING_INSTANCE,
    /**
     * What runs differs from the recorded state: a VM stopped or started outside Onramp, code-server scaled to zero
     * or gone in a running workspace, workloads running in a paused one, a VM in state error, a changed address.
     */
    STATE_MISMATCH,
    /** A workspace short of its desired state that nothing is working on (FAILED, or its job is gone). */
    UNFINISHED,
    /** Something labelled as Onramp's that no live workspace owns: deleted only when asked. */
    ORPHAN
}
