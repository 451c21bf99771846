package io.onramp.edge.workspace;

import org.eclipse.microprofile.graphql.NonNull;

/** The IDE password of one workspace; only ever returned by revealAccessPassword, which is audited. */
public record AccessPassword(@NonNull String workspaceId, @NonNull String password) {
}
