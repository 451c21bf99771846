package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.function;
import static io.onramp.gateway.GraphQLClient.query;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.onramp.core.testing.TestTokens;
import io.onramp.sandbox.KubeDns;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Isolation proved from live objects: two developers' namespaces in the sandbox, evaluated by the NetworkPolicy
 * evaluator through the admin query.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class IsolationReportTest {

    static final String ADMIN = TestTokens.admin("root");
    static final String REPORT = "query($o: String!) { isolationReport(owner: $o) { namespace pods otherTenants "
            + "summary { reachesOtherTenants reachableFromOtherTenants reachesInternet reachesMetadata reachesDns reachesApiServer "
            + "reaches reachableFrom } rows { from to port protocol allowed reason } } }";

    @BeforeAll
    static void platformNamespaces() {
        for (String name : new String[] { "ingress-nginx", "coder", "onramp", "kube-system" }) {
            PodWorkspaceFlowTest.k8s().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                    .addToLabels("kubernetes.io/metadata.name", name).endMetadata().build())
                    .createOr(NonDeletingOperation::update);
        }
        PodWorkspaceFlowTest.k8s().pods().inNamespace("kube-system").resource(KubeDns.pod()).createOr(NonDeletingOperation::update);
    }

    static String running(String owner) {
        String id = query(TestTokens.developer(owner), "mutation { createPodWorkspace(input: {}) { id } }")
                .extract().path("data.createPodWorkspace.id");
        PodWorkspaceFlowTest.waitForState(ADMIN, id, "RUNNING");
        return id;
    }

    static JsonPath report(String owner) {
        return query(ADMIN, REPORT, Map.of("o", owner)).body("errors", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath();
    }

    @Test
    void tenantsAreIsolatedEvenAfterOneOpensItsOwnPolicies() {
        running("iso-a");
        running("iso-b");
        JsonPath a = report("iso-a");
        assertTrue(a.getList("data.isolationReport.otherTenants").contains("onramp-iso-b"), a.prettify());
        assertFalse(a.getBoolean("data.isolationReport.summary.reachesOtherTenants"), a.prettify());
        assertFalse(a.getBoolean("data.isolationReport.summary.reachableFromOtherTenants"));
        assertFalse(a.getBoolean("data.isolationReport.summary.reachesMetadata"), "no cloud metadata");
        assertTrue(a.getBoolean("data.isolationReport.summary.reachesInternet"));
        assertTrue(a.getBoolean("data.isolationReport.summary.reachesDns"));
        assertTrue(a.getBoolean("data.isolationReport.summary.reachesApiServer"), "kubectl works from the workspace");
        // Everything a workspace reaches, exactly: onramp-check reaches Onramp's namespace, and nothing was added.
        assertEquals(java.util.List.of("api-server", "coder", "internet", "kube-system", "onramp"),
                a.getList("data.isolationReport.summary.reaches"), a.prettify());
        // B's code-server answers the ingress controller but not A.
        JsonPath b = report("iso-b");
        assertTrue(b.getList("data.isolationReport.summary.reachableFrom").contains("ingress-nginx"), b.prettify());
        assertFalse(b.getList("data.isolationReport.summary.reachableFrom").contains("onramp-iso-a"));

        // A opens everything in its own namespace: B's own policies still keep A out.
        PodWorkspaceFlowTest.k8s().network().networkPolicies().inNamespace("onramp-iso-a").resource(
                new NetworkPolicyBuilder().withNewMetadata().withName("allow-everything").endMetadata()
                        .withNewSpec().withNewPodSelector().endPodSelector()
                        .addToPolicyTypes("Ingress", "Egress")
                        .addNewIngress().endIngress().addNewEgress().endEgress().endSpec().build())
                .create();
        JsonPath opened = report("iso-a");
        assertFalse(opened.getBoolean("data.isolationReport.summary.reachesOtherTenants"), opened.prettify());
        assertTrue(opened.getBoolean("data.isolationReport.summary.reachesMetadata"), "A hurt only itself");
    }

    @Test
    void onlyAdminsGetReports() {
        query(TestTokens.developer("iso-a"), "query { isolationReport(owner: \"iso-a\") { namespace } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        function(TestTokens.developer("iso-a"), "isolationReport", Map.of("owner", "iso-a")).statusCode(403);
        query(ADMIN, "query { isolationReport(owner: \"nobody-here\") { namespace } }")
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }
}
