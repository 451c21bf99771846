package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.function;
import static io.onramp.gateway.GraphQLClient.query;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.onramp.core.podsecurity.RestrictedPodSecurity;
import io.onramp.core.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A pod workspace's life over real GraphQL, against the sandbox API server, driven by the background worker. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class PodWorkspaceFlowTest {

    static final String FIELDS = "{ id owner kind state desiredState stateReason namespace url zone instanceId publicIp }";
    static final String ADMIN = TestTokens.admin("root");

    static KubernetesClient k8s() {
        return GatewayTestResource.sandbox().client();
    }

    static JsonPath waitForState(String token, String id, String state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            last = query(token, "query($id: ID!) { workspace(id: $id) " + FIELDS + " }", Map.of("id", id))
                    .extract().jsonPath();
            if (state.equals(last.getString("data.workspace.state"))) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("workspace " + id + " never reached " + state + "; last: " + (last == null ? null : last.prettify()));
    }

    @Test
    void createPauseResumeDeleteForAlice() {
        String alice = TestTokens.developer("alice-flow");
        JsonPath created = query(alice, "mutation { createPodWorkspace(input: {}) " + FIELDS + " }")
                .body("errors", nullValue())
                .body("data.createPodWorkspace.state", equalTo("PROVISIONING"))
                .body("data.createPodWorkspace.kind", equalTo("POD"))
                .body("data.createPodWorkspace.owner", equalTo("alice-flow"))
                .body("data.createPodWorkspace.zone", nullValue())
                .extract().jsonPath();
        String id = created.getString("data.createPodWorkspace.id");
        String ns = created.getString("data.createPodWorkspace.namespace");
        assertEquals("onramp-alice-flow", ns);

        JsonPath running = waitForState(alice, id, "RUNNING");
        assertNotNull(running.getString("data.workspace.url"));

        Namespace namespace = k8s().namespaces().withName(ns).get();
        assertEquals("restricted", namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
        assertEquals("onramp", namespace.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertTrue(k8s().network().networkPolicies().inNamespace(ns).list().getItems().size() >= 6);
        assertEquals(1, k8s().resourceQuotas().inNamespace(ns).list().getItems().size());
        assertEquals(1, k8s().limitRanges().inNamespace(ns).list().getItems().size());
        assertNotNull(k8s().serviceAccounts().inNamespace(ns).withName("developer").get());
        assertNotNull(k8s().rbac().roleBindings().inNamespace(ns).withName("onramp-developer").get());
        Deployment ide = k8s().apps().deployments().inNamespace(ns).withName("code-server").get();
        assertTrue(RestrictedPodSecurity.check(ide).isEmpty(), () -> RestrictedPodSecurity.check(ide).toString());

        // The password: to its owner (audited), never to another developer, and never in lists.
        String password = query(alice, "mutation($id: ID!) { revealAccessPassword(id: $id) { password } }", Map.of("id", id))
                .body("errors", nullValue()).extract().path("data.revealAccessPassword.password");
        assertTrue(password.length() >= 20);
        query(TestTokens.developer("mallory"), "mutation($id: ID!) { revealAccessPassword(id: $id) { password } }",
                Map.of("id", id)).body("errors[0].extensions.code", equalTo("FORBIDDEN"));

        // Creating again returns the same workspace.
        query(alice, "mutation { createPodWorkspace(input: {}) { id } }")
                .body("data.createPodWorkspace.id", equalTo(id));

        query(alice, "mutation($id: ID!) { pauseWorkspace(id: $id) { state desiredState } }", Map.of("id", id))
                .body("data.pauseWorkspace.state", equalTo("PAUSING"))
                .body("data.pauseWorkspace.desiredState", equalTo("PAUSED"));
        waitForState(alice, id, "PAUSED");
        assertEquals(0, k8s().apps().deployments().inNamespace(ns).withName("code-server").get().getSpec().getReplicas());
        assertNotNull(k8s().persistentVolumeClaims().inNamespace(ns).withName("code-server-home").get(), "home kept");

        query(alice, "mutation($id: ID!) { resumeWorkspace(id: $id) { state } }", Map.of("id", id))
                .body("data.resumeWorkspace.state", equalTo("RESUMING"));
        waitForState(alice, id, "RUNNING");
        assertEquals(1, k8s().apps().deployments().inNamespace(ns).withName("code-server").get().getSpec().getReplicas());

        query(alice, "mutation($id: ID!) { deleteWorkspace(id: $id) { state } }", Map.of("id", id))
                .body("data.deleteWorkspace.state", equalTo("DELETING"));
        waitForState(alice, id, "DELETED");
        assertNull(k8s().namespaces().withName(ns).get(), "namespace gone");
    }

    @Test
    void developersActOnlyOnTheirOwnWorkspacesOnGraphQLAndFunctionRoutes() {
        String bob = TestTokens.developer("bob-own");
        String eve = TestTokens.developer("eve-other");
        String id = function(bob, "createPodWorkspace", Map.of("ide", "NONE")).statusCode(200)
                .body("state", equalTo("PROVISIONING")).extract().path("id");

        for (String op : List.of("pauseWorkspace", "resumeWorkspace", "deleteWorkspace", "workspace", "revealAccessPassword")) {
            function(eve, op, Map.of("id", id)).statusCode(403).body("code", equalTo("FORBIDDEN"));
        }
        query(eve, "mutation($id: ID!) { pauseWorkspace(id: $id) { id } }", Map.of("id", id))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        query(eve, "mutation { createPodWorkspace(input: {owner: \"bob-own\"}) { id } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        function(eve, "createPodWorkspace", Map.of("owner", "bob-own")).statusCode(403);
        function(null, "pauseWorkspace", Map.of("id", id)).statusCode(401).body("code", equalTo("UNAUTHENTICATED"));

        // Developers list only their own; admins see anyone's.
        function(eve, "workspaces", Map.of("owner", "bob-own")).statusCode(403);
        function(bob, "workspaces", Map.of()).statusCode(200).body("nodes.owner", org.hamcrest.Matchers.everyItem(equalTo("bob-own")));
        query(ADMIN, "{ workspaces(owner: \"bob-own\") { nodes { id owner } } }")
                .body("data.workspaces.nodes", hasSize(1)).body("data.workspaces.nodes[0].id", equalTo(id));
        // The owner and an admin may act.
        function(ADMIN, "pauseWorkspace", Map.of("id", id)).statusCode(200).body("desiredState", equalTo("PAUSED"));
        function(bob, "resumeWorkspace", Map.of("id", id)).statusCode(200).body("desiredState", equalTo("RUNNING"));
        function(bob, "deleteWorkspace", Map.of("id", id)).statusCode(200).body("desiredState", equalTo("DELETED"));
    }

    @Test
    void badInputAndUnknownIdsAreTyped() {
        String dev = TestTokens.developer("carl-input");
        query(dev, "mutation { createPodWorkspace(input: {image: \"evil/miner:latest\"}) { id } }")
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        query(TestTokens.admin("root"), "mutation { createPodWorkspace(input: {owner: \"@@@\"}) { id } }")
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        query(dev, "mutation { createPodWorkspace(input: {lab: \"no-such-lab\"}) { id } }")
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        query(dev, "mutation { pauseWorkspace(id: \"7f000000-0000-0000-0000-000000000000\") { id } }")
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        query(dev, "{ workspace(id: \"not-a-uuid\") { id } }")
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        function(dev, "pauseWorkspace", Map.of()).statusCode(400).body("code", equalTo("BAD_USER_INPUT"));
    }

    @Test
    void adminsOnboardACohortAndOffboardADeveloper() {
        JsonPath result = query(ADMIN, "mutation { onboard(input: {owners: [\"nina\", \"omar\", \"pia\", \"@@@\"]}) "
                + "{ owner created workspace { id state namespace } error { code message } } }")
                .body("errors", nullValue())
                .body("data.onboard", hasSize(4))
                .extract().jsonPath();
        assertEquals("onramp-nina", result.getString("data.onboard[0].workspace.namespace"));
        assertTrue(result.getBoolean("data.onboard[1].created"));
        assertEquals("BAD_USER_INPUT", result.getString("data.onboard[3].error.code"));
        for (int i = 0; i < 3; i++) {
            waitForState(ADMIN, result.getString("data.onboard[" + i + "].workspace.id"), "RUNNING");
        }
        // Onboarding again is safe: the same workspaces come back.
        query(ADMIN, "mutation { onboard(input: {owners: [\"nina\"]}) { created workspace { id } } }")
                .body("data.onboard[0].created", equalTo(false))
                .body("data.onboard[0].workspace.id", equalTo(result.getString("data.onboard[0].workspace.id")));
        query(TestTokens.developer("nina"), "mutation { onboard(input: {owners: [\"x\"]}) { owner } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));

        query(ADMIN, "mutation { offboard(owner: \"omar\") { id desiredState } }")
                .body("data.offboard", hasSize(1))
                .body("data.offboard[0].desiredState", equalTo("DELETED"));
        waitForState(ADMIN, result.getString("data.onboard[1].workspace.id"), "DELETED");
        assertNull(k8s().namespaces().withName("onramp-omar").get());
        assertNotNull(k8s().namespaces().withName("onramp-pia").get(), "others untouched");
    }

    @Test
    void listsNeverCarryPasswordsAndPaginate() {
        query(ADMIN, "{ workspaces(first: 1) { nodes { id } pageInfo { endCursor hasNextPage } } }")
                .body("errors", nullValue())
                .body("data.workspaces.pageInfo", notNullValue());
    }
}
