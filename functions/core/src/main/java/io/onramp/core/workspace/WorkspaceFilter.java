package io.onramp.core.workspace;

import io.onramp.core.page.PageRequest;

/** Which workspaces to list; null fields do not filter. Oldest first. */
public record WorkspaceFilter(String owner, WorkspaceState state, WorkspaceKind kind, boolean includeDeleted,
        PageRequest page) {
}
