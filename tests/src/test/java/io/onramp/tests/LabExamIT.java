package io.onramp.tests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.response.ValidatableResponse;

/**
 * The labs walk-through of the README, black-box: {@code ./onramp up}, list labs, read a tour, create a pod
 * workspace, create a reference solution's objects with {@code kubectl create --validate=false -f} against the
 * sandbox kubeconfig, {@code checkTask} passes and progress shows it; then an exam runs to its deadline (one minute,
 * the shortest this run allows) and the deadline duty produces the report.
 */
class LabExamIT {

    private static final String LAB = "pods-and-labels";

    @TempDir
    Path dataDir;

    @Test
    void aLabIsGradedFromKubectlAndAnExamRunsToItsDeadline() throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed");
        Map<String, String> env = Map.of(
                "ONRAMP_LABS_EXAM_MIN_MINUTES", "1",
                "ONRAMP_DUTIES__LABS_EXAM_DEADLINES__INTERVAL", "2s");
        try (OnrampProcess onramp = OnrampProcess.up(dataDir, env)) {
            String dev = onramp.get("ONRAMP_DEV_TOKEN");
            String kubeconfig = onramp.get("ONRAMP_SANDBOX_KUBECONFIG");

            gql(onramp, dev, "{ labs { id tasks { id } } }", Map.of())
                    .body("data.labs.id", hasItem(LAB));
            gql(onramp, dev, "query($lab: String!) { tour(labId: $lab, name: \"01-pods-and-labels\") { title steps json } }",
                    Map.of("lab", LAB))
                    .body("data.tour.steps", greaterThan(0));

            String id = gql(onramp, dev, "mutation { createPodWorkspace(input: {lab: \"" + LAB + "\"}) { id } }", Map.of())
                    .extract().path("data.createPodWorkspace.id");
            awaitState(onramp, dev, id, "RUNNING");

            kubectl(kubeconfig, "create", "--validate=false", "-n", "onramp-alice", "-f",
                    OnrampProcess.root().resolve("content/labs/" + LAB + "/solution/run-a-pod.yaml").toString());
            gql(onramp, dev, "mutation($ws: ID!, $lab: String!) { checkTask(workspaceId: $ws, labId: $lab, taskId: \"run-a-pod\") "
                    + "{ passed score maxScore checks { passed hint } } }", Map.of("ws", id, "lab", LAB))
                    .body("data.checkTask.passed", equalTo(true))
                    .body("data.checkTask.checks.passed", org.hamcrest.Matchers.everyItem(equalTo(true)));
            gql(onramp, dev, "{ labProgress { labId taskId passed attempts } }", Map.of())
                    .body("data.labProgress.find { it.taskId == 'run-a-pod' }.passed", equalTo(true))
                    .body("data.labProgress.find { it.taskId == 'run-a-pod' }.attempts", greaterThanOrEqualTo(1));

            // The exam resets the namespace: the pod made for practice is gone, the guardrails stay.
            ValidatableResponse started = gql(onramp, dev, "mutation($ws: ID!) { startExam(input: {labIds: [\"" + LAB
                    + "\"], workspaceId: $ws, minutes: 1}) { id state deadline tasks { taskId maxScore } } }", Map.of("ws", id))
                    .body("data.startExam.state", equalTo("OPEN"));
            String exam = started.extract().path("data.startExam.id");
            String pods = kubectl(kubeconfig, "get", "pods", "-n", "onramp-alice", "-o", "name");
            assertTrue(!pods.contains("pod/status-page"), "the exam's reset removed the practice objects:\n" + pods);

            // Solve one task of four during the exam; its check hides hints.
            kubectl(kubeconfig, "create", "--validate=false", "-n", "onramp-alice", "-f",
                    OnrampProcess.root().resolve("content/labs/" + LAB + "/solution/run-a-pod.yaml").toString());
            gql(onramp, dev, "mutation($ws: ID!, $lab: String!) { checkTask(workspaceId: $ws, labId: $lab, taskId: \"labels-and-annotations\") "
                    + "{ examId passed checks { hint } } }", Map.of("ws", id, "lab", LAB))
                    .body("data.checkTask.examId", equalTo(exam))
                    .body("data.checkTask.passed", equalTo(false))
                    .body("data.checkTask.checks.hint", org.hamcrest.Matchers.everyItem(nullValue()));

            // Nobody submits: the deadline duty closes and grades it.
            String state = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (System.nanoTime() < deadline) {
                state = gql(onramp, dev, "query($id: ID!) { exam(id: $id) { state } }", Map.of("id", exam))
                        .extract().path("data.exam.state");
                if ("CLOSED".equals(state)) {
                    break;
                }
                Thread.sleep(1000);
            }
            assertEquals("CLOSED", state, onramp.output());
            ValidatableResponse report = gql(onramp, dev, "query($id: ID!) { exam(id: $id) { closedBy score maxScore "
                    + "percent passed tasks { taskId score maxScore passed } } }", Map.of("id", exam))
                    .body("data.exam.closedBy", equalTo("DEADLINE"))
                    .body("data.exam.passed", equalTo(false))
                    .body("data.exam.tasks.find { it.taskId == 'run-a-pod' }.passed", equalTo(true))
                    .body("data.exam.tasks.find { it.taskId == 'labels-and-annotations' }.passed", equalTo(false));
            int score = report.extract().path("data.exam.score");
            int max = report.extract().path("data.exam.maxScore");
            List<Integer> taskMax = report.extract().path("data.exam.tasks.maxScore");
            assertEquals(max, taskMax.stream().mapToInt(Integer::intValue).sum());
            assertTrue(score > 0 && score < max, "one task of four solved: " + score + "/" + max);
        }
    }

    private static ValidatableResponse gql(OnrampProcess onramp, String token, String query, Map<String, Object> variables) {
        return given().baseUri(onramp.get("ONRAMP_URL")).contentType("application/json")
                .header("Authorization", "Bearer " + token)
                .body(Map.of("query", query, "variables", variables))
                .post("/graphql").then().statusCode(200).body("errors", nullValue());
    }

    private static void awaitState(OnrampProcess onramp, String token, String id, String wanted) throws InterruptedException {
        String state = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            state = gql(onramp, token, "query($id: ID!) { workspace(id: $id) { state } }", Map.of("id", id))
                    .extract().path("data.workspace.state");
            if (wanted.equals(state)) {
                return;
            }
            Thread.sleep(250);
        }
        assertEquals(wanted, state, onramp.output());
    }

    private static String kubectl(String kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
