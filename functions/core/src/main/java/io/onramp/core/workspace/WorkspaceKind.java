package io.onramp.core.workspace;

/** What a workspace is made of: a Kubernetes namespace (POD) or an Exoscale instance (VM). */
public enum WorkspaceKind {
    POD,
    VM
}
