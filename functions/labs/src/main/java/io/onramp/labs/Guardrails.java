package io.onramp.labs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a learner's namespace allows, for the lab validator: the developer role's rules, the ResourceQuota of a
 * MEDIUM workspace, what the code-server workspace itself takes from it, the LimitRange, and the per-lab budget of
 * content/README.md section 7 invariant 6.
 *
 * <p>
 * {@link #defaults()} mirrors {@code io.onramp.pods.blueprint.DeveloperClusterRole} and
 * {@code PodsConfigs.defaults()} (MEDIUM) of onramp-pod-workspaces without depending on it at run time; the test
 * {@code GuardrailsTest} fails when the two drift apart.
 *
 * @param developerRules the developer ClusterRole's rules as trees ({@code apiGroups}, {@code resources},
 *        {@code verbs})
 * @param quota the namespace's ResourceQuota
 * @param workspace what the code-server workspace itself uses (1 pod, 1 PVC, 1 Service and its resources)
 * @param labBudget the most one lab's final state may use (null amounts: unbounded)
 * @param bindableClusterRoles ClusterRoles a lab's RoleBinding may reference (the developer holds all their rights)
 */
public record Guardrails(List<Map<String, Object>> developerRules, ResourceTotals quota, ResourceTotals workspace,
        ResourceTotals labBudget, ContainerLimits containerLimits, Set<String> bindableClusterRoles) {

    /** The LimitRange for containers: defaults for missing requests/limits and maxima. */
    public record ContainerLimits(String defaultRequestCpu, String defaultRequestMemory, String defaultLimitCpu,
            String defaultLimitMemory, String maxCpu, String maxMemory) {
    }

    public static final List<String> ALL_VERBS =
            List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
    public static final List<String> READ_VERBS = List.of("get", "list", "watch");

    public static Guardrails defaults() {
        List<Map<String, Object>> rules = List.of(
                rule("", ALL_VERBS, "pods", "services", "endpoints", "configmaps", "secrets",
                        "persistentvolumeclaims", "serviceaccounts"),
                rule("", READ_VERBS, "pods/log"),
                rule("", List.of("get", "create"), "pods/exec", "pods/portforward", "pods/attach"),
                rule("", List.of("create"), "serviceaccounts/token"),
                rule("", READ_VERBS, "events", "resourcequotas", "limitranges"),
                rule("apps", ALL_VERBS, "deployments", "replicasets", "statefulsets"),
                rule("apps", List.of("get", "update", "patch"), "deployments/scale", "replicasets/scale",
                        "statefulsets/scale"),
                rule("apps", READ_VERBS, "controllerrevisions"),
                rule("batch", ALL_VERBS, "jobs", "cronjobs"),
                rule("autoscaling", ALL_VERBS, "horizontalpodautoscalers"),
                rule("networking.k8s.io", ALL_VERBS, "ingresses", "networkpolicies"),
                rule("rbac.authorization.k8s.io", ALL_VERBS, "roles", "rolebindings"),
                rule("events.k8s.io", READ_VERBS, "events"),
                rule("discovery.k8s.io", READ_VERBS, "endpointslices"),
                rule("metrics.k8s.io", READ_VERBS, "pods"));
        return new Guardrails(rules,
                ResourceTotals.of("2", "4Gi", "4", "8Gi", "20Gi", 20, 5, 10),
                ResourceTotals.of("250m", "1Gi", "2", "2Gi", "10Gi", 1, 1, 1),
                ResourceTotals.of("1200m", "1.5Gi", null, null, null, 12, 3, -1),
                new ContainerLimits("100m", "128Mi", "500m", "512Mi", "2", "4Gi"),
                Set.of("onramp-developer"));
    }

    /** Whether the developer may do {@code verb} on {@code group/resource} in their namespace. */
    public boolean developerMay(String verb, String group, String resource, String subresource) {
        for (Map<String, Object> r : developerRules) {
            if (RbacEvaluator.ruleGrants(r, group, resource, subresource, verb, null)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> rule(String group, List<String> verbs, String... resources) {
        return Map.of("apiGroups", List.of(group), "resources", List.of(resources), "verbs", verbs);
    }
}
