package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.function;
import static io.onramp.gateway.GraphQLClient.query;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.Outcome;
import io.onramp.core.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class AuditLogTest {

    private static final String ADMIN = TestTokens.admin("root");

    @Inject
    AuditLog audit;

    @Test
    void pagesThroughEntriesNewestFirstWithCursors() {
        String actor = "pager-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            audit.record(actor, "op" + i, "target-" + i, Outcome.SUCCESS, null);
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        int pages = 0;
        while (more) {
            var page = query(ADMIN,
                    "query($a: String, $after: String) { auditLog(actor: $a, first: 2, after: $after) "
                            + "{ nodes { operation } pageInfo { endCursor hasNextPage } } }",
                    after == null ? Map.of("a", actor) : Map.of("a", actor, "after", after))
                    .body("errors", nullValue())
                    .extract().jsonPath();
            seen.addAll(page.getList("data.auditLog.nodes.operation"));
            more = page.getBoolean("data.auditLog.pageInfo.hasNextPage");
            after = page.getString("data.auditLog.pageInfo.endCursor");
            pages++;
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of("op4", "op3", "op2", "op1", "op0"), seen);
        org.junit.jupiter.api.Assertions.assertEquals(3, pages);
    }

    @Test
    void filtersByTargetAndTime() {
        String target = "ws-" + UUID.randomUUID();
        audit.record("someone", "pauseWorkspace", target, Outcome.SUCCESS, null);
        audit.record("someone", "resumeWorkspace", target, Outcome.FAILED, "boom");
        query(ADMIN, "query($t: String) { auditLog(target: $t) { nodes { operation outcome target } } }", Map.of("t", target))
                .body("data.auditLog.nodes", hasSize(2))
                .body("data.auditLog.nodes.operation", contains("resumeWorkspace", "pauseWorkspace"))
                .body("data.auditLog.nodes.target", everyItem(equalTo(target)));
        query(ADMIN, "query($t: String) { auditLog(target: $t, from: \"2100-01-01T00:00:00Z\") { nodes { id } } }",
                Map.of("t", target))
                .body("data.auditLog.nodes", hasSize(0));
    }

    @Test
    void functionRouteReturnsTheSamePage() {
        String target = "fn-" + UUID.randomUUID();
        audit.record("someone", "deleteWorkspace", target, Outcome.SUCCESS, null);
        function(ADMIN, "auditLog", Map.of("target", target))
                .statusCode(200)
                .body("nodes", hasSize(1))
                .body("nodes[0].operation", equalTo("deleteWorkspace"))
                .body("pageInfo.hasNextPage", equalTo(false));
    }
}
