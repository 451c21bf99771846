package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.query;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.onramp.core.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Real Coder webhook bodies, posted the way Coder posts them (Basic credentials from the endpoint's user-info). */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class CoderWebhookTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = TestTokens.admin("root");

    static ObjectNode fixture(String name) throws IOException {
        try (InputStream in = CoderWebhookTest.class.getResourceAsStream("/coder-webhooks/" + name + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    /** The fixture with a fresh msg_id, the real template id, and (optionally) targets and owner label. */
    static ObjectNode event(String name, String templateId, String coderWorkspaceId, String owner) throws IOException {
        ObjectNode body = fixture(name);
        body.put("msg_id", UUID.randomUUID().toString());
        ObjectNode payload = (ObjectNode) body.get("payload");
        if (templateId != null) {
            payload.put("notification_template_id", templateId);
        }
        if (coderWorkspaceId != null) {
            ArrayNode targets = payload.putArray("targets");
            targets.add(coderWorkspaceId).add(UUID.randomUUID().toString()).add(UUID.randomUUID().toString());
        }
        if (owner != null) {
            ((ObjectNode) payload.get("labels")).put("workspace_owner_username", owner);
        }
        return body;
    }

    static ValidatableResponse post(Object body, String secret) {
        var spec = given().contentType("application/json").body(body instanceof String s ? s : body.toString());
        if (secret != null) {
            spec = spec.auth().preemptive().basic("coder", secret);
        }
        return spec.post("/hooks/coder").then();
    }

    static ValidatableResponse post(Object body) {
        return post(body, GatewayTestResource.CODER_SECRET);
    }

    static String state(String id) {
        return query(ADMIN, "query($id: ID!) { workspace(id: $id) { state } }", Map.of("id", id))
                .extract().path("data.workspace.state");
    }

    @Test
    void workspaceLifecycleFollowsCoderNotifications() throws Exception {
        String coderId = UUID.randomUUID().toString();
        String id = post(event("TemplateWorkspaceCreated", "281fdf73-c6d6-4cbb-8ff5-888baf8a2fff", coderId, "Cora"))
                .statusCode(200)
                .body("action", equalTo("namespace ensured"))
                .extract().path("workspaceId");
        query(ADMIN, "query($id: ID!) { workspace(id: $id) { owner coderWorkspaceId url } }", Map.of("id", id))
                .body("data.workspace.owner", equalTo("cora"))
                .body("data.workspace.coderWorkspaceId", equalTo(coderId))
                .body("data.workspace.url", org.hamcrest.Matchers.nullValue());
        PodWorkspaceFlowTest.waitForState(ADMIN, id, "RUNNING");

        ObjectNode dormant = event("TemplateWorkspaceDormant", "0ea69165-ec14-4314-91f1-69566ac3c5a0", coderId, null);
        post(dormant).statusCode(200).body("action", equalTo("paused")).body("workspaceId", equalTo(id));
        PodWorkspaceFlowTest.waitForState(ADMIN, id, "PAUSED");

        // Coder delivers at least once: the same msg_id again changes nothing and still answers 2xx.
        query(ADMIN, "mutation($id: ID!) { resumeWorkspace(id: $id) { id } }", Map.of("id", id));
        post(dormant).statusCode(200).body("duplicate", equalTo(true));
        PodWorkspaceFlowTest.waitForState(ADMIN, id, "RUNNING");

        post(event("TemplateWorkspaceOutOfDisk", "f047f6a3-5713-40f7-85aa-0394cce9fa3a", coderId, null))
                .statusCode(200).body("action", equalTo("recorded"));
        post(event("TemplateWorkspaceMarkedForDeletion", "51ce2fdf-c9ca-4be1-8d70-628674f9bc42", coderId, null))
                .statusCode(200).body("action", equalTo("recorded"));
        query(TestTokens.developer("cora"), "query($id: ID!) { workspaceEvents(workspaceId: $id) { kind source message } }",
                Map.of("id", id))
                .body("data.workspaceEvents.kind", hasItem("OUT_OF_DISK"))
                .body("data.workspaceEvents.kind", hasItem("MARKED_FOR_DELETION"))
                .body("data.workspaceEvents.source", hasItem("coder"));
        assertEquals("RUNNING", state(id), "warnings change nothing");

        post(event("TemplateWorkspaceDeleted", "f517da0b-cdc9-410f-ab89-a86107c420ed", coderId, null))
                .statusCode(200).body("action", equalTo("deleted"));
        PodWorkspaceFlowTest.waitForState(ADMIN, id, "DELETED");

        query(ADMIN, "{ auditLog(actor: \"coder\") { nodes { operation outcome } } }")
                .body("data.auditLog.nodes.size()", greaterThan(4))
                .body("data.auditLog.nodes.operation", hasItem("coderWebhook"));
    }

    @Test
    void everyFixtureAsCoderRendersItIsAcceptedAndActsOnNothingUnknown() throws Exception {
        for (String name : List.of("TemplateWorkspaceCreated", "TemplateWorkspaceDeleted", "TemplateWorkspaceDormant",
                "TemplateWorkspaceMarkedForDeletion", "TemplateWorkspaceOutOfDisk", "TemplateTestNotification")) {
            ObjectNode body = fixture(name);
            body.put("msg_id", UUID.randomUUID().toString());
            post(body).statusCode(200).body("action", anyOf(is("ignored"), is("recorded (workspace unknown)")));
        }
    }

    @Test
    void theRecipientIsNotTheOwner() throws Exception {
        // A Dormant notification addressed to "bobby" (the recipient) about an unknown workspace touches none of bobby's.
        String bobbyWs = query(TestTokens.developer("bobby"), "mutation { createPodWorkspace(input: {ide: NONE}) { id } }")
                .extract().path("data.createPodWorkspace.id");
        post(event("TemplateWorkspaceDormant", "0ea69165-ec14-4314-91f1-69566ac3c5a0", UUID.randomUUID().toString(), null))
                .statusCode(200).body("action", equalTo("recorded (workspace unknown)"));
        assertEquals("RUNNING", PodWorkspaceFlowTest.waitForState(ADMIN, bobbyWs, "RUNNING").getString("data.workspace.state"));
    }

    @Test
    void wrongOrMissingSecretsAreRefusedAndNothingHappens() throws Exception {
        ObjectNode body = event("TemplateWorkspaceOutOfDisk", null, null, null);
        post(body, "wrong-secret").statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        post(body, null).statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().header("Authorization", "Bearer " + TestTokens.admin("root")).contentType("application/json")
                .body(body.toString()).post("/hooks/coder").then().statusCode(401);
        // The refused msg_id was not stored: the genuine delivery is handled as new.
        post(body).statusCode(200).body("duplicate", equalTo(false));
    }

    @Test
    void malformedAndOversizedBodiesAreBadInputAndNotStored() throws Exception {
        post("{not json").statusCode(400).body("code", equalTo("BAD_USER_INPUT"));
        post("[]").statusCode(400).body("code", equalTo("BAD_USER_INPUT"));
        post("").statusCode(400).body("code", equalTo("BAD_USER_INPUT"));
        ObjectNode noPayload = event("TemplateWorkspaceOutOfDisk", null, null, null);
        String msgId = noPayload.get("msg_id").asText();
        noPayload.remove("payload");
        post(noPayload).statusCode(400).body("code", equalTo("BAD_USER_INPUT"));
        ObjectNode badVersion = event("TemplateWorkspaceOutOfDisk", null, null, null);
        badVersion.put("_version", "9.0");
        post(badVersion).statusCode(400);
        ObjectNode huge = event("TemplateWorkspaceOutOfDisk", null, null, null);
        huge.put("body", "x".repeat(200_000));
        post(huge).statusCode(anyOf(is(400), is(413))).body("code", equalTo("BAD_USER_INPUT"));
        // Nothing was stored for the rejected msg_id.
        ObjectNode valid = event("TemplateWorkspaceOutOfDisk", null, null, null);
        valid.put("msg_id", msgId);
        post(valid).statusCode(200).body("duplicate", equalTo(false));
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
