package io.onramp.labs;

/** Runtime states a {@code status} check asks for, each for one kind (content/README.md section 4.5). */
public enum RuntimeStatus {
    POD_READY(ResourceKind.POD),
    DEPLOYMENT_AVAILABLE(ResourceKind.DEPLOYMENT),
    STATEFULSET_READY(ResourceKind.STATEFUL_SET),
    PVC_BOUND(ResourceKind.PERSISTENT_VOLUME_CLAIM),
    JOB_SUCCEEDED(ResourceKind.JOB);

    private final ResourceKind kind;

    RuntimeStatus(ResourceKind kind) {
        this.kind = kind;
    }

    public ResourceKind kind() {
        return kind;
    }
}
