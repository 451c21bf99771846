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
        @NonNull @Description("Whether Exoscale credentials are configured for VM workspaces.") ExoscaleStatus exoscale) {

    public enum ExoscaleStatus {
        CONFIGURED,
        NOT_CONFIGURED
    }
}
