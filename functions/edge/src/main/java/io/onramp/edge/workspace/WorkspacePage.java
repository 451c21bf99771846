package io.onramp.edge.workspace;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.edge.platform.PageInfo;

/** One page of workspaces, oldest first. */
public record WorkspacePage(@NonNull List<@NonNull WorkspaceView> nodes, @NonNull PageInfo pageInfo) {
}
