package io.onramp.edge.workspace;

import java.util.List;

import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;

/** Inputs of the shared workspace functions (Funqy takes one bean per function). */
public final class WorkspaceRequests {

    private WorkspaceRequests() {
    }

    /** {@code {"id": "..."}} */
    public static class ById {
        public String id;
    }

    /** Filters for {@code workspaces}; all optional. */
    public static class Filter {
        public String owner;
        public WorkspaceState state;
        public WorkspaceKind kind;
        public Integer first;
        public String after;
    }

    /** {@code {"owner": "..."}} */
    public static class ByOwner {
        public String owner;
    }

    /** A cohort to onboard. */
    public static class Cohort {
        public List<String> owners;
        public WorkspaceKind kind;
        public String lab;
    }
}
