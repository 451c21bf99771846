package io.onramp.pods.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;

class DeveloperClusterRoleTest {

    /** Cluster-scoped resources (and the namespace object itself) a developer role must never name. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("namespaces", "nodes", "persistentvolumes",
            "clusterroles", "clusterrolebindings", "storageclasses", "customresourcedefinitions",
            "priorityclasses", "validatingwebhookconfigurations", "mutatingwebhookconfigurations",
            "certificatesigningrequests", "ingressclasses", "runtimeclasses", "csidrivers", "csinodes",
            "volumeattachments", "apiservices", "tokenreviews", "subjectaccessreviews", "selfsubjectreviews",
            "componentstatuses", "podsecuritypolicies", "flowschemas", "prioritylevelconfigurations",
            "validatingadmissionpolicies", "validatingadmissionpolicybindings");

    private final ClusterRole role = DeveloperClusterRole.build();

    @Test
    void nameAndLabels() {
        assertEquals("onramp-developer", role.getMetadata().getName());
        assertEquals("onramp", role.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertTrue(role.getAggregationRule() == null);
    }

    @Test
    void noWildcardsNoClusterScopedResourcesNoEscalation() {
        for (PolicyRule rule : role.getRules()) {
            assertFalse(rule.getApiGroups().contains("*"), rule.toString());
            assertFalse(rule.getResources().contains("*"), rule.toString());
            assertFalse(rule.getVerbs().contains("*"), rule.toString());
            assertTrue(rule.getNonResourceURLs() == null || rule.getNonResourceURLs().isEmpty(), rule.toString());
            assertTrue(rule.getResourceNames() == null || rule.getResourceNames().isEmpty(), rule.toString());
            for (String resource : rule.getResources()) {
                assertFalse(CLUSTER_SCOPED.contains(resource.split("/")[0]), resource);
            }
            for (String verb : rule.getVerbs()) {
                assertFalse(Set.of("escalate", "bind", "impersonate").contains(verb), verb);
            }
        }
    }

    @Test
    void quotaAndLimitsAreReadOnly() {
        Map<String, Set<String>> verbs = verbs();
        assertEquals(Set.of("get", "list", "watch"), verbs.get("/resourcequotas"));
        assertEquals(Set.of("get", "list", "watch"), verbs.get("/limitranges"));
        assertEquals(Set.of("get", "list", "watch"), verbs.get("/events"));
        assertEquals(Set.of("get", "list", "watch"), verbs.get("events.k8s.io/events"));
    }

    @Test
    void ckadResourcesHaveFullVerbs() {
        Map<String, Set<String>> verbs = verbs();
        Set<String> all = Set.copyOf(DeveloperClusterRole.ALL_VERBS);
        for (String resource : List.of("/pods", "/services", "/endpoints", "/configmaps", "/secrets",
                "/persistentvolumeclaims", "/serviceaccounts", "apps/deployments", "apps/replicasets",
                "apps/statefulsets", "batch/jobs", "batch/cronjobs", "autoscaling/horizontalpodautoscalers",
                "networking.k8s.io/ingresses", "networking.k8s.io/networkpolicies", "rbac.authorization.k8s.io/roles",
                "rbac.authorization.k8s.io/rolebindings")) {
            assertEquals(all, verbs.get(resource), resource);
        }
        assertTrue(verbs.get("/pods/exec").contains("create"));
        assertTrue(verbs.get("/pods/portforward").contains("create"));
        assertTrue(verbs.get("/pods/attach").contains("create"));
        assertTrue(verbs.get("/pods/log").contains("get"));
        assertTrue(verbs.get("/serviceaccounts/token").contains("create"));
        assertTrue(verbs.get("apps/deployments/scale").contains("update"));
        assertTrue(verbs.get("apps/statefulsets/scale").contains("patch"));
    }

    private Map<String, Set<String>> verbs() {
        Map<String, Set<String>> out = new HashMap<>();
        for (PolicyRule rule : role.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    out.computeIfAbsent(group + "/" + resource, k -> new HashSet<>()).addAll(rule.getVerbs());
                }
            }
        }
        return out;
    }
}
