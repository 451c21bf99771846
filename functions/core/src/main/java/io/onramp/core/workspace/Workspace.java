package io.onramp.core.workspace;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A developer's workspace as stored: the desired state the owner asked for, the state observed by the engine, and
 * the kind-specific facts (namespace and URL for pods; zone, instance and address for VMs). {@code spec} holds the
 * kind-specific input the driver needs (image, size, instance type, ...); {@code generation} grows with every change
 * of the desired state; {@code readyAt} is when it first ran.
 */
public record Workspace(
        UUID id,
        long seq,
        String owner,
        WorkspaceKind kind,
        WorkspaceState state,
        DesiredState desiredState,
        String stateReason,
        String lastError,
        String namespace,
        String url,
        String lab,
        String coderWorkspaceId,
        String zone,
        String instanceId,
        String publicIp,
        Map<String, String> spec,
        long generation,
        Instant createdAt,
        Instant updatedAt,
        Instant readyAt) {

    public Workspace {
        spec = spec == null ? Map.of() : Map.copyOf(spec);
    }

    public String spec(String key) {
        return spec.get(key);
    }

    public boolean converged() {
        return state == desiredState.reached();
    }
}
