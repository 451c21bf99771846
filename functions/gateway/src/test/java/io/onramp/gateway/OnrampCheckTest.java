package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.function;
import static io.onramp.gateway.GraphQLClient.query;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.onramp.core.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * {@code onramp-check} for real: the script Onramp put into the workspace (read back from its ConfigMap) runs with
 * {@code sh}, with the environment code-server gets (workspace id from the Deployment, token from the Secret), against
 * this running application over HTTP. Output and exit codes for a failing and a passing task, lab progress, a bad
 * token, another workspace, missing settings; the token refused everywhere else with a typed, audited error; a
 * developer token working the same way; the token dead once the workspace is deleted and a new one after it is
 * recreated; and the token never in a log line.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class OnrampCheckTest {

    static final String LAB = "pods-and-labels";
    static final String TASK = "run-a-pod";
    static final String TITLE = "Run the status page in a Pod";
    static final String ADMIN = TestTokens.admin("root");
    static final List<LogRecord> LOGS = new CopyOnWriteArrayList<>();
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOGS.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    record Workspace(String owner, String devToken, String id, String namespace, String token, Path script) {
    }

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeAll
    static void captureLogs() {
        java.util.logging.Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stopCapturing() {
        java.util.logging.Logger.getLogger("").removeHandler(CAPTURE);
    }

    static String url() {
        return "http://localhost:" + RestAssured.port;
    }

    /** A running pod workspace with the lab, and what Onramp put into it for onramp-check. */
    static Workspace workspace(String owner) throws IOException {
        String dev = TestTokens.developer(owner);
        String id = query(dev, "mutation { createPodWorkspace(input: {lab: \"" + LAB + "\"}) { id namespace } }")
                .body("errors", nullValue()).extract().path("data.createPodWorkspace.id");
        PodWorkspaceFlowTest.waitForState(dev, id, "RUNNING");
        String ns = "onramp-" + owner;

        Deployment d = PodWorkspaceFlowTest.k8s().apps().deployments().inNamespace(ns).withName("code-server").get();
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(id, env(c, "ONRAMP_WORKSPACE_ID").getValue());
        assertEquals("http://onramp.onramp.svc.cluster.local", env(c, "ONRAMP_URL").getValue(), "the configured URL");
        assertTrue(env(c, "PATH").getValue().endsWith(":/onramp/bin"));
        assertEquals("onramp-token", env(c, "ONRAMP_TOKEN").getValueFrom().getSecretKeyRef().getKey());

        String encoded = PodWorkspaceFlowTest.k8s().secrets().inNamespace(ns).withName("code-server").get().getData()
                .get(env(c, "ONRAMP_TOKEN").getValueFrom().getSecretKeyRef().getKey());
        String token = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);

        String script = PodWorkspaceFlowTest.k8s().configMaps().inNamespace(ns).withName("onramp-tools").get()
                .getData().get("onramp-check");
        Path file = Files.createTempFile("onramp-check-", ".sh");
        file.toFile().deleteOnExit();
        Files.writeString(file, script);
        return new Workspace(owner, dev, id, ns, token, file);
    }

    static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    }

    /** The workspace's environment as code-server has it, pointed at this application. */
    static Map<String, String> envOf(Workspace w) {
        Map<String, String> env = new HashMap<>();
        env.put("ONRAMP_URL", url());
        env.put("ONRAMP_TOKEN", w.token());
        env.put("ONRAMP_WORKSPACE_ID", w.id());
        return env;
    }

    static Run run(Path script, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile("onramp-check-out", ".txt");
            Path err = Files.createTempFile("onramp-check-err", ".txt");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("onramp-check did not finish in 60 s");
            }
            Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void solve(Workspace w) throws IOException {
        try (InputStream in = Files.newInputStream(LabFlowTest.LABS.resolve(LAB + "/solution/" + TASK + ".yaml"))) {
            for (HasMetadata object : PodWorkspaceFlowTest.k8s().load(in).items()) {
                PodWorkspaceFlowTest.k8s().resource(object).inNamespace(w.namespace()).create();
            }
        }
    }

    @Test
    void gradesATaskFromInsideTheWorkspace() throws IOException {
        Workspace w = workspace("olga-check");
        query(w.devToken(), "mutation($w: ID!) { startLab(labId: \"" + LAB + "\", workspaceId: $w) { labId } }",
                Map.of("w", w.id())).body("errors", nullValue());

        Run failing = run(w.script(), envOf(w), LAB, TASK);
        assertEquals(1, failing.exit(), failing.toString());
        List<String> lines = failing.out().lines().toList();
        assertEquals(TITLE + " (" + LAB + "/" + TASK + ")", lines.get(0), failing.toString());
        assertTrue(lines.contains("FAIL  status-page-image (1)  Pod status-page runs nginxinc/nginx-unprivileged:1.27 "
                + "in a container named web"), failing.toString());
        assertTrue(lines.contains("      hint: The container must be named web (kubectl run names it after the Pod "
                + "unless you edit the YAML)."), failing.toString());
        assertTrue(lines.contains("score 0/3"), failing.toString());
        assertTrue(lines.contains("Not passed yet: 3 of 3 checks failed."), failing.toString());
        assertEquals("", failing.err());

        solve(w);
        Run passing = null;
        for (int i = 0; i < 50 && (passing == null || passing.exit() != 0); i++) {
            passing = run(w.script(), envOf(w), LAB, TASK);
            if (passing.exit() != 0) {
                LabFlowTest.sleep();
            }
        }
        assertEquals(0, passing.exit(), passing.toString());
        assertTrue(passing.out().contains("PASS  status-page-image (1)"), passing.toString());
        assertFalse(passing.out().contains("FAIL"), passing.toString());
        assertFalse(passing.out().contains("hint:"), "no hints when everything passed");
        assertTrue(passing.out().lines().toList().containsAll(List.of("score 3/3", "Task passed.")), passing.toString());

        Run progress = run(w.script(), envOf(w), LAB);
        assertEquals(0, progress.exit(), progress.toString());
        assertTrue(progress.out().startsWith("Pods, labels and annotations (pods-and-labels): 1 of "), progress.toString());
        assertTrue(progress.out().lines().anyMatch(l -> l.startsWith("PASS  run-a-pod") && l.contains("best 3/3")),
                progress.toString());
        assertTrue(progress.out().lines().anyMatch(l -> l.startsWith("TODO  labels-and-annotations")), progress.toString());

        // what the script recorded is the developer's progress, as GraphQL shows it
        query(w.devToken(), "{ labProgress { labId taskId passed attempts } }")
                .body("data.labProgress.find { it.taskId == 'run-a-pod' }.passed", equalTo(true));

        // the same route answers JSON to tools that ask for it
        given().contentType(ContentType.JSON).accept(ContentType.JSON).header("Authorization", "Bearer " + w.token())
                .body(Map.of("workspaceId", w.id(), "labId", LAB, "taskId", TASK)).post("/workspace/check").then()
                .statusCode(200).header("Onramp-Task-Passed", "true")
                .body("title", equalTo(TITLE)).body("result.passed", equalTo(true))
                .body("result.checks.id", hasItem("status-page-port"));

        // nothing of the token in any log line written meanwhile
        assertFalse(LOGS.isEmpty(), "the capture works");
        for (LogRecord r : LOGS) {
            String line = String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters())
                    + (r.getThrown() == null ? "" : " " + r.getThrown());
            assertFalse(line.contains(w.token()), "a log line holds the token: " + line);
        }
    }

    @Test
    void errorsAreTypedAndEndWithExitCodeTwo() throws IOException {
        Workspace w = workspace("pia-check");
        Workspace other = workspace("quinn-check");

        Run bad = run(w.script(), Map.of("ONRAMP_URL", url(), "ONRAMP_WORKSPACE_ID", w.id(),
                "ONRAMP_TOKEN", "onramp_ws_not-a-real-token-0000000000000000000000"), LAB, TASK);
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("(UNAUTHENTICATED)"), bad.toString());
        assertEquals("", bad.out());

        Map<String, String> wrongWorkspace = new HashMap<>(envOf(w));
        wrongWorkspace.put("ONRAMP_WORKSPACE_ID", other.id());
        Run foreign = run(w.script(), wrongWorkspace, LAB, TASK);
        assertEquals(2, foreign.exit(), foreign.toString());
        assertTrue(foreign.err().contains("belongs to another workspace") && foreign.err().contains("(FORBIDDEN)"),
                foreign.toString());
        query(ADMIN, "query($a: String) { auditLog(actor: $a, first: 20) { nodes { operation target outcome } } }",
                Map.of("a", "workspace:" + w.id()))
                .body("data.auditLog.nodes.find { it.target == '" + other.id() + "' }.outcome", equalTo("DENIED"));

        Run unknownTask = run(w.script(), envOf(w), LAB, "no-such-task");
        assertEquals(2, unknownTask.exit());
        assertTrue(unknownTask.err().contains("has no task 'no-such-task'") && unknownTask.err().contains("(NOT_FOUND)"),
                unknownTask.toString());

        Map<String, String> noToken = new HashMap<>(envOf(w));
        noToken.remove("ONRAMP_TOKEN");
        Run missing = run(w.script(), noToken, LAB, TASK);
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("ONRAMP_TOKEN is not set"), missing.toString());

        Map<String, String> nowhere = new HashMap<>(envOf(w));
        nowhere.put("ONRAMP_URL", "http://127.0.0.1:1");
        Run unreachable = run(w.script(), nowhere, LAB, TASK);
        assertEquals(2, unreachable.exit());
        assertTrue(unreachable.err().contains("could not reach Onramp at http://127.0.0.1:1"), unreachable.toString());

        assertEquals(2, run(w.script(), envOf(w)).exit(), "usage");
        assertEquals(2, run(w.script(), envOf(w), LAB, TASK, "extra").exit(), "usage");
        Run badId = run(w.script(), envOf(w), "Pods_And_Labels", TASK);
        assertEquals(2, badId.exit());
        assertTrue(badId.err().contains("is not a lab id"), badId.toString());
        for (Run r : List.of(bad, foreign, unknownTask, missing, unreachable, badId)) {
            assertFalse(r.out().contains(w.token()) || r.err().contains(w.token()), "the token is never printed");
        }

        // A developer token works the same way (Coder workspaces give the developer's own token), with the same rules.
        Map<String, String> withJwt = new HashMap<>(envOf(w));
        withJwt.put("ONRAMP_TOKEN", w.devToken());
        assertEquals(1, run(w.script(), withJwt, LAB, TASK).exit(), "graded, not passed");
        withJwt.put("ONRAMP_TOKEN", TestTokens.developer("mallory"));
        Run mallory = run(w.script(), withJwt, LAB, TASK);
        assertEquals(2, mallory.exit());
        assertTrue(mallory.err().contains("(FORBIDDEN)"), mallory.toString());
    }

    @Test
    void theTokenIsGoodForNothingElse() throws IOException {
        Workspace w = workspace("rhea-check");
        String token = w.token();
        query(token, "{ me { username } }").statusCode(403).body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("data", nullValue());
        query(token, "mutation($w: ID!) { checkTask(workspaceId: $w, labId: \"" + LAB + "\", taskId: \"" + TASK
                + "\") { passed } }", Map.of("w", w.id())).statusCode(403)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        query(token, "mutation($w: ID!) { deleteWorkspace(id: $w) { state } }", Map.of("w", w.id()))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        for (String route : List.of("checkTask", "me", "workspaces", "labProgress", "deleteWorkspace", "labs")) {
            function(token, route, Map.of("workspaceId", w.id(), "id", w.id(), "labId", LAB, "taskId", TASK))
                    .statusCode(403).body("code", equalTo("FORBIDDEN"));
        }
        query(ADMIN, "query($a: String) { auditLog(actor: $a, first: 50) { nodes { operation outcome } } }",
                Map.of("a", "workspace:" + w.id()))
                .body("data.auditLog.nodes.operation", hasItem("/graphql"))
                .body("data.auditLog.nodes.operation", hasItem("/deleteWorkspace"))
                .body("data.auditLog.nodes.outcome", org.hamcrest.Matchers.everyItem(equalTo("DENIED")));
        PodWorkspaceFlowTest.waitForState(w.devToken(), w.id(), "RUNNING"); // the refused delete did nothing

        // Bad requests to the route itself get the envelope.
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token).body("{not json")
                .post("/workspace/check").then().statusCode(400).body("code", equalTo("BAD_USER_INPUT"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("workspaceId", w.id(), "labId", LAB)).post("/workspace/check").then().statusCode(400)
                .body("message", equalTo("Give taskId as a string."));
        given().contentType(ContentType.JSON).body(Map.of("workspaceId", w.id(), "labId", LAB, "taskId", TASK))
                .post("/workspace/check").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().header("Authorization", "Bearer " + token).get("/workspace/check").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void deletedMeansRevokedAndRecreatedMeansANewToken() throws IOException {
        Workspace w = workspace("sven-check");
        assertEquals(1, run(w.script(), envOf(w), LAB, TASK).exit(), "works while the workspace lives");

        query(w.devToken(), "mutation($w: ID!) { deleteWorkspace(id: $w) { state } }", Map.of("w", w.id()))
                .body("errors", nullValue());
        Run afterDelete = run(w.script(), envOf(w), LAB, TASK);
        assertEquals(2, afterDelete.exit(), afterDelete.toString());
        assertTrue(afterDelete.err().contains("not valid (any more)") && afterDelete.err().contains("(UNAUTHENTICATED)"),
                afterDelete.toString());
        PodWorkspaceFlowTest.waitForState(w.devToken(), w.id(), "DELETED");

        Workspace again = null;
        for (int i = 0; i < 100 && again == null; i++) {
            try {
                again = workspace("sven-check");
            } catch (AssertionError e) { // the old namespace may still be going away
                LabFlowTest.sleep();
            }
        }
        assertNotNull(again);
        assertNotEquals(w.id(), again.id());
        assertNotEquals(w.token(), again.token(), "rotated with the workspace");
        assertEquals(1, run(again.script(), envOf(again), LAB, TASK).exit(), "the new token works");
        Map<String, String> oldToken = new HashMap<>(envOf(again));
        oldToken.put("ONRAMP_TOKEN", w.token());
        assertEquals(2, run(again.script(), oldToken, LAB, TASK).exit(), "the old one stays dead");
    }
}
