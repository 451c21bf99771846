package io.onramp.core.deploy;

/**
 * The function groups Onramp is made of. All-in-one runs every group in one process; a split deployment runs one
 * group per Knative service, each with only the rights its group needs.
 */
public enum FunctionGroup {
    /** The GraphQL API: answers from the database, records desired state, calls the other groups when split. */
    GATEWAY,
    /** Pod workspaces: the only group that may create namespaces and bind the developer role. */
    PODS,
    /** VM workspaces: the only group holding the Exoscale keys. */
    VMS,
    /** Labs: reads, resets and seeds tenant namespaces for grading and exams. */
    LABS,
    /** The receiver of Coder's workspace-event webhooks. */
    CODER
}
