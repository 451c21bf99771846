package io.onramp.edge.workspace;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.core.event.WorkspaceEvent;

/** Something that happened to a workspace, e.g. a Coder warning (out of disk, marked for deletion). */
@Name("WorkspaceEvent")
public record WorkspaceEventView(@NonNull @Id String id, @NonNull Instant at, @NonNull String source,
        @NonNull String kind, String message) {

    public static WorkspaceEventView of(WorkspaceEvent e) {
        return new WorkspaceEventView(Long.toString(e.id()), e.at(), e.source(), e.kind(), e.message());
    }
}
