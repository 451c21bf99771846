package io.onramp.deployment;

import static io.onramp.deployment.Rights.grant;
import static io.onramp.deployment.Rights.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.onramp.labs.KubernetesKinds;
import io.onramp.labs.Lab;
import io.onramp.labs.LabCatalog;
import io.onramp.labs.Manifest;
import io.onramp.labs.NamespaceReset;
import io.onramp.labs.ResourceKind;
import io.onramp.pods.blueprint.BlueprintInput;
import io.onramp.pods.blueprint.BlueprintLabels;
import io.onramp.pods.blueprint.DeveloperClusterRole;
import io.onramp.pods.blueprint.NamespaceBlueprint;
import io.onramp.pods.blueprint.PodsConfig;
import io.onramp.pods.blueprint.PodsConfigs;
import io.onramp.pods.blueprint.Size;

/**
 * Least privilege: every function holds exactly the rights in the table below, the table is checked against what the
 * code does, and nothing uses wildcards or can escalate.
 */
class FunctionRightsTest {

    static final String NS = Kustomization.NAMESPACE;
    static final String RBAC = "rbac.authorization.k8s.io";
    static final String NET = "networking.k8s.io";

    /** The rights each function needs, and nothing more. Change it only together with the code. */
    static final Map<String, Rights> TABLE = new LinkedHashMap<>();

    static {
        List<String> policies = List.of("onramp-default-deny", "onramp-allow-dns", "onramp-allow-api-server",
                "onramp-allow-platform-egress", "onramp-allow-internet-egress", "onramp-allow-same-namespace",
                "onramp-allow-ide-ingress");
        List<Rights.Grant> pods = new ArrayList<>();
        pods.addAll(grant("", "namespaces", "get,list,create,update,patch,delete"));
        // list: reconcile's inventory of guardrails (PodInventory) across namespaces
        pods.addAll(grant("", "resourcequotas", "list,create"));
        pods.addAll(named("", "resourcequotas", "onramp-quota", "get,update"));
        pods.addAll(grant("", "limitranges", "list,create"));
        pods.addAll(named("", "limitranges", "onramp-limits", "get,update"));
        pods.addAll(grant("", "configmaps", "get,create,update"));
        pods.addAll(grant("", "serviceaccounts", "create"));
        pods.addAll(named("", "serviceaccounts", "developer", "get,update"));
        pods.addAll(grant("", "secrets", "create"));
        pods.addAll(named("", "secrets", "code-server", "get,update"));
        pods.addAll(grant("", "persistentvolumeclaims", "create"));
        pods.addAll(named("", "persistentvolumeclaims", "code-server-home", "get,update"));
        pods.addAll(grant("", "services", "create"));
        pods.addAll(named("", "services", "code-server", "get,update"));
        pods.addAll(grant("", "pods", "list"));
        pods.addAll(grant("apps", "deployments", "get,list,create,patch"));
        pods.addAll(named("apps", "deployments", "code-server", "update"));
        pods.addAll(grant("apps", "statefulsets", "get,list,patch"));
        pods.addAll(grant("batch", "cronjobs", "get,list,patch"));
        pods.addAll(grant(NET, "networkpolicies", "list,create,delete"));
        policies.forEach(p -> pods.addAll(named(NET, "networkpolicies", p, "get,update")));
        pods.addAll(grant(NET, "ingresses", "create"));
        pods.addAll(named(NET, "ingresses", "code-server", "get,update"));
        pods.addAll(grant(RBAC, "rolebindings", "list,create"));
        pods.addAll(named(RBAC, "rolebindings", "onramp-developer", "get,update,delete"));
        pods.addAll(named(RBAC, "clusterroles", "onramp-developer", "get,bind"));
        TABLE.put("onramp-pods", Rights.table(pods));

        List<Rights.Grant> labs = new ArrayList<>();
        for (String r : List.of("pods", "services")) {
            labs.addAll(grant("", r, "list,create,delete"));
        }
        for (String r : List.of("configmaps", "secrets", "serviceaccounts", "persistentvolumeclaims")) {
            labs.addAll(grant("", r, "list,delete"));
        }
        labs.addAll(grant("", "endpoints", "list"));
        labs.addAll(grant("", "events", "list"));
        labs.addAll(grant("apps", "deployments", "list,create,delete"));
        labs.addAll(grant("apps", "replicasets", "list,delete"));
        labs.addAll(grant("apps", "statefulsets", "list,delete"));
        labs.addAll(grant("batch", "jobs", "list,delete"));
        labs.addAll(grant("batch", "cronjobs", "list,delete"));
        labs.addAll(grant("autoscaling", "horizontalpodautoscalers", "list,delete"));
        labs.addAll(grant(NET, "ingresses", "list,delete"));
        labs.addAll(grant(NET, "networkpolicies", "list,delete"));
        labs.addAll(grant(RBAC, "roles", "list,delete"));
        labs.addAll(grant(RBAC, "rolebindings", "list,delete"));
        labs.addAll(grant("policy", "poddisruptionbudgets", "list"));
        labs.addAll(grant("authorization.k8s.io", "subjectaccessreviews", "create"));
        TABLE.put("onramp-labs", Rights.table(labs));

        // no Kubernetes rights at all
        TABLE.put("onramp-gateway", Rights.table(List.of()));
        TABLE.put("onramp-vms", Rights.table(List.of()));
        TABLE.put("onramp-coder", Rights.table(List.of()));
    }

    final Kustomization k = Kustomization.load();

    @Test
    void everyFunctionHoldsExactlyTheRightsOfTheTable() {
        assertEquals(new TreeSet<>(Functions.SERVICES.values()), new TreeSet<>(TABLE.keySet()));
        TABLE.forEach((sa, expected) -> {
            Rights actual = Rights.of(k, NS, sa);
            Set<Rights.Grant> extra = new TreeSet<>(actual.grants());
            extra.removeAll(expected.grants());
            Set<Rights.Grant> missing = new TreeSet<>(expected.grants());
            missing.removeAll(actual.grants());
            assertTrue(extra.isEmpty(), sa + " holds rights it does not need: " + extra);
            assertTrue(missing.isEmpty(), sa + " lacks rights it needs: " + missing);
        });
    }

    @Test
    void noRoleUsesWildcards() {
        List<PolicyRule> rules = new ArrayList<>();
        k.all(ClusterRole.class).forEach(r -> {
            assertTrue(r.getAggregationRule() == null, r.getMetadata().getName() + ": no aggregation");
            rules.addAll(r.getRules());
        });
        k.all(Role.class).forEach(r -> rules.addAll(r.getRules()));
        assertFalse(rules.isEmpty());
        for (PolicyRule rule : rules) {
            for (List<String> values : List.of(nonNull(rule.getApiGroups()), nonNull(rule.getResources()),
                    nonNull(rule.getVerbs()), nonNull(rule.getResourceNames()), nonNull(rule.getNonResourceURLs()))) {
                for (String v : values) {
                    assertFalse(v.contains("*"), "wildcard in " + rule);
                }
            }
            assertTrue(nonNull(rule.getNonResourceURLs()).isEmpty(), "no non-resource URLs: " + rule);
        }
    }

    private static List<String> nonNull(List<String> l) {
        return l == null ? List.of() : l;
    }

    @Test
    void theShippedDeveloperRoleIsTheOneTheBlueprintBinds() {
        ClusterRole expected = DeveloperClusterRole.build();
        ClusterRole shipped = k.require(ClusterRole.class, DeveloperClusterRole.NAME);
        assertEquals(expected.getRules().size(), shipped.getRules().size(), "number of rules");
        for (int i = 0; i < expected.getRules().size(); i++) {
            assertEquals(expected.getRules().get(i), shipped.getRules().get(i), "rule " + (i + 1)
                    + ": knative/rbac-developer.yaml and DeveloperClusterRole differ; onramp-pods may only read it");
        }
        assertTrue(shipped.getMetadata().getLabels().entrySet().containsAll(expected.getMetadata().getLabels().entrySet()),
                "the labels BlueprintApplier.ensureClusterRole expects");
    }

    @Test
    void thePodsFunctionCanBindTheDeveloperRoleButCannotEscalate() {
        Rights pods = Rights.of(k, NS, "onramp-pods");
        for (Rights.Grant g : pods.grants()) {
            assertFalse(Set.of("escalate", "impersonate", "*").contains(g.verb()), "never " + g);
            if (g.verb().equals("bind")) {
                assertEquals(new Rights.Grant(Rights.CLUSTER, RBAC, "clusterroles", "bind", DeveloperClusterRole.NAME), g,
                        "bind only the developer ClusterRole");
            }
            if (g.group().equals(RBAC)) {
                assertTrue(Set.of("rolebindings", "clusterroles").contains(g.resource()), "no " + g);
                if (g.resource().equals("clusterroles")) {
                    assertEquals(DeveloperClusterRole.NAME, g.name(), g.toString());
                    assertTrue(Set.of("get", "bind").contains(g.verb()), "only reads and binds the shipped role: " + g);
                }
            }
        }
        // Secrets: it creates the password Secret anywhere it may write, but can read back only that one
        assertFalse(pods.allowsAnyName("get", "", "secrets"), "the pods function must not read every Secret");
        assertFalse(pods.allowsAnyName("list", "", "secrets"));
        assertTrue(pods.allows("get", RBAC, "clusterroles", DeveloperClusterRole.NAME, null),
                "BlueprintApplier.ensureClusterRole reads the shipped role");
    }

    /** Every object the namespace blueprint renders can be read, created and updated under its name. */
    @Test
    void thePodsFunctionCanApplyEveryObjectOfTheBlueprint() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("onramp.pods.network.api-server-cidrs", "172.18.0.2/32");
        properties.put("onramp.pods.ingress.cluster-issuer", "letsencrypt");
        properties.put("onramp.pods.rbac.bind-user", "true");
        PodsConfig config = PodsConfigs.of(properties);
        BlueprintInput input = BlueprintInput.codeServer("ws-1", "alice", Size.MEDIUM)
                .withLab("pods-and-labels", Map.of("README.md", "# lab\n"));
        List<HasMetadata> objects = NamespaceBlueprint.render(input, config, () -> "a-password-of-enough-length-123");
        Rights pods = Rights.of(k, NS, "onramp-pods");
        Set<String> kinds = new TreeSet<>();
        for (HasMetadata o : objects) {
            String group = group(o.getClass());
            String plural = HasMetadata.getPlural(o.getClass());
            String name = o.getMetadata().getName();
            String ns = o.getMetadata().getNamespace();
            kinds.add(o.getKind());
            for (String verb : List.of("get", "update")) {
                assertTrue(pods.allows(verb, group, plural, name, ns), verb + " " + o.getKind() + " " + name);
            }
            assertTrue(pods.allows("create", group, plural, null, ns), "create " + o.getKind());
        }
        assertTrue(kinds.containsAll(Set.of("Namespace", "ResourceQuota", "LimitRange", "NetworkPolicy",
                "ServiceAccount", "RoleBinding", "Secret", "ConfigMap", "PersistentVolumeClaim", "Deployment",
                "Service", "Ingress")), "the full blueprint was rendered: " + kinds);
        // BlueprintApplier: a RoleBinding whose roleRef must change is deleted and created again; stale guardrail
        // NetworkPolicies are listed and deleted
        assertTrue(pods.allows("delete", RBAC, "rolebindings", NamespaceBlueprint.ROLE_BINDING, input.namespace()));
        assertTrue(pods.allows("list", NET, "networkpolicies", null, input.namespace()));
        assertTrue(pods.allows("delete", NET, "networkpolicies", "onramp-some-old-policy", input.namespace()));
    }

    /** WorkloadPauser, CodeServerReadiness, PodWorkspaceDriver.delete, IsolationReports, reconcile. */
    @Test
    void thePodsFunctionCanPauseResumeDeleteReportAndReconcile() {
        Rights pods = Rights.of(k, NS, "onramp-pods");
        String ns = "onramp-alice";
        for (String[] workload : new String[][] {{"apps", "deployments"}, {"apps", "statefulsets"},
                {"batch", "cronjobs"}}) {
            assertTrue(pods.allows("list", workload[0], workload[1], null, ns), "list " + workload[1]);
            assertTrue(pods.allows("patch", workload[0], workload[1], "anything-the-developer-runs", ns));
            assertTrue(pods.allows("get", workload[0], workload[1], "anything-the-developer-runs", ns),
                    "re-read on conflict");
        }
        assertTrue(pods.allows("patch", "", "namespaces", ns, null), "the paused annotation");
        assertTrue(pods.allows("get", "", "namespaces", ns, null));
        assertTrue(pods.allows("delete", "", "namespaces", ns, null));
        assertTrue(pods.allows("list", "", "namespaces", null, null), "isolation report, reconcile");
        assertTrue(pods.allows("list", "", "pods", null, null), "isolation report");
        assertTrue(pods.allows("list", NET, "networkpolicies", null, null), "isolation report");
        assertTrue(pods.allows("list", "apps", "deployments", null, null), "readiness of all code-servers");
        // reconcile (PodInventory): one list per kind across namespaces
        for (String[] kind : new String[][] {{"", "namespaces"}, {NET, "networkpolicies"}, {"", "resourcequotas"},
                {"", "limitranges"}, {RBAC, "rolebindings"}, {"apps", "deployments"}, {"apps", "statefulsets"}}) {
            assertTrue(pods.allows("list", kind[0], kind[1], null, null), "reconcile lists " + kind[1]);
        }
        // what it must not do: read developers' data or run code in their pods
        assertFalse(pods.allows("get", "", "secrets", "their-own-secret", ns));
        assertFalse(pods.allows("create", "", "pods/exec", null, ns));
        assertFalse(pods.allows("delete", "", "persistentvolumeclaims", "code-server-home", ns), "homes survive");
    }

    /** Grader, RbacEvaluator, StarterApplier and NamespaceReset of functions/labs. */
    @Test
    void theLabsFunctionCanGradeStartAndReset() throws Exception {
        Rights labs = Rights.of(k, NS, "onramp-labs");
        String ns = "onramp-alice";
        for (ResourceKind kind : ResourceKind.values()) {
            assertTrue(labs.allows("list", kind.group(), kind.plural(), null, ns), "grading lists " + kind.plural());
        }
        for (ResourceKind kind : resetKinds()) {
            assertTrue(labs.allows("delete", kind.group(), kind.plural(), "created-by-the-developer", ns),
                    "exam reset deletes " + kind.plural());
        }
        assertTrue(labs.allows("create", "authorization.k8s.io", "subjectaccessreviews", null, null));
        LabCatalog catalog = LabCatalog.load(Kustomization.root().resolve("content").resolve("labs"));
        assertFalse(catalog.labs().isEmpty());
        Set<String> starterKinds = new TreeSet<>();
        for (Lab lab : catalog.labs()) {
            for (Manifest m : catalog.starter(lab.id())) {
                KubernetesKinds.KindInfo kind = KubernetesKinds.of(m.kind())
                        .orElseThrow(() -> new AssertionError("unknown kind in " + m.origin()));
                starterKinds.add(kind.kind());
                assertTrue(labs.allows("create", kind.group(), kind.plural(), null, ns),
                        m.origin() + ": startLab creates a " + m.kind());
            }
        }
        assertFalse(starterKinds.isEmpty(), "the catalog has starters");
        // creating is limited to what starters use; the labs function never writes RBAC or policies
        assertFalse(labs.allows("create", RBAC, "rolebindings", null, ns));
        assertFalse(labs.allows("create", NET, "networkpolicies", null, ns));
        assertFalse(labs.allows("update", "apps", "deployments", "anything", ns), "starters are create-only");
    }

    @SuppressWarnings("unchecked")
    static List<ResourceKind> resetKinds() throws ReflectiveOperationException {
        Field f = NamespaceReset.class.getDeclaredField("KINDS");
        f.setAccessible(true);
        return (List<ResourceKind>) f.get(null);
    }

    @Test
    void onlyThePodsFunctionCanCreateNamespacesOrBindRoles() {
        for (String sa : Functions.SERVICES.values()) {
            Rights r = Rights.of(k, NS, sa);
            boolean pods = sa.equals("onramp-pods");
            assertEquals(pods, r.allows("create", "", "namespaces", null, null), sa);
            assertEquals(pods, r.allows("bind", RBAC, "clusterroles", DeveloperClusterRole.NAME, null), sa);
        }
        assertEquals(BlueprintLabels.MANAGED_BY_VALUE, "onramp");
        k.require(Namespace.class, NS);
    }

    static String group(Class<?> type) {
        String g = HasMetadata.getGroup(type);
        return g == null ? "" : g;
    }
}
