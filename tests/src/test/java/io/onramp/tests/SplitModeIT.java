package io.onramp.tests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Split mode as two processes of the packaged application, started the way README's "Split mode" section says: the
 * functions (pods, vms, labs, coder) with the embedded PostgreSQL and the sandbox Kubernetes, and the gateway sharing
 * that database and data directory, with function URLs, and a kubeconfig that reaches nothing (the gateway holds no
 * rights in the cluster: anything that worked against the cluster went through the function).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitModeIT {

    static final String PING_SOURCE = "system:serviceaccount:onramp:onramp-pods-jobs-oidc-sources.knative.dev-pingsource";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path scratch;

    OnrampProcess functions;
    OnrampProcess gateway;
    String dev;
    String admin;
    String serviceToken;
    ServiceTokenMint mint;
    String workspaceId;

    @BeforeAll
    void start() throws Exception {
        functions = OnrampProcess.up(dataDir, Map.of("ONRAMP_DEPLOYMENT_SERVE", "pods,vms,labs,coder"));
        assertEquals("coder,labs,pods,vms", functions.get("ONRAMP_SERVES"));
        gateway = OnrampProcess.up(dataDir, gatewayEnv(true));
        dev = gateway.get("ONRAMP_DEV_TOKEN");
        admin = gateway.get("ONRAMP_ADMIN_TOKEN");
        serviceToken = Files.readString(Path.of(gateway.get("ONRAMP_SERVICE_TOKEN_FILE"))).trim();
        mint = new ServiceTokenMint(dataDir);
    }

    Map<String, String> gatewayEnv(boolean withLabs) throws IOException {
        Path nowhere = scratch.resolve("unreachable-kubeconfig");
        Files.writeString(nowhere, """
                apiVersion: v1
                kind: Config
                clusters: [{name: none, cluster: {server: "http://127.0.0.1:9"}}]
                users: [{name: none, user: {token: none}}]
                contexts: [{name: none, context: {cluster: none, user: none}}]
                current-context: none
                """, StandardCharsets.UTF_8);
        String url = functions.get("ONRAMP_URL");
        Map<String, String> env = new HashMap<>(Map.of(
                "ONRAMP_DEPLOYMENT_SERVE", "gateway",
                "ONRAMP_DB_URL", functions.get("ONRAMP_DB_URL"),
                "ONRAMP_DB_USER", functions.get("ONRAMP_DB_USER"),
                "ONRAMP_SANDBOX", "false",
                "ONRAMP_KUBECONFIG", nowhere.toString(),
                "ONRAMP_SPLIT_PODS_URL", url,
                "ONRAMP_SPLIT_VMS_URL", url));
        if (withLabs) {
            env.put("ONRAMP_SPLIT_LABS_URL", url);
        }
        return env;
    }

    @AfterAll
    void stop() throws InterruptedException, IOException {
        Path logs = OnrampProcess.root().resolve("tests/target");
        if (gateway != null) {
            gateway.close();
            Files.writeString(logs.resolve("split-gateway.log"), gateway.output());
        }
        if (functions != null) {
            functions.close();
            Files.writeString(logs.resolve("split-functions.log"), functions.output());
        }
    }

    ValidatableResponse graphql(String token, String query, Map<String, Object> variables) {
        RequestSpecification spec = given().baseUri(gateway.get("ONRAMP_URL")).contentType("application/json");
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.body(Map.of("query", query, "variables", variables)).post("/graphql").then().statusCode(200);
    }

    RequestSpecification function(String serviceBearer, String callerToken) {
        RequestSpecification spec = given().baseUri(functions.get("ONRAMP_URL")).contentType("application/json");
        if (serviceBearer != null) {
            spec = spec.header("Authorization", "Bearer " + serviceBearer);
        }
        if (callerToken != null) {
            spec = spec.header("X-Onramp-Caller-Token", callerToken);
        }
        return spec;
    }

    @Test
    @Order(1)
    void aWorkspaceRecordedByTheGatewayIsBuiltByThePodsFunction() throws InterruptedException {
        workspaceId = graphql(dev, "mutation { createPodWorkspace(input: {lab: \"services\"}) { id state namespace } }", Map.of())
                .body("errors", nullValue())
                .body("data.createPodWorkspace.state", equalTo("PROVISIONING"))
                .body("data.createPodWorkspace.namespace", equalTo("onramp-alice"))
                .extract().path("data.createPodWorkspace.id");
        assertEquals("RUNNING", waitFor(workspaceId, "RUNNING"), functions.output());
    }

    @Test
    @Order(2)
    void labsServedRemotelyAnswerWithTheSameDataAndCodesAsAllInOne() {
        Map<String, Object> w = Map.of("w", workspaceId);
        graphql(dev, "mutation($w: ID!) { startLab(labId: \"services\", workspaceId: $w) { labId workspaceId created } }", w)
                .body("errors", nullValue())
                .body("data.startLab.labId", equalTo("services"))
                .body("data.startLab.workspaceId", equalTo(workspaceId))
                .body("data.startLab.created", hasItem(containsString("toolbox")))
                .body("data.startLab.created", hasItem(containsString("catalog")));
        // the starter objects exist in the cluster now: starting again creates nothing
        graphql(dev, "mutation($w: ID!) { startLab(labId: \"services\", workspaceId: $w) { created } }", w)
                .body("data.startLab.created", empty());
        graphql(dev, "mutation($w: ID!) { checkTask(workspaceId: $w, labId: \"services\", taskId: \"cluster-ip-service\") "
                + "{ labId taskId passed score maxScore checks { id passed hint } } }", w)
                .body("errors", nullValue())
                .body("data.checkTask.passed", equalTo(false))
                .body("data.checkTask.score", equalTo(0))
                .body("data.checkTask.maxScore", greaterThan(0))
                .body("data.checkTask.checks.hint", everyItem(notNullValue()));
        // the grading was stored as progress (the labs function wrote it, the gateway reads it)
        graphql(dev, "{ labProgress { labId taskId attempts bestScore } }", Map.of())
                .body("data.labProgress.taskId", hasItem("cluster-ip-service"));

        // the same typed errors, with the same messages, as the all-in-one process
        graphql(dev, "mutation($w: ID!) { startLab(labId: \"no-such-lab\", workspaceId: $w) { created } }", w)
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("errors[0].message", equalTo("There is no lab 'no-such-lab'."));
        graphql(dev, "mutation($w: ID!) { checkTask(workspaceId: $w, labId: \"services\", taskId: \"nope\") { passed } }", w)
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("errors[0].message", equalTo("Lab 'services' has no task 'nope'."));
        String bobs = graphql(admin, "mutation { createPodWorkspace(input: {owner: \"bob\", ide: NONE}) { id } }", Map.of())
                .body("errors", nullValue()).extract().path("data.createPodWorkspace.id");
        graphql(dev, "mutation($w: ID!) { startLab(labId: \"services\", workspaceId: $w) { created } }", Map.of("w", bobs))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].message", equalTo("You may act only on your own workspaces."));
        graphql(null, "mutation($w: ID!) { checkTask(workspaceId: $w, labId: \"services\", taskId: \"udp-port\") { passed } }", w)
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));

        // the gateway's own function routes forward the same way
        given().baseUri(gateway.get("ONRAMP_URL")).contentType("application/json").header("Authorization", "Bearer " + dev)
                .body(Map.of("labId", "no-such-lab", "workspaceId", workspaceId)).post("/startLab")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    @Order(3)
    void podsAndVmsOperationsThatNeedTheirFunctionGoThere() {
        graphql(admin, "{ isolationReport(owner: \"alice\") { namespace pods summary { reachesOtherTenants } } }", Map.of())
                .body("errors", nullValue())
                .body("data.isolationReport.namespace", equalTo("onramp-alice"))
                .body("data.isolationReport.summary.reachesOtherTenants", equalTo(false));
        graphql(dev, "{ isolationReport(owner: \"alice\") { namespace } }", Map.of())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        String password = graphql(dev, "mutation($w: ID!) { revealAccessPassword(id: $w) { password } }", Map.of("w", workspaceId))
                .body("errors", nullValue()).extract().path("data.revealAccessPassword.password");
        assertTrue(password != null && password.length() >= 16);
        // no Exoscale credentials in the vms function: the same UNAVAILABLE, naming the settings, as all-in-one
        graphql(dev, "mutation { createVmWorkspace(input: {idempotencyKey: \"split-vm\"}) { id } }", Map.of())
                .body("errors[0].extensions.code", equalTo("UNAVAILABLE"))
                .body("errors[0].message", containsString("EXOSCALE_API_KEY"));
    }

    @Test
    @Order(4)
    void aPauseRecordedByTheGatewayIsCarriedOutByThePodsFunction() throws InterruptedException {
        graphql(dev, "mutation($w: ID!) { pauseWorkspace(id: $w) { state } }", Map.of("w", workspaceId))
                .body("errors", nullValue()).body("data.pauseWorkspace.state", equalTo("PAUSING"));
        assertEquals("PAUSED", waitFor(workspaceId, "PAUSED"), functions.output());
        graphql(dev, "mutation($w: ID!) { resumeWorkspace(id: $w) { state } }", Map.of("w", workspaceId))
                .body("errors", nullValue());
        assertEquals("RUNNING", waitFor(workspaceId, "RUNNING"), functions.output());
    }

    @Test
    @Order(5)
    void theFunctionAcceptsOnlyServiceIdentities() {
        Map<String, String> start = Map.of("labId", "services", "workspaceId", workspaceId);
        // a developer (or an admin) calling the function directly: not a service identity
        function(dev, null).body(start).post("/startLab").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED")).header("X-Onramp-Refused", "service");
        function(admin, null).body(Map.of()).post("/labs").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        function(null, dev).body(start).post("/startLab").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        // a valid cluster identity that is not Onramp's gateway or scheduler
        function(mint.token("system:serviceaccount:onramp-alice:developer"), dev).body(start).post("/startLab")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        // the gateway's identity for another audience, or expired
        function(mint.token("system:serviceaccount:onramp:onramp-gateway", "https://kubernetes.default.svc", 600), dev)
                .body(start).post("/startLab").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        function(mint.token("system:serviceaccount:onramp:onramp-gateway", "onramp-functions", -600), dev)
                .body(start).post("/startLab").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        // the gateway's identity, but no user, or a user token that does not verify: rejected like an anonymous user
        function(serviceToken, null).body(start).post("/startLab").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED")).header("X-Onramp-Refused", nullValue());
        function(serviceToken, "not-a-token").body(start).post("/startLab").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        function(serviceToken, serviceToken).body(start).post("/startLab").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        // the gateway's identity and the user's token: the function checks that user as the gateway would
        function(serviceToken, dev).body(start).post("/startLab").then().statusCode(200).body("created", empty());
        // GraphQL is the gateway's: the function does not serve it
        function(serviceToken, dev).body(Map.of("query", "{ me { username } }")).post("/graphql").then().statusCode(404)
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        // health stays open for the platform's probes
        given().baseUri(functions.get("ONRAMP_URL")).get("/q/health/live").then().statusCode(200);
    }

    @Test
    @Order(6)
    void thePingSourceIdentityRunsTheFunctionsDuties() {
        function(mint.token(PING_SOURCE), null).body(Map.of("name", "pods.jobs")).post("/runDuty").then()
                .statusCode(200).body("duty", equalTo("pods.jobs"));
        function(serviceToken, null).body(Map.of("name", "vms.jobs")).post("/runDuty").then()
                .statusCode(200).body("duty", equalTo("vms.jobs"));
        function(mint.token(PING_SOURCE), null).body(Map.of("name", "no.such.duty")).post("/runDuty").then()
                .statusCode(404).body("code", equalTo("NOT_FOUND"));
        // a developer forwarded by the gateway is no scheduler
        function(serviceToken, dev).body(Map.of("name", "pods.jobs")).post("/runDuty").then()
                .statusCode(403).body("code", equalTo("FORBIDDEN"));
        function(mint.token("system:serviceaccount:default:default"), null).body(Map.of("name", "pods.jobs"))
                .post("/runDuty").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        // the gateway does not run the functions' duties
        given().baseUri(gateway.get("ONRAMP_URL")).contentType("application/json").header("Authorization", "Bearer " + admin)
                .body(Map.of("name", "pods.jobs")).post("/runDuty").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    @Order(7)
    void aGatewayThatCannotReachAGroupRefusesToStart() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(OnrampProcess.root().resolve("onramp").toString(), "up", "--port",
                Integer.toString(OnrampProcess.freePort()), "--data-dir", dataDir.toString())
                .directory(OnrampProcess.root().toFile()).redirectErrorStream(true);
        builder.environment().put("ONRAMP_SKIP_BUILD", "true");
        builder.environment().putAll(gatewayEnv(false));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertNotEquals(0, process.exitValue(), output);
        assertTrue(output.contains("ONRAMP_SPLIT_LABS_URL"), output);
        assertTrue(!output.contains("Try: curl"), "it never served:\n" + output);
    }

    String waitFor(String id, String wanted) throws InterruptedException {
        String state = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            state = graphql(dev, "query($id: ID!) { workspace(id: $id) { state } }", Map.of("id", id))
                    .extract().path("data.workspace.state");
            if (wanted.equals(state)) {
                return state;
            }
            Thread.sleep(250);
        }
        return state;
    }
}
