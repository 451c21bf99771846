package io.onramp.pods.blueprint;

/** Label and annotation keys Onramp puts on the objects it creates. */
public final class BlueprintLabels {

    /** Label on every object: {@value #MANAGED_BY_VALUE}. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "onramp";
    /** Label on the code-server objects and pods: {@code code-server}. */
    public static final String NAME = "app.kubernetes.io/name";
    public static final String COMPONENT = "app.kubernetes.io/component";
    /** Label (namespace): the label-safe owner; annotation (namespace): the owner as given. */
    public static final String OWNER = "onramp.io/owner";
    /** Label on every object: the workspace id. */
    public static final String WORKSPACE_ID = "onramp.io/workspace-id";
    /** Label {@code "true"} on the objects re-applied on resume (NetworkPolicies, quota, LimitRange, RoleBinding). */
    public static final String GUARDRAIL = "onramp.io/guardrail";
    /** Annotation (namespace): the Coder workspace id, when the workspace belongs to Coder. */
    public static final String CODER_WORKSPACE_ID = "onramp.io/coder-workspace-id";
    /** Annotation (namespace, Deployment, ConfigMap): the lab name. */
    public static final String LAB = "onramp.io/lab";
    /** Annotation (code-server pod template): SHA-256 of the lab files, so a changed lab restarts the IDE. */
    public static final String LAB_CHECKSUM = "onramp.io/lab-checksum";
    /** Annotation (namespace): {@code "true"} while the workspace is paused by {@link WorkloadPauser}. */
    public static final String PAUSED = "onramp.io/paused";
    /** Annotation (Deployment, StatefulSet): the replica count before {@link WorkloadPauser#pause}. */
    public static final String PAUSED_REPLICAS = "onramp.io/paused-replicas";
    /** Annotation (CronJob): {@code spec.suspend} before {@link WorkloadPauser#pause}. */
    public static final String PAUSED_SUSPEND = "onramp.io/paused-suspend";

    public static final String POD_SECURITY_PREFIX = "pod-security.kubernetes.io/";
    public static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    private BlueprintLabels() {
    }
}
