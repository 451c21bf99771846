package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.function;
import static io.onramp.gateway.GraphQLClient.query;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.onramp.core.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Coder's build hooks (role onramp-coder) act only on workspaces linked to a Coder workspace, nothing else. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class CoderRoleTest {

    static final String CODER = TestTokens.coder();

    @Test
    void linkedWorkspacesOnly() {
        String coderId = UUID.randomUUID().toString();
        String linked = query(CODER, "mutation($c: String) { createPodWorkspace(input: {owner: \"hana\", ide: NONE, "
                + "coderWorkspaceId: $c, idempotencyKey: $c}) { id coderWorkspaceId } }", Map.of("c", coderId))
                .body("errors", nullValue())
                .body("data.createPodWorkspace.coderWorkspaceId", equalTo(coderId))
                .extract().path("data.createPodWorkspace.id");
        // every Coder build replays the create with the same key and gets the same workspace
        query(CODER, "mutation($c: String) { createPodWorkspace(input: {owner: \"hana\", ide: NONE, coderWorkspaceId: $c, "
                + "idempotencyKey: $c}) { id } }", Map.of("c", coderId))
                .body("data.createPodWorkspace.id", equalTo(linked));
        function(CODER, "pauseWorkspace", Map.of("id", linked)).statusCode(200).body("desiredState", equalTo("PAUSED"));
        function(CODER, "resumeWorkspace", Map.of("id", linked)).statusCode(200).body("desiredState", equalTo("RUNNING"));

        // not linked: neither creating nor touching someone's own workspace
        query(CODER, "mutation { createPodWorkspace(input: {owner: \"ivo\"}) { id } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        String own = query(TestTokens.developer("ivo"), "mutation { createPodWorkspace(input: {ide: NONE}) { id } }")
                .extract().path("data.createPodWorkspace.id");
        function(CODER, "deleteWorkspace", Map.of("id", own)).statusCode(403).body("code", equalTo("FORBIDDEN"));
        function(CODER, "revealAccessPassword", Map.of("id", linked)).statusCode(403);
        query(CODER, "{ auditLog { nodes { id } } }").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        query(CODER, "mutation { onboard(input: {owners: [\"x\"]}) { owner } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));

        function(CODER, "deleteWorkspace", Map.of("id", linked)).statusCode(200).body("desiredState", equalTo("DELETED"));
    }
}
