package io.onramp.labs;

import java.util.EnumSet;
import java.util.Set;

/** Relations between a selected object and others (content/README.md section 4.4). */
public enum RelationType {
    SELECTS_PODS,
    MOUNTS_CONFIGMAP,
    MOUNTS_SECRET,
    MOUNTS_PVC,
    ENV_FROM_CONFIGMAP,
    ENV_FROM_SECRET,
    USES_SERVICE_ACCOUNT,
    BACKEND_SERVICE;

    /** The kinds the relation is defined for. */
    public Set<ResourceKind> kinds() {
        return switch (this) {
            case SELECTS_PODS -> EnumSet.of(ResourceKind.SERVICE, ResourceKind.NETWORK_POLICY,
                    ResourceKind.DEPLOYMENT, ResourceKind.REPLICA_SET, ResourceKind.STATEFUL_SET,
                    ResourceKind.POD_DISRUPTION_BUDGET);
            case BACKEND_SERVICE -> EnumSet.of(ResourceKind.INGRESS);
            default -> EnumSet.of(ResourceKind.POD, ResourceKind.DEPLOYMENT, ResourceKind.REPLICA_SET,
                    ResourceKind.STATEFUL_SET, ResourceKind.JOB, ResourceKind.CRON_JOB);
        };
    }

    /** Whether the relation needs {@code name}. */
    public boolean needsName() {
        return this != SELECTS_PODS;
    }
}
