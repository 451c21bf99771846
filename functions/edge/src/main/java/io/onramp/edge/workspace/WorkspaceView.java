package io.onramp.edge.workspace;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.core.workspace.DesiredState;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;

/** A workspace as clients see it. VM fields stay null for pods and the other way round. Never carries a password. */
@Name("Workspace")
@Description("A developer's workspace: a Kubernetes namespace (POD) or an Exoscale VM.")
public record WorkspaceView(
        @NonNull @Id String id,
        @NonNull String owner,
        @NonNull WorkspaceKind kind,
        @NonNull @Description("What the engine observed last.") WorkspaceState state,
        @NonNull @Description("What the owner asked for; the engine converges state towards it.") DesiredState desiredState,
        @Description("Why the workspace is in its state (progress, or the reason it FAILED).") String stateReason,
        @Description("The last error met while converging, if any.") String lastError,
        @Description("The workspace's Kubernetes namespace (POD).") String namespace,
        @Description("Where the IDE answers.") String url,
        String lab,
        String coderWorkspaceId,
        @Description("Exoscale zone (VM).") String zone,
        @Description("Exoscale instance id (VM).") String instanceId,
        @Description("Public IPv4 address (VM).") String publicIp,
        @NonNull Instant createdAt,
        @NonNull Instant updatedAt) {

    public static WorkspaceView of(Workspace w) {
        return new WorkspaceView(w.id().toString(), w.owner(), w.kind(), w.state(), w.desiredState(), w.stateReason(),
                w.lastError(), w.namespace(), w.url(), w.lab(), w.coderWorkspaceId(), w.zone(), w.instanceId(),
                w.publicIp(), w.createdAt(), w.updatedAt());
    }
}
