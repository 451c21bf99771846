package io.onramp.labs;

import java.util.Arrays;
import java.util.Optional;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The kinds a check may select (content/README.md section 3) and the API version the grader reads them through,
 * whatever version the learner created them with.
 */
public enum ResourceKind {
    POD("", "v1", "Pod", "pods"),
    SERVICE("", "v1", "Service", "services"),
    CONFIG_MAP("", "v1", "ConfigMap", "configmaps"),
    SECRET("", "v1", "Secret", "secrets"),
    SERVICE_ACCOUNT("", "v1", "ServiceAccount", "serviceaccounts"),
    PERSISTENT_VOLUME_CLAIM("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims"),
    ENDPOINTS("", "v1", "Endpoints", "endpoints"),
    EVENT("", "v1", "Event", "events"),
    DEPLOYMENT("apps", "v1", "Deployment", "deployments"),
    REPLICA_SET("apps", "v1", "ReplicaSet", "replicasets"),
    STATEFUL_SET("apps", "v1", "StatefulSet", "statefulsets"),
    JOB("batch", "v1", "Job", "jobs"),
    CRON_JOB("batch", "v1", "CronJob", "cronjobs"),
    HORIZONTAL_POD_AUTOSCALER("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers"),
    INGRESS("networking.k8s.io", "v1", "Ingress", "ingresses"),
    NETWORK_POLICY("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies"),
    ROLE("rbac.authorization.k8s.io", "v1", "Role", "roles"),
    ROLE_BINDING("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings"),
    POD_DISRUPTION_BUDGET("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets");

    private final String group;
    private final String version;
    private final String kind;
    private final String plural;

    ResourceKind(String group, String version, String kind, String plural) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
    }

    /** API group, {@code ""} for core. */
    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    /** {@code apps/v1}, {@code v1}, ... */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The kind as written in manifests: {@code Deployment}. */
    public String kind() {
        return kind;
    }

    /** The plural resource name: {@code deployments}. */
    public String plural() {
        return plural;
    }

    /** Kinds whose objects have a pod spec (relations MOUNTS_*, ENV_FROM_*, USES_SERVICE_ACCOUNT). */
    public boolean hasPodSpec() {
        return this == POD || this == DEPLOYMENT || this == REPLICA_SET || this == STATEFUL_SET || this == JOB
                || this == CRON_JOB;
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }

    /** The kind for a manifest kind name ({@code Deployment}); empty for kinds checks cannot select. */
    public static Optional<ResourceKind> of(String kind) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
    }

    @Override
    public String toString() {
        return kind;
    }
}
