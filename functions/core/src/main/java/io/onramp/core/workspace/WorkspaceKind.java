package io.onramp.core.workspace;

import io.onramp.core.deploy.FunctionGroup;

/** What a workspace is made of: a Kubernetes namespace (POD) or an Exoscale instance (VM). */
public enum WorkspaceKind {
    POD(FunctionGroup.PODS),
    VM(FunctionGroup.VMS);

    private final FunctionGroup group;

    WorkspaceKind(FunctionGroup group) {
        this.group = group;
    }

    /** The function group that drives workspaces of this kind (holds its rights and runs its jobs). */
    public FunctionGroup group() {
        return group;
    }
}
