package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.query;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.onramp.core.schedule.DutyReport;
import io.onramp.core.schedule.DutyScheduler;
import io.onramp.core.testing.TestTokens;
import io.onramp.pods.PodIdlePause;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Idle pause as the owner and an admin see it over GraphQL: lastActivityAt from code-server's heartbeat, the
 * IDLE_PAUSED event, the audit entry written by the system. The duty is the application's own bean, run the way
 * the scheduler runs it but at a chosen instant; code-server is the stand-in the test resource points Onramp at.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class IdleFlowTest {

    @Inject
    PodIdlePause duty;

    @Inject
    DutyScheduler scheduler;

    @Test
    void theOwnerSeesTheLastActivityAndWhyHerWorkspaceWasPaused() {
        String alice = TestTokens.developer("alice-idle");
        String admin = TestTokens.admin("root");
        String id = query(alice, "mutation { createPodWorkspace(input: {}) { id } }")
                .body("errors", nullValue()).extract().path("data.createPodWorkspace.id");
        PodWorkspaceFlowTest.waitForState(alice, id, "RUNNING");
        String ns = "onramp-alice-idle";

        JsonPath before = workspace(alice, id);
        assertNull(before.get("data.workspace.lastActivityAt"), "nothing seen yet");

        Instant lastUse = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
        GatewayTestResource.codeServer().heartbeat(ns, lastUse);
        assertEquals(0, duty.run(Instant.now()).acted());
        assertEquals(lastUse, Instant.parse(workspace(alice, id).getString("data.workspace.lastActivityAt")));
        assertEquals(lastUse, Instant.parse(query(admin, "{ workspaces(owner: \"alice-idle\") { nodes { id lastActivityAt } } }")
                .body("errors", nullValue()).extract().path("data.workspaces.nodes[0].lastActivityAt")),
                "admins see it in lists too");

        // half an hour later nobody has come back
        DutyReport report = duty.run(Instant.now().plus(Duration.ofMinutes(31)));
        assertTrue(report.notes().stream().anyMatch(n -> n.contains(id)), report.toString());
        PodWorkspaceFlowTest.waitForState(alice, id, "PAUSED");
        assertEquals(0, PodWorkspaceFlowTest.k8s().apps().deployments().inNamespace(ns).withName("code-server").get()
                .getSpec().getReplicas());

        JsonPath events = query(alice, "query($id: ID!) { workspaceEvents(workspaceId: $id) { kind source message at } }",
                Map.of("id", id)).body("errors", nullValue()).extract().jsonPath();
        List<Map<String, Object>> list = events.getList("data.workspaceEvents");
        Map<String, Object> paused = list.stream().filter(e -> "IDLE_PAUSED".equals(e.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError(events.prettify()));
        assertEquals("onramp", paused.get("source"));
        assertTrue(((String) paused.get("message")).contains("without activity in the IDE"), paused.toString());

        query(TestTokens.developer("mallory"), "query($id: ID!) { workspaceEvents(workspaceId: $id) { kind } }",
                Map.of("id", id)).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        query(TestTokens.developer("mallory"), "query($id: ID!) { workspace(id: $id) { lastActivityAt } }",
                Map.of("id", id)).body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("data", nullValue());

        JsonPath audit = query(admin, "query($t: String) { auditLog(target: $t, first: 20) { nodes { actor operation outcome } } }",
                Map.of("t", id)).body("errors", nullValue()).extract().jsonPath();
        assertTrue(audit.getList("data.auditLog.nodes", Map.class).stream().anyMatch(e ->
                "system:pods.idle-pause".equals(e.get("actor")) && "pauseWorkspace".equals(e.get("operation"))
                        && "SUCCESS".equals(e.get("outcome"))), audit.prettify());

        // resuming is the owner's usual mutation; the idle clock starts again
        query(alice, "mutation($id: ID!) { resumeWorkspace(id: $id) { state } }", Map.of("id", id))
                .body("errors", nullValue());
        PodWorkspaceFlowTest.waitForState(alice, id, "RUNNING");
        GatewayTestResource.codeServer().started(ns);
        assertTrue(duty.run(Instant.now()).notes().stream().noneMatch(n -> n.contains(id)));
        assertEquals(lastUse, Instant.parse(workspace(alice, id).getString("data.workspace.lastActivityAt")));
    }

    @Test
    void theIdleDutiesRunHereAndExpiryIsOffByDefault() {
        List<String> active = scheduler.active().stream().map(d -> d.name()).toList();
        assertTrue(active.contains("pods.idle-pause") && active.contains("vms.idle-pause"), active.toString());
        assertTrue(!active.contains("workspaces.expiry"), "expiry deletes: off unless enabled");
    }

    static JsonPath workspace(String token, String id) {
        return query(token, "query($id: ID!) { workspace(id: $id) { id state lastActivityAt } }", Map.of("id", id))
                .body("errors", nullValue()).extract().jsonPath();
    }
}
