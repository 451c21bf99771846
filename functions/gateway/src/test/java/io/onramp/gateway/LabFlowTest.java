package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.function;
import static io.onramp.gateway.GraphQLClient.query;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.onramp.core.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A developer works through a lab: the catalog, a tour, a workspace with the lab in it, grading and progress. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class LabFlowTest {

    static final Path LABS = Path.of("../../content/labs");

    @Test
    void catalogAndTours() {
        String dev = TestTokens.developer("lab-reader");
        query(dev, "{ labs { id title domain level maxScore tasks { id } tours { name } } }")
                .body("errors", nullValue())
                .body("data.labs.size()", greaterThanOrEqualTo(12))
                .body("data.labs.id", hasItem("pods-and-labels"));
        query(dev, "{ labs(domain: SERVICES_AND_NETWORKING) { domain } }")
                .body("data.labs.domain", org.hamcrest.Matchers.everyItem(equalTo("SERVICES_AND_NETWORKING")));
        String tour = query(dev, "{ lab(id: \"pods-and-labels\") { tours { name } } }")
                .extract().path("data.lab.tours[0].name");
        query(dev, "query($n: String!) { tour(labId: \"pods-and-labels\", name: $n) { title json } }", Map.of("n", tour))
                .body("data.tour.json", containsString("\"steps\""));
        query(dev, "{ lab(id: \"no-such-lab\") { id } }").body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        query(null, "{ labs { id } }").body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void workThroughATaskAndSeeProgress() throws IOException {
        String gina = TestTokens.developer("gina-lab");
        String id = query(gina, "mutation { createPodWorkspace(input: {lab: \"pods-and-labels\"}) { id namespace } }")
                .body("errors", nullValue()).extract().path("data.createPodWorkspace.id");
        PodWorkspaceFlowTest.waitForState(gina, id, "RUNNING");
        String ns = "onramp-gina-lab";
        assertNotNull(PodWorkspaceFlowTest.k8s().configMaps().inNamespace(ns).withName("lab-pods-and-labels").get(),
                "the lab's files are placed in the workspace");

        query(gina, "mutation($w: ID!) { startLab(labId: \"pods-and-labels\", workspaceId: $w) { labId created } }",
                Map.of("w", id)).body("errors", nullValue());

        // Before: the task fails, with a hint on every failed check.
        query(gina, "mutation($w: ID!) { checkTask(workspaceId: $w, labId: \"pods-and-labels\", taskId: \"run-a-pod\") "
                + "{ passed score maxScore checks { passed hint } } }", Map.of("w", id))
                .body("data.checkTask.passed", equalTo(false))
                .body("data.checkTask.score", equalTo(0))
                .body("data.checkTask.checks.hint", org.hamcrest.Matchers.everyItem(notNullValue()));

        // The developer solves it (what kubectl create -f would do), the sandbox makes the pod Ready.
        try (InputStream in = Files.newInputStream(LABS.resolve("pods-and-labels/solution/run-a-pod.yaml"))) {
            for (HasMetadata object : PodWorkspaceFlowTest.k8s().load(in).items()) {
                PodWorkspaceFlowTest.k8s().resource(object).inNamespace(ns).create();
            }
        }
        boolean passed = false;
        for (int i = 0; i < 50 && !passed; i++) {
            passed = function(gina, "checkTask", Map.of("workspaceId", id, "labId", "pods-and-labels", "taskId", "run-a-pod"))
                    .statusCode(200).extract().path("passed");
            if (!passed) {
                sleep();
            }
        }
        assertTrue(passed, "the solved task passes");

        query(gina, "{ labProgress { labId taskId bestScore maxScore attempts passed labVersion } }")
                .body("data.labProgress.find { it.taskId == 'run-a-pod' }.passed", equalTo(true))
                .body("data.labProgress.find { it.taskId == 'run-a-pod' }.attempts", greaterThanOrEqualTo(2));

        // Nobody else grades or reads it; admins see everyone, and the CSV.
        query(TestTokens.developer("mallory"), "mutation($w: ID!) { checkTask(workspaceId: $w, labId: \"pods-and-labels\", "
                + "taskId: \"run-a-pod\") { passed } }", Map.of("w", id))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        query(TestTokens.developer("mallory"), "{ labProgress(owner: \"gina-lab\") { taskId } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        query(TestTokens.admin("root"), "{ labProgress(owner: \"gina-lab\") { owner taskId } }")
                .body("data.labProgress.owner", hasItem("gina-lab"));
        query(TestTokens.admin("root"), "{ labProgressCsv }")
                .body("data.labProgressCsv", containsString("owner,lab,task"))
                .body("data.labProgressCsv", containsString("gina-lab,pods-and-labels,run-a-pod"));
        query(gina, "{ labProgressCsv }").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
