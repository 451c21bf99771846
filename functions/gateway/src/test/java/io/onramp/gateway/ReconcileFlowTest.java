package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.function;
import static io.onramp.gateway.GraphQLClient.query;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.onramp.core.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Reconcile over real GraphQL and function routes against the sandbox API server: an admin sees drift, a dry run
 * changes nothing, a repair re-creates a deleted NetworkPolicy, orphans go only when asked, developers are refused.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ReconcileFlowTest {

    static final String ADMIN = TestTokens.admin("root");
    static final String REPORT = "{ kind trigger actor dryRun deleteOrphans examined repaired deleted "
            + "drifts { kind workspaceId owner resource type detail remedy correctedState repaired action } }";
    static final String DENY = "onramp-default-deny";

    static JsonPath reconcile(String input) {
        return query(ADMIN, "mutation { reconcile(input: " + input + ") " + REPORT + " }")
                .body("errors", nullValue()).extract().jsonPath();
    }

    /** The drifts of one resource in a report at {@code path}. */
    static List<Map<String, Object>> about(JsonPath report, String path, String resource) {
        List<Map<String, Object>> drifts = report.getList(path + ".drifts");
        return drifts.stream().filter(d -> resource.equals(d.get("resource"))).toList();
    }

    static Map<String, Object> only(JsonPath report, String path, String resource) {
        List<Map<String, Object>> found = about(report, path, resource);
        assertEquals(1, found.size(), resource + " in " + report.prettify());
        return found.get(0);
    }

    @Test
    void adminSeesDriftDryRunChangesNothingRepairReappliesAndOrphansGoOnlyWhenAsked() {
        String dev = TestTokens.developer("recon-ann");
        String id = query(dev, "mutation { createPodWorkspace(input: {}) { id } }").body("errors", nullValue())
                .extract().path("data.createPodWorkspace.id");
        PodWorkspaceFlowTest.waitForState(dev, id, "RUNNING");
        String ns = "onramp-recon-ann";
        PodWorkspaceFlowTest.k8s().network().v1().networkPolicies().inNamespace(ns).withName(DENY).delete();
        String ghost = UUID.randomUUID().toString();
        PodWorkspaceFlowTest.k8s().namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName("onramp-recon-ghost").addToLabels("app.kubernetes.io/managed-by", "onramp")
                .addToLabels("onramp.io/workspace-id", ghost).endMetadata().build()).create();
        String policy = "NetworkPolicy " + ns + "/" + DENY;
        String orphan = "Namespace onramp-recon-ghost";

        JsonPath fresh = query(ADMIN, "{ drift(kind: POD, fresh: true) " + REPORT + " }").body("errors", nullValue())
                .extract().jsonPath();
        assertEquals("QUERY", fresh.getString("data.drift.trigger"));
        assertTrue(fresh.getBoolean("data.drift.dryRun"));
        Map<String, Object> missing = only(fresh, "data.drift", policy);
        assertEquals("MISSING_GUARDRAIL", missing.get("type"));
        assertEquals("REAPPLY", missing.get("remedy"));
        assertEquals(id, missing.get("workspaceId"));
        assertEquals("recon-ann", missing.get("owner"));
        assertEquals(false, missing.get("repaired"));
        Map<String, Object> ghostDrift = only(fresh, "data.drift", orphan);
        assertEquals("ORPHAN", ghostDrift.get("type"));
        assertEquals(ghost, ghostDrift.get("workspaceId"));

        // the default is a dry run
        JsonPath dry = reconcile("{kind: POD}");
        assertTrue(dry.getBoolean("data.reconcile.dryRun"));
        assertEquals("Would re-apply it", only(dry, "data.reconcile", policy).get("action"));
        assertNull(PodWorkspaceFlowTest.k8s().network().v1().networkPolicies().inNamespace(ns).withName(DENY).get(),
                "a dry run changes nothing");

        JsonPath repaired = reconcile("{kind: POD, dryRun: false}");
        Map<String, Object> fixed = only(repaired, "data.reconcile", policy);
        assertEquals(true, fixed.get("repaired"), repaired.prettify());
        assertTrue(((String) fixed.get("action")).contains("created NetworkPolicy/" + DENY), fixed.toString());
        assertNotNull(PodWorkspaceFlowTest.k8s().network().v1().networkPolicies().inNamespace(ns).withName(DENY).get());
        Map<String, Object> kept = only(repaired, "data.reconcile", orphan);
        assertEquals(false, kept.get("repaired"));
        assertNotNull(PodWorkspaceFlowTest.k8s().namespaces().withName("onramp-recon-ghost").get(),
                "orphans stay unless asked");
        query(dev, "query($id: ID!) { workspace(id: $id) { state } }", Map.of("id", id))
                .body("data.workspace.state", equalTo("RUNNING"));

        // without fresh, drift answers the last report: the repair just made
        JsonPath last = query(ADMIN, "{ drift(kind: POD) " + REPORT + " }").extract().jsonPath();
        assertEquals("ADMIN", last.getString("data.drift.trigger"));
        assertFalse(last.getBoolean("data.drift.dryRun"));
        assertEquals("root", last.getString("data.drift.actor"));

        JsonPath deleting = reconcile("{kind: POD, dryRun: false, deleteOrphans: true}");
        assertEquals(true, only(deleting, "data.reconcile", orphan).get("repaired"), deleting.prettify());
        assertTrue(deleting.getInt("data.reconcile.deleted") >= 1);
        assertTrue(about(deleting, "data.reconcile", policy).isEmpty(), "nothing left to repair in the workspace");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Namespace gone = PodWorkspaceFlowTest.k8s().namespaces().withName("onramp-recon-ghost").get();
        while (gone != null && gone.getMetadata().getDeletionTimestamp() == null && System.nanoTime() < deadline) {
            gone = PodWorkspaceFlowTest.k8s().namespaces().withName("onramp-recon-ghost").get();
        }
        assertTrue(gone == null || gone.getMetadata().getDeletionTimestamp() != null, "the orphan is deleted");

        List<String> operations = query(ADMIN, "{ auditLog(first: 100) { nodes { operation target } } }")
                .extract().jsonPath().getList("data.auditLog.nodes.operation");
        assertTrue(operations.contains("reconcileRepair"), operations.toString());
        assertTrue(operations.contains("reconcileDeleteOrphan"), operations.toString());
        assertTrue(operations.contains("reconcile"), operations.toString());
    }

    @Test
    void theSameOverFunctionRoutesAndVmsToo() {
        function(ADMIN, "drift", Map.of("kind", "POD", "fresh", true)).statusCode(200)
                .body("kind", equalTo("POD")).body("dryRun", equalTo(true));
        function(ADMIN, "reconcile", Map.of("kind", "VM")).statusCode(200)
                .body("kind", equalTo("VM")).body("dryRun", equalTo(true)).body("trigger", equalTo("ADMIN"));
        query(ADMIN, "{ drift(kind: VM, fresh: true) { kind examined drifts { type } } }")
                .body("errors", nullValue()).body("data.drift.kind", equalTo("VM"));
        function(ADMIN, "reconcile", Map.of("dryRun", false)).statusCode(400).body("code", equalTo("BAD_USER_INPUT"));
        query(ADMIN, "{ drift(kind: MARS) { kind } }").body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
    }

    @Test
    void developersAreRefusedEverywhere() {
        String dev = TestTokens.developer("recon-bob");
        query(dev, "{ drift(kind: POD) { kind } }").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        query(dev, "mutation { reconcile(input: {kind: POD, dryRun: false, deleteOrphans: true}) { kind } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        function(dev, "drift", Map.of("kind", "POD")).statusCode(403).body("code", equalTo("FORBIDDEN"));
        function(dev, "reconcile", Map.of("kind", "POD", "dryRun", false)).statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        function(null, "reconcile", Map.of("kind", "POD")).statusCode(401);
        List<Map<String, Object>> refusals = query(ADMIN, "{ auditLog(first: 100) { nodes { actor operation outcome } } }")
                .extract().jsonPath().getList("data.auditLog.nodes");
        assertTrue(refusals.stream().anyMatch(e -> "recon-bob".equals(e.get("actor"))
                && "reconcile".equals(e.get("operation")) && "DENIED".equals(e.get("outcome"))), refusals.toString());
    }
}
