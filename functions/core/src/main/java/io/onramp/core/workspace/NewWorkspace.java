package io.onramp.core.workspace;

import java.util.Map;

/**
 * A validated request for a new workspace, built by the function of its kind. {@code onePerOwner} makes the owner's
 * live workspace of this kind the answer to a second create (pod workspaces: the namespace is the workspace).
 */
public record NewWorkspace(
        WorkspaceKind kind,
        String owner,
        String namespace,
        String url,
        String lab,
        String coderWorkspaceId,
        String zone,
        Map<String, String> spec,
        boolean onePerOwner) {

    public NewWorkspace {
        spec = spec == null ? Map.of() : Map.copyOf(spec);
    }
}
