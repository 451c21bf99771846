package io.onramp.pods.blueprint;

import java.util.List;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;

/**
 * The shipped ClusterRole {@value #NAME}: what a developer may do in their own namespace for CKAD-style work. It is
 * only ever bound by the namespaced RoleBinding {@code onramp-developer}, which grants it inside that namespace only.
 *
 * <p>
 * No {@code *}, only namespaced resources, read-only on events, resourcequotas and limitranges, no {@code escalate},
 * {@code bind} or {@code impersonate}. Roles and RoleBindings are writable, but the API server's escalation check lets
 * a developer only create roles (and bind them) with permissions they already hold. Onramp's own service account must
 * hold every permission listed here (or {@code bind} on this ClusterRole) to create the RoleBinding.
 */
public final class DeveloperClusterRole {

    public static final String NAME = "onramp-developer";

    /** Full read-write verbs. */
    public static final List<String> ALL_VERBS =
            List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
    public static final List<String> READ_VERBS = List.of("get", "list", "watch");

    private DeveloperClusterRole() {
    }

    public static ClusterRole build() {
        return new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(NAME)
                .addToLabels(BlueprintLabels.MANAGED_BY, BlueprintLabels.MANAGED_BY_VALUE)
                .endMetadata()
                .withRules(rules())
                .build();
    }

    static List<PolicyRule> rules() {
        return List.of(
                rule("", ALL_VERBS, "pods", "services", "endpoints", "configmaps", "secrets",
                        "persistentvolumeclaims", "serviceaccounts"),
                rule("", List.of("get", "list", "watch"), "pods/log"),
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
    }

    private static PolicyRule rule(String group, List<String> verbs, String... resources) {
        return new PolicyRuleBuilder()
                .withApiGroups(group)
                .withResources(resources)
                .withVerbs(verbs)
                .build();
    }
}
