package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.function;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditQuery;
import io.onramp.core.page.PageRequest;
import io.onramp.core.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code POST /runDuty}, the scheduler's entry, on the all-in-one process: admins and allowed service identities
 * (a PingSource's OIDC identity) run a duty now; everyone else is refused with the usual codes.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class RunDutyTest {

    @Inject
    AuditLog audit;

    @Test
    void anAdminRunsADutyNowAndItIsAudited() {
        function(TestTokens.admin("duty-admin"), "runDuty", Map.of("name", "pods.jobs"))
                .statusCode(200)
                .body("duty", equalTo("pods.jobs"))
                .body("acted", greaterThanOrEqualTo(0));
        var entries = audit.find(new AuditQuery("duty-admin", null, null, null, PageRequest.of(5, null))).items();
        org.junit.jupiter.api.Assertions.assertEquals("runDuty", entries.get(0).operation());
        org.junit.jupiter.api.Assertions.assertEquals("pods.jobs", entries.get(0).target());
    }

    @Test
    void aPingSourceIdentityRunsADuty() {
        function(ServiceTestTokens.token(ServiceTestTokens.PING_SOURCE), "runDuty", Map.of("name", "vms.jobs"))
                .statusCode(200)
                .body("duty", equalTo("vms.jobs"));
    }

    @Test
    void aTriggerNamesTheDutyInItsUriAndTheEventDataIsIgnored() {
        io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + ServiceTestTokens.token(ServiceTestTokens.PING_SOURCE))
                .header("Content-Type", "application/json")
                .header("ce-id", "evt-1").header("ce-type", "io.onramp.coder.workspace.created")
                .header("ce-source", "onramp/coder").header("ce-specversion", "1.0")
                .body(Map.of("name", "not-a-duty", "workspaceId", "w-1"))
                .post("/runDuty?name=vms.jobs")
                .then().statusCode(200)
                .body("duty", equalTo("vms.jobs"));
    }

    @Test
    void everyoneElseIsRefused() {
        function(TestTokens.developer("duty-dev"), "runDuty", Map.of("name", "pods.jobs"))
                .statusCode(403).body("code", equalTo("FORBIDDEN"));
        function(null, "runDuty", Map.of("name", "pods.jobs"))
                .statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        // a valid cluster token of a service account that is not Onramp's scheduler or gateway
        function(ServiceTestTokens.token("system:serviceaccount:onramp-alice:developer"), "runDuty",
                Map.of("name", "pods.jobs"))
                .statusCode(403).body("code", equalTo("FORBIDDEN"))
                .body("message", not(containsString("eyJ")));
        // the scheduler identity is good for runDuty only: elsewhere on the gateway it is no user
        function(ServiceTestTokens.token(ServiceTestTokens.PING_SOURCE), "me", null)
                .statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void badNamesAreTypedErrors() {
        String admin = TestTokens.admin("duty-admin-2");
        function(admin, "runDuty", Map.of("name", "no.such.duty"))
                .statusCode(404).body("code", equalTo("NOT_FOUND"));
        function(admin, "runDuty", Map.of())
                .statusCode(400).body("code", equalTo("BAD_USER_INPUT"));
    }
}
