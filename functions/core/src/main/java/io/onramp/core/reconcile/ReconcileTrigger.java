package io.onramp.core.reconcile;

/** What started a reconcile run. */
public enum ReconcileTrigger {
    /** The scheduled duty ({@code pods.reconcile}, {@code vms.reconcile}): repairs safe drift, never deletes orphans. */
    SCHEDULE,
    /** An admin's {@code reconcile} mutation. */
    ADMIN,
    /** An admin's {@code drift} query asking for a fresh look (always a dry run). */
    QUERY
}
