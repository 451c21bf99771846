package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.function;
import static io.onramp.gateway.GraphQLClient.query;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.onramp.core.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A VM workspace's life over real GraphQL against the Exoscale API simulator (signed requests, async operations). */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class VmWorkspaceFlowTest {

    static final String FIELDS = "{ id kind state zone instanceId publicIp url namespace }";

    @Test
    void createPauseResumeDelete() {
        String dana = TestTokens.developer("dana-vm");
        JsonPath created = query(dana, "mutation { createVmWorkspace(input: {zone: \"ch-gva-2\", idempotencyKey: \"vm-1\"}) "
                + FIELDS + " }")
                .body("errors", nullValue())
                .body("data.createVmWorkspace.kind", equalTo("VM"))
                .body("data.createVmWorkspace.state", equalTo("PROVISIONING"))
                .body("data.createVmWorkspace.namespace", nullValue())
                .extract().jsonPath();
        String id = created.getString("data.createVmWorkspace.id");
        // the same idempotency key returns the same workspace
        query(dana, "mutation { createVmWorkspace(input: {zone: \"ch-gva-2\", idempotencyKey: \"vm-1\"}) { id } }")
                .body("data.createVmWorkspace.id", equalTo(id));

        JsonPath running = PodWorkspaceFlowTest.waitForState(dana, id, "RUNNING");
        String instanceId = running.getString("data.workspace.instanceId");
        assertNotNull(instanceId);
        assertNotNull(running.getString("data.workspace.publicIp"));
        assertTrue(running.getString("data.workspace.url").startsWith("https://"));
        assertEquals("running", GatewayTestResource.exoscale().instance("ch-gva-2", instanceId).orElseThrow().state());
        String password = query(dana, "mutation($id: ID!) { revealAccessPassword(id: $id) { password } }", Map.of("id", id))
                .body("errors", nullValue()).extract().path("data.revealAccessPassword.password");
        assertTrue(password.length() >= 20);

        function(dana, "pauseWorkspace", Map.of("id", id)).statusCode(200).body("state", equalTo("PAUSING"));
        PodWorkspaceFlowTest.waitForState(dana, id, "PAUSED");
        assertEquals("stopped", GatewayTestResource.exoscale().instance("ch-gva-2", instanceId).orElseThrow().state());

        query(dana, "mutation($id: ID!) { resumeWorkspace(id: $id) { state } }", Map.of("id", id))
                .body("data.resumeWorkspace.state", equalTo("RESUMING"));
        PodWorkspaceFlowTest.waitForState(dana, id, "RUNNING");

        query(dana, "mutation($id: ID!) { deleteWorkspace(id: $id) { state } }", Map.of("id", id))
                .body("data.deleteWorkspace.state", equalTo("DELETING"));
        PodWorkspaceFlowTest.waitForState(dana, id, "DELETED");
        assertTrue(GatewayTestResource.exoscale().instance("ch-gva-2", instanceId).isEmpty(), "instance gone");
    }

    @Test
    void aResumeBeyondTheCapIsRefusedAtOnce() {
        String fay = TestTokens.developer("fay-vm");
        String first = query(fay, "mutation { createVmWorkspace(input: {idempotencyKey: \"a\"}) { id } }")
                .extract().path("data.createVmWorkspace.id");
        PodWorkspaceFlowTest.waitForState(fay, first, "RUNNING");
        query(fay, "mutation($id: ID!) { pauseWorkspace(id: $id) { id } }", Map.of("id", first));
        PodWorkspaceFlowTest.waitForState(fay, first, "PAUSED");
        // two more running VMs reach the per-developer cap (2)
        for (String key : new String[] { "b", "c" }) {
            query(fay, "mutation { createVmWorkspace(input: {idempotencyKey: \"" + key + "\"}) { id } }")
                    .body("errors", nullValue());
        }
        query(fay, "mutation { createVmWorkspace(input: {idempotencyKey: \"d\"}) { id } }")
                .body("errors[0].extensions.code", equalTo("QUOTA_EXCEEDED"));
        query(fay, "mutation($id: ID!) { resumeWorkspace(id: $id) { state } }", Map.of("id", first))
                .body("errors[0].extensions.code", equalTo("QUOTA_EXCEEDED"));
        query(fay, "query($id: ID!) { workspace(id: $id) { state desiredState } }", Map.of("id", first))
                .body("data.workspace.desiredState", equalTo("PAUSED"));
    }

    @Test
    void badInputIsTyped() {
        String dev = TestTokens.developer("evan-vm");
        query(dev, "mutation { createVmWorkspace(input: {zone: \"mars-1\"}) { id } }")
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        query(dev, "mutation { createVmWorkspace(input: {diskGb: 5}) { id } }")
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        query(dev, "mutation { createVmWorkspace(input: {owner: \"someone-else\"}) { id } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }
}
