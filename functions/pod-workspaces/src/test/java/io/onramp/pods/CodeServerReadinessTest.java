package io.onramp.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.onramp.pods.blueprint.BlueprintApplier;
import io.onramp.pods.blueprint.BlueprintInput;
import io.onramp.pods.blueprint.NamespaceBlueprint;
import io.onramp.pods.blueprint.PodsConfigs;
import io.onramp.pods.blueprint.Size;
import io.onramp.sandbox.SandboxControllers;
import io.onramp.sandbox.SandboxKubernetes;

class CodeServerReadinessTest {

    static SandboxKubernetes sandbox;
    static SandboxControllers controllers;

    @BeforeAll
    static void cluster() {
        sandbox = new SandboxKubernetes(0);
        controllers = new SandboxControllers(sandbox);
        BlueprintApplier applier = new BlueprintApplier(sandbox.client());
        for (int i = 0; i < 12; i++) {
            List<HasMetadata> objects = NamespaceBlueprint.render(
                    BlueprintInput.codeServer("ws-" + i, "reader" + i, Size.SMALL), PodsConfigs.defaults());
            applier.apply(objects);
        }
        controllers.reconcileNow(); // all Ready
        // one not ready yet
        Deployment d = sandbox.client().apps().deployments().inNamespace("onramp-reader0").withName("code-server").get();
        d.getStatus().setReadyReplicas(null);
        sandbox.client().resource(d).updateStatus();
    }

    @AfterAll
    static void stop() {
        controllers.close();
        sandbox.close();
    }

    @Test
    void fewChecksReadTheirOwnDeploymentManyShareOneList() throws Exception {
        CodeServerReadiness readiness = new CodeServerReadiness(sandbox.client());
        stats("POST", "/reset");
        assertEquals(0, readiness.readyReplicas("onramp-reader0"));
        assertEquals(1, readiness.readyReplicas("onramp-reader1"));
        assertNull(readiness.readyReplicas("onramp-nobody"));
        JsonNode few = stats("GET", "");
        assertEquals(3, few.path("byResource").path("GET apps/deployments/{name}").asInt(), few.toString());
        assertEquals(3, few.path("total").asInt(), few.toString());

        stats("POST", "/reset");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 12; i++) {
                assertEquals(i == 0 ? 0 : 1, readiness.readyReplicas("onramp-reader" + i), "reader" + i);
            }
        }
        assertNull(readiness.readyReplicas("onramp-nobody"), "missing from the list: read, and absent");
        JsonNode many = stats("GET", "");
        int lists = many.path("byResource").path("GET apps/deployments").asInt();
        int reads = many.path("byResource").path("GET apps/deployments/{name}").asInt();
        assertTrue(lists >= 1 && lists <= 3, many.toString()); // one per second at most
        assertTrue(lists + reads < 37 / 2, "fewer requests than checks: " + many);
    }

    private static JsonNode stats(String method, String suffix) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.url() + "/onramp-sandbox/stats" + suffix))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }
}
