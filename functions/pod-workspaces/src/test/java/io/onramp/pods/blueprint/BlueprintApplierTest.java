package io.onramp.pods.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.sandbox.SandboxControllers;
import io.onramp.sandbox.SandboxKubernetes;

class BlueprintApplierTest {

    private static SandboxKubernetes sandbox;
    private static SandboxControllers controllers;
    private static KubernetesClient client;
    private static BlueprintApplier applier;
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @BeforeAll
    static void start() {
        sandbox = new SandboxKubernetes(0);
        controllers = new SandboxControllers(sandbox);
        client = sandbox.client();
        applier = new BlueprintApplier(client);
    }

    @AfterAll
    static void stop() {
        controllers.close();
        sandbox.close();
    }

    @Test
    void firstApplyCreatesEverythingAndTheIdeBecomesReady() {
        BlueprintInput input = Fixtures.withLab("ready");
        List<HasMetadata> objects = Fixtures.render(input);
        ApplyResult result = applier.apply(objects);
        assertEquals(objects.size(), result.createdCount());
        assertEquals(NamespaceBlueprintTest.names(objects), result.created());
        assertEquals(0, result.updatedCount() + result.unchangedCount() + result.deletedCount());
        for (HasMetadata o : objects) {
            assertNotNull(client.resource(o).get(), o.getKind());
        }

        controllers.reconcileNow();
        List<Pod> pods = client.pods().inNamespace(input.namespace())
                .withLabel("app.kubernetes.io/name", "code-server").list().getItems();
        assertEquals(1, pods.size());
        assertTrue(pods.get(0).getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        assertEquals(1, client.apps().deployments().inNamespace(input.namespace()).withName("code-server").get()
                .getStatus().getReadyReplicas());
        assertEquals("Bound", client.persistentVolumeClaims().inNamespace(input.namespace())
                .withName("code-server-home").get().getStatus().getPhase());
        assertEquals(Fixtures.PASSWORD, applier.codeServerPassword(input.namespace()).orElseThrow());
    }

    @Test
    void secondApplyChangesNothingAndKeepsThePassword() {
        BlueprintInput input = Fixtures.withLab("twice");
        applier.apply(Fixtures.render(input));
        controllers.reconcileNow();
        Map<String, String> versions = resourceVersions(Fixtures.render(input));

        List<HasMetadata> again = NamespaceBlueprint.render(input, Fixtures.config(), () -> Fixtures.OTHER_PASSWORD);
        ApplyResult second = applier.apply(again);
        assertEquals(again.size(), second.unchangedCount(), second.toString() + " updated " + second.updated());
        assertFalse(second.changed());
        assertEquals(versions, resourceVersions(again), "no writes at all");
        assertEquals(Fixtures.PASSWORD, applier.codeServerPassword(input.namespace()).orElseThrow());
        assertEquals(0, controllers.reconcileNow(), "nothing for the controllers to do either");
    }

    @Test
    void aMintedTokenReplacesTheStoredOneAndIsKeptOtherwiseWithThePassword() {
        BlueprintInput input = Fixtures.codeServer("tokens");
        applier.apply(NamespaceBlueprint.render(input, Fixtures.config(), () -> Fixtures.PASSWORD, "onramp_ws_first"));
        assertEquals("onramp_ws_first", token(input));

        ApplyResult kept = applier.apply(NamespaceBlueprint.render(input, Fixtures.config(),
                () -> Fixtures.OTHER_PASSWORD, null));
        assertFalse(kept.changed(), "no token rendered: the stored one stays, nothing is written");
        assertEquals("onramp_ws_first", token(input));

        ApplyResult rotated = applier.apply(NamespaceBlueprint.render(input, Fixtures.config(),
                () -> Fixtures.OTHER_PASSWORD, "onramp_ws_second"));
        assertEquals(List.of("Secret/code-server"), rotated.updated());
        assertEquals("onramp_ws_second", token(input));
        assertEquals(Fixtures.PASSWORD, applier.codeServerPassword(input.namespace()).orElseThrow(),
                "the password is never replaced");
    }

    private static String token(BlueprintInput input) {
        String data = client.secrets().inNamespace(input.namespace()).withName("code-server").get().getData()
                .get("onramp-token");
        return data == null ? null : new String(java.util.Base64.getDecoder().decode(data),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void applyAfterACrashAtAnyPointConverges() {
        for (int n = 0; n <= Fixtures.render(Fixtures.withLab("crash")).size(); n++) {
            BlueprintInput input = Fixtures.withLab("crash-" + n);
            List<HasMetadata> objects = NamespaceBlueprint.render(input, Fixtures.config(), () -> Fixtures.PASSWORD);
            applier.apply(objects.subList(0, n));
            controllers.reconcileNow();
            ApplyResult resumed = applier.apply(
                    NamespaceBlueprint.render(input, Fixtures.config(), () -> Fixtures.OTHER_PASSWORD));
            assertEquals(objects.size() - n, resumed.createdCount(), "n=" + n + " " + resumed.created());
            assertEquals(n, resumed.unchangedCount(), "n=" + n + " updated " + resumed.updated());
            controllers.reconcileNow();
            for (HasMetadata wanted : objects) {
                HasMetadata stored = client.resource(wanted).get();
                assertNotNull(stored, "n=" + n + " " + wanted.getKind());
                if (wanted instanceof io.fabric8.kubernetes.api.model.Secret) {
                    continue; // its password is checked below
                }
                assertTrue(JsonTrees.contains(JSON.convertValue(stored, JsonNode.class),
                        JSON.convertValue(wanted, JsonNode.class)), "n=" + n + " " + wanted.getKind());
            }
            String expectedPassword = n > objects.indexOf(Fixtures.find(objects,
                    io.fabric8.kubernetes.api.model.Secret.class, "code-server")) ? Fixtures.PASSWORD
                            : Fixtures.OTHER_PASSWORD;
            assertEquals(expectedPassword, applier.codeServerPassword(input.namespace()).orElseThrow(), "n=" + n);
            ApplyResult third = applier.apply(objects);
            assertFalse(third.changed(), "n=" + n + ": converged, but " + third.updated());
            assertEquals(1, client.pods().inNamespace(input.namespace()).list().getItems().size(), "n=" + n);
        }
    }

    @Test
    void updatesKeepServerAssignedAndImmutableFields() {
        BlueprintInput input = Fixtures.codeServer("keep");
        applier.apply(Fixtures.render(input));
        controllers.reconcileNow();
        String ns = input.namespace();
        Service before = client.services().inNamespace(ns).withName("code-server").get();
        String clusterIp = before.getSpec().getClusterIP();
        assertNotNull(clusterIp);
        PersistentVolumeClaim pvcBefore = client.persistentVolumeClaims().inNamespace(ns).withName("code-server-home")
                .get();
        assertNotNull(pvcBefore.getSpec().getVolumeName());

        // the developer breaks the Service; the workspace is re-rendered one size larger
        before.getSpec().setSelector(Map.of("app", "nothing"));
        client.resource(before).update();
        BlueprintInput larger = new BlueprintInput(input.workspaceId(), input.owner(), ns, Ide.CODE_SERVER, null,
                Size.LARGE, null, Map.of(), null);
        ApplyResult result = applier.apply(Fixtures.render(larger));
        assertTrue(result.updated().containsAll(List.of("Service/code-server", "Deployment/code-server",
                "ResourceQuota/onramp-quota")), result.updated().toString());
        assertTrue(result.unchanged().containsAll(List.of("PersistentVolumeClaim/code-server-home",
                "Secret/code-server")), result.unchanged().toString());

        Service after = client.services().inNamespace(ns).withName("code-server").get();
        assertEquals(clusterIp, after.getSpec().getClusterIP());
        assertEquals(CodeServerObjects.selector(), after.getSpec().getSelector());
        PersistentVolumeClaim pvcAfter = client.persistentVolumeClaims().inNamespace(ns).withName("code-server-home")
                .get();
        assertEquals(pvcBefore.getSpec(), pvcAfter.getSpec(), "PVC spec never updated");
        assertEquals("10Gi", pvcAfter.getSpec().getResources().getRequests().get("storage").toString());
        assertEquals("8", client.resourceQuotas().inNamespace(ns).withName("onramp-quota").get().getSpec().getHard()
                .get("limits.cpu").toString());
        assertEquals("500m", client.apps().deployments().inNamespace(ns).withName("code-server").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getResources().getRequests().get("cpu").toString());
    }

    @Test
    void labelsAndAnnotationsOfOthersAreKept() {
        BlueprintInput input = Fixtures.codeServer("others");
        applier.apply(Fixtures.render(input));
        client.namespaces().withName(input.namespace()).edit(ns -> {
            ns.getMetadata().getLabels().put("team", "blue");
            ns.getMetadata().getLabels().put("onramp.io/workspace-id", "tampered");
            return ns;
        });
        ApplyResult result = applier.apply(Fixtures.render(input));
        assertEquals(List.of("Namespace/" + input.namespace()), result.updated());
        Map<String, String> labels = client.namespaces().withName(input.namespace()).get().getMetadata().getLabels();
        assertEquals("blue", labels.get("team"));
        assertEquals(input.workspaceId(), labels.get("onramp.io/workspace-id"));
    }

    @Test
    void guardrailsAreReappliedAndStalePoliciesPruned() {
        BlueprintInput input = Fixtures.codeServer("guard");
        String ns = input.namespace();
        List<HasMetadata> objects = Fixtures.render(input);
        applier.apply(objects);
        client.network().v1().networkPolicies().inNamespace(ns).withName("onramp-default-deny").delete();
        client.network().v1().networkPolicies().inNamespace(ns).withName("onramp-allow-dns").edit(np -> {
            np.getSpec().getEgress().get(0).setTo(List.of());
            return np;
        });
        client.resourceQuotas().inNamespace(ns).withName("onramp-quota").delete();
        client.rbac().roleBindings().inNamespace(ns).withName("onramp-developer").delete();
        client.apps().deployments().inNamespace(ns).withName("code-server").delete(); // not a guardrail

        ApplyResult result = applier.reapplyGuardrails(ns, objects);
        assertEquals(List.of("ResourceQuota/onramp-quota", "NetworkPolicy/onramp-default-deny",
                "RoleBinding/onramp-developer"), result.created());
        assertEquals(List.of("NetworkPolicy/onramp-allow-dns"), result.updated());
        assertEquals(10, result.createdCount() + result.updatedCount() + result.unchangedCount());
        assertNull(client.apps().deployments().inNamespace(ns).withName("code-server").get());
        assertEquals(1, client.network().v1().networkPolicies().inNamespace(ns).withName("onramp-allow-dns").get()
                .getSpec().getEgress().get(0).getTo().size());

        // the API server CIDRs are unset: its policy goes away; a developer's own policy stays
        client.resource(new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder()
                .withNewMetadata().withName("mine").withNamespace(ns).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec().build())
                .create();
        List<HasMetadata> withoutApi = NamespaceBlueprint.render(input, PodsConfigs.defaults(),
                () -> Fixtures.PASSWORD);
        ApplyResult pruned = applier.reapplyGuardrails(ns, withoutApi);
        assertEquals(List.of("NetworkPolicy/onramp-allow-api-server"), pruned.deleted());
        assertNull(client.network().v1().networkPolicies().inNamespace(ns).withName("onramp-allow-api-server").get());
        assertNotNull(client.network().v1().networkPolicies().inNamespace(ns).withName("mine").get());

        assertThrows(IllegalArgumentException.class, () -> applier.reapplyGuardrails("elsewhere", objects));
    }

    @Test
    void roleBindingWithAnotherRoleRefIsRecreated() {
        BlueprintInput input = Fixtures.coder("rolebinding");
        String ns = input.namespace();
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                .addToLabels("app.kubernetes.io/managed-by", "onramp").endMetadata().build()).create();
        client.resource(new RoleBindingBuilder()
                .withNewMetadata().withName("onramp-developer").withNamespace(ns).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("admin")
                .endRoleRef()
                .addNewSubject().withKind("User").withName("mallory").endSubject()
                .build()).create();
        ApplyResult result = applier.apply(Fixtures.render(input));
        assertEquals(List.of("RoleBinding/onramp-developer"), result.deleted());
        assertTrue(result.created().contains("RoleBinding/onramp-developer"));
        RoleBinding binding = client.rbac().roleBindings().inNamespace(ns).withName("onramp-developer").get();
        assertEquals("onramp-developer", binding.getRoleRef().getName());
        assertEquals(List.of("developer"), binding.getSubjects().stream().map(s -> s.getName()).toList());
    }

    @Test
    void foreignOrTerminatingNamespacesAreRefused() {
        client.resource(new NamespaceBuilder().withNewMetadata().withName("onramp-stranger").endMetadata().build())
                .create();
        OnrampException foreign = assertThrows(OnrampException.class,
                () -> applier.apply(Fixtures.render(Fixtures.codeServer("stranger"))));
        assertEquals(ErrorCode.CONFLICT, foreign.code());

        BlueprintInput alice = Fixtures.codeServer("twin");
        applier.apply(Fixtures.render(alice));
        BlueprintInput impostor = new BlueprintInput("ws-x", "Twin", alice.namespace(), Ide.NONE, null, Size.SMALL,
                null, Map.of(), null);
        OnrampException owner = assertThrows(OnrampException.class, () -> applier.apply(Fixtures.render(impostor)));
        assertEquals(ErrorCode.CONFLICT, owner.code());

        // an object stuck in deletion (a finalizer) makes the apply fail retryably
        String ns = alice.namespace();
        client.persistentVolumeClaims().inNamespace(ns).withName("code-server-home")
                .edit(pvc -> {
                    pvc.getMetadata().setFinalizers(List.of("kubernetes.io/pvc-protection"));
                    return pvc;
                });
        client.persistentVolumeClaims().inNamespace(ns).withName("code-server-home").delete();
        PersistentVolumeClaim terminating = client.persistentVolumeClaims().inNamespace(ns)
                .withName("code-server-home").get();
        assertNotNull(terminating.getMetadata().getDeletionTimestamp());
        OnrampException gone = assertThrows(OnrampException.class, () -> applier.apply(Fixtures.render(alice)));
        assertEquals(ErrorCode.UNAVAILABLE, gone.code());
    }

    @Test
    void clusterRoleIsEnsuredIdempotently() {
        ApplyResult first = applier.ensureClusterRole();
        assertTrue(first.created().equals(List.of("ClusterRole/onramp-developer"))
                || first.unchanged().equals(List.of("ClusterRole/onramp-developer")));
        assertEquals(List.of("ClusterRole/onramp-developer"), applier.ensureClusterRole().unchanged());
        client.rbac().clusterRoles().withName("onramp-developer").edit(r -> {
            r.getRules().get(0).getVerbs().add("escalate");
            return r;
        });
        assertEquals(List.of("ClusterRole/onramp-developer"), applier.ensureClusterRole().updated());
        ClusterRole role = client.rbac().clusterRoles().withName("onramp-developer").get();
        assertEquals(DeveloperClusterRole.build().getRules(), role.getRules());
    }

    @Test
    void deploymentCreatedInAPausedNamespaceStartsPaused() {
        BlueprintInput input = Fixtures.codeServer("paused-create");
        String ns = input.namespace();
        applier.apply(Fixtures.render(input));
        new WorkloadPauser(client).pause(ns);
        client.apps().deployments().inNamespace(ns).withName("code-server").delete();

        ApplyResult result = applier.apply(Fixtures.render(input));
        assertEquals(List.of("Deployment/code-server"), result.created());
        Deployment d = client.apps().deployments().inNamespace(ns).withName("code-server").get();
        assertEquals(0, d.getSpec().getReplicas());
        assertEquals("1", d.getMetadata().getAnnotations().get(BlueprintLabels.PAUSED_REPLICAS));
        new WorkloadPauser(client).resume(ns);
        assertEquals(1, client.apps().deployments().inNamespace(ns).withName("code-server").get().getSpec()
                .getReplicas());
    }

    @Test
    void firstApplyInANewNamespaceWritesEachObjectOnceWithoutReadingIt() throws Exception {
        List<HasMetadata> objects = Fixtures.render(Fixtures.withLab("counted"));
        sandboxStats("POST", "/reset");
        ApplyResult result = applier.apply(objects);
        assertEquals(objects.size(), result.createdCount());
        JsonNode stats = sandboxStats("GET", "");
        assertEquals(objects.size(), stats.path("byMethod").path("POST").asInt(), stats.toString());
        assertEquals(1, stats.path("byResource").path("GET namespaces/{name}").asInt(), stats.toString());
        assertEquals(objects.size() + 1, stats.path("total").asInt(), "one read (the namespace): " + stats);
    }

    @Test
    void anObjectFoundInANamespaceCreatedJustNowIsReadAndUpdatedAsUsual() {
        BlueprintInput input = Fixtures.codeServer("early-secret");
        // the sandbox, unlike a real API server, stores objects in namespaces that do not exist
        client.secrets().inNamespace(input.namespace()).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName(CodeServerObjects.SECRET).endMetadata()
                .addToData(CodeServerObjects.PASSWORD_KEY, java.util.Base64.getEncoder().encodeToString(
                        Fixtures.OTHER_PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build()).create();
        List<HasMetadata> objects = Fixtures.render(input);
        ApplyResult result = applier.apply(objects);
        assertTrue(result.created().contains("Namespace/" + input.namespace()), result.created().toString());
        assertEquals(List.of("Secret/" + CodeServerObjects.SECRET), result.updated());
        assertEquals(objects.size() - 1, result.createdCount());
        assertEquals(Fixtures.OTHER_PASSWORD, applier.codeServerPassword(input.namespace()).orElseThrow());
        assertEquals(objects.size(), applier.apply(objects).unchangedCount());
    }

    private static JsonNode sandboxStats(String method, String suffix) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.url() + "/onramp-sandbox/stats"
                        + suffix)).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    private static Map<String, String> resourceVersions(List<HasMetadata> objects) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (HasMetadata o : objects) {
            versions.put(o.getKind() + "/" + o.getMetadata().getName(),
                    client.resource(o).get().getMetadata().getResourceVersion());
        }
        return versions;
    }
}
