package io.onramp.core.workspace;

/** The observed state of a workspace. Transitional states end in -ING; FAILED carries a reason and the last error. */
public enum WorkspaceState {
    PROVISIONING,
    RUNNING,
    PAUSING,
    PAUSED,
    RESUMING,
    DELETING,
    DELETED,
    FAILED;

    public boolean terminal() {
        return this == RUNNING || this == PAUSED || this == DELETED || this == FAILED;
    }
}
