package io.onramp.edge.platform;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.core.config.OnrampConfig.Mode;

/** What this Onramp is and what it is connected to. Open to anyone: it carries no workspace data. */
@Description("What this Onramp is and what it is connected to.")
public record About(
        @NonNull @Description("Onramp's version.") String version,
        @NonNull @Description("LOCAL (a developer's machine) or CLUSTER.") Mode mode,
        @Description("SANDBOX (the embedded API server with simulated controllers) or the Kubernetes API server URL.") @NonNull String kubernetes,
        @NonNull @Description("Whether Exoscale credentials are configured for VM workspaces.") ExoscaleStatus exoscale,
        @NonNull @Description("Controllers Onramp simulates because the sandbox API server runs none (empty on a real cluster).")
        java.util.List<@NonNull String> simulatedControllers) {

    /** What the sandbox simulates (see functions/sandbox): nothing of it happens on a real cluster's behalf. */
    public static final java.util.List<String> SANDBOX_SIMULATION = java.util.List.of(
            "Deployment -> ReplicaSet -> Pods Ready", "StatefulSet Pods Ready", "PersistentVolumeClaim Bound",
            "Job Complete", "Namespace deletion finishing", "Service Endpoints");

    public enum ExoscaleStatus {
        CONFIGURED,
        NOT_CONFIGURED
    }
}
