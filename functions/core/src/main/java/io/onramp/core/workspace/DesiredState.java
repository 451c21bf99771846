package io.onramp.core.workspace;

/** What the owner asked for; the engine converges the observed state towards it. */
public enum DesiredState {
    RUNNING,
    PAUSED,
    DELETED;

    /** The state a workspace is in once it has converged. */
    public WorkspaceState reached() {
        return switch (this) {
            case RUNNING -> WorkspaceState.RUNNING;
            case PAUSED -> WorkspaceState.PAUSED;
            case DELETED -> WorkspaceState.DELETED;
        };
    }
}
