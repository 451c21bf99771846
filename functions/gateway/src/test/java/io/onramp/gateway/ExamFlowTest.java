package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.function;
import static io.onramp.gateway.GraphQLClient.query;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.testing.TestTokens;
import io.onramp.labs.exam.ExamDeadlines;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * An exam over the wire: a developer starts one in her workspace (the namespace is reset, hints disappear), solves a
 * task, the deadline passes and the engine's deadline duty grades it; she and admins read the report, nobody else
 * does; admins follow her cohort's progress and export it.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ExamFlowTest {

    static final String EXAM_FIELDS = "{ id owner workspaceId labIds minutes state prepared startedAt deadline "
            + "secondsLeft closedAt closedBy score maxScore percent passPercent passed "
            + "tasks { position labId taskId title text maxScore score passed checkRuns } }";
    static final String START = "mutation($in: StartExamInput!) { startExam(input: $in) " + EXAM_FIELDS + " }";
    static final String CHECK = "mutation($w: ID!) { checkTask(workspaceId: $w, labId: \"pods-and-labels\", "
            + "taskId: \"run-a-pod\") { passed score maxScore examId checks { passed hint } } }";

    @Inject
    ExamDeadlines deadlines;

    @Test
    void anExamRunsToItsDeadlineAndProducesAReport() throws IOException {
        String erin = TestTokens.developer("erin-exam");
        String mallory = TestTokens.developer("mallory-exam");
        String admin = TestTokens.admin("root");
        String ws = query(erin, "mutation { createPodWorkspace(input: {idempotencyKey: \"exam-day\"}) { id } }")
                .body("errors", nullValue()).extract().path("data.createPodWorkspace.id");
        PodWorkspaceFlowTest.waitForState(erin, ws, "RUNNING");
        String ns = "onramp-erin-exam";
        // left over from practice: goes with the reset
        query(erin, "mutation($w: ID!) { startLab(labId: \"services\", workspaceId: $w) { created } }", Map.of("w", ws))
                .body("errors", nullValue());
        assertTrue(PodWorkspaceFlowTest.k8s().pods().inNamespace(ns).withName("toolbox").get() != null);

        Map<String, Object> input = Map.of("labIds", List.of("pods-and-labels"), "workspaceId", ws, "minutes", 5);
        JsonPath started = query(erin, START, Map.of("in", input)).body("errors", nullValue()).extract().jsonPath();
        String examId = started.getString("data.startExam.id");
        assertEquals("OPEN", started.getString("data.startExam.state"));
        assertEquals(true, started.getBoolean("data.startExam.prepared"));
        assertEquals(4, started.getList("data.startExam.tasks").size());
        assertTrue(started.getInt("data.startExam.secondsLeft") > 200);
        assertTrue(started.getString("data.startExam.tasks[0].text").contains("## Goal"));
        assertTrue(!started.getString("data.startExam.tasks[0].text").contains("<details>"), "no solution in exams");
        assertEquals(null, PodWorkspaceFlowTest.k8s().pods().inNamespace(ns).withName("toolbox").get(),
                "the developer's objects are gone");
        assertTrue(PodWorkspaceFlowTest.k8s().apps().deployments().inNamespace(ns).withName("code-server").get() != null,
                "the IDE stays");

        // a retry returns the same exam; other requests get typed errors
        query(erin, START, Map.of("in", input)).body("data.startExam.id", equalTo(examId));
        query(erin, START, Map.of("in", Map.of("labIds", List.of("services"), "workspaceId", ws, "minutes", 5)))
                .body("errors[0].extensions.code", equalTo("CONFLICT"));
        query(erin, START, Map.of("in", Map.of("labIds", List.of("pods-and-labels"), "workspaceId", ws, "minutes", 2)))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        query(erin, START, Map.of("in", Map.of("labIds", List.of("no-such-lab"), "workspaceId", ws, "minutes", 5)))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        query(mallory, START, Map.of("in", input)).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        function(erin, "startExam", Map.of("labIds", List.of("pods-and-labels"), "workspaceId", ws, "minutes", 500))
                .statusCode(400).body("code", equalTo("BAD_USER_INPUT"));
        function(erin, "startExam", input).statusCode(200).body("id", equalTo(examId));

        // hints are hidden from erin while the exam runs
        query(erin, "{ lab(id: \"pods-and-labels\") { tasks { hints solution } } }")
                .body("data.lab.tasks.hints", everyItem(empty()))
                .body("data.lab.tasks.solution", everyItem(org.hamcrest.Matchers.nullValue()));
        query(mallory, "{ lab(id: \"pods-and-labels\") { tasks { hints } } }")
                .body("data.lab.tasks[0].hints", not(empty()));
        query(erin, CHECK, Map.of("w", ws))
                .body("data.checkTask.passed", equalTo(false))
                .body("data.checkTask.examId", equalTo(examId))
                .body("data.checkTask.checks.hint", everyItem(nullValue()));

        // erin solves the first task (what kubectl create -f would do); the sandbox makes the pod run
        try (InputStream in = Files.newInputStream(LabFlowTest.LABS.resolve("pods-and-labels/solution/run-a-pod.yaml"))) {
            for (HasMetadata object : PodWorkspaceFlowTest.k8s().load(in).items()) {
                PodWorkspaceFlowTest.k8s().resource(object).inNamespace(ns).create();
            }
        }
        boolean passed = false;
        for (int i = 0; i < 50 && !passed; i++) {
            passed = function(erin, "checkTask", Map.of("workspaceId", ws, "labId", "pods-and-labels",
                    "taskId", "run-a-pod")).statusCode(200).extract().path("passed");
            if (!passed) {
                LabFlowTest.sleep();
            }
        }
        assertTrue(passed, "the solved task passes during the exam");

        // nobody else reads or submits it
        query(mallory, "query($id: ID!) { exam(id: $id) { score } }", Map.of("id", examId))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        query(mallory, "mutation($id: ID!) { submitExam(examId: $id) { state } }", Map.of("id", examId))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        function(mallory, "exam", Map.of("examId", examId)).statusCode(403).body("code", equalTo("FORBIDDEN"));
        query(mallory, "{ exams(owner: \"erin-exam\") { id } }").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        query(mallory, "{ exams { id } }").body("data.exams", empty());
        query(erin, "{ exam(id: \"not-an-id\") { id } }").body("errors[0].extensions.code", equalTo("NOT_FOUND"));

        // the deadline passes: the engine's duty grades and closes it
        DutyReport report = deadlines.run(Instant.now().plus(Duration.ofMinutes(6)));
        assertTrue(report.acted() >= 1, report.toString());
        JsonPath closed = query(erin, "query($id: ID!) { exam(id: $id) " + EXAM_FIELDS + " }", Map.of("id", examId))
                .body("errors", nullValue())
                .body("data.exam.state", equalTo("CLOSED"))
                .body("data.exam.closedBy", equalTo("DEADLINE"))
                .body("data.exam.secondsLeft", nullValue())
                .body("data.exam.tasks.find { it.taskId == 'run-a-pod' }.passed", equalTo(true))
                .body("data.exam.tasks.find { it.taskId == 'run-a-pod' }.checkRuns", greaterThan(1))
                .body("data.exam.tasks.find { it.taskId == 'labels-and-annotations' }.score", equalTo(0))
                .body("data.exam.passed", equalTo(false))
                .body("data.exam.passPercent", equalTo(66))
                .extract().jsonPath();
        int runAPod = closed.getInt("data.exam.tasks.find { it.taskId == 'run-a-pod' }.maxScore");
        assertEquals(runAPod, closed.getInt("data.exam.tasks.find { it.taskId == 'run-a-pod' }.score"));
        assertEquals(runAPod, closed.getInt("data.exam.score"));
        assertEquals(Math.round(runAPod * 1000.0 / closed.getInt("data.exam.maxScore")) / 10.0,
                closed.getDouble("data.exam.percent"), 0.001);

        // submitting afterwards returns the same report; admins see it too; erin is told through a workspace event
        function(erin, "submitExam", Map.of("examId", examId)).statusCode(200)
                .body("state", equalTo("CLOSED")).body("closedBy", equalTo("DEADLINE")).body("score", equalTo(runAPod));
        query(admin, "query($id: ID!) { exam(id: $id) { owner score } }", Map.of("id", examId))
                .body("data.exam.owner", equalTo("erin-exam")).body("data.exam.score", equalTo(runAPod));
        query(admin, "{ exams(owner: \"erin-exam\") { id } }").body("data.exams.id", hasItem(examId));
        query(erin, "{ exams { id state } }").body("data.exams.id", hasItem(examId));
        query(erin, "query($w: ID!) { workspaceEvents(workspaceId: $w) { kind message } }", Map.of("w", ws))
                .body("data.workspaceEvents.kind", hasItem("exam-closed"));

        // after the exam: hints are back and checks are practice again
        query(erin, "{ lab(id: \"pods-and-labels\") { tasks { hints } } }")
                .body("data.lab.tasks[0].hints", not(empty()));
        query(erin, CHECK, Map.of("w", ws)).body("data.checkTask.examId", nullValue())
                .body("data.checkTask.passed", equalTo(true));

        // the instructor view of erin's cohort
        query(erin, "mutation { setCohort(name: \"june-2026\", owners: [\"erin-exam\"]) { name } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        query(admin, "mutation { setCohort(name: \"june-2026\", owners: [\"erin-exam\", \"frank-exam\"]) { name owners } }")
                .body("errors", nullValue())
                .body("data.setCohort.owners", equalTo(List.of("erin-exam", "frank-exam")));
        query(admin, "{ cohorts { name owners } }").body("data.cohorts.name", hasItem("june-2026"));
        query(admin, "{ labProgress(cohort: \"june-2026\") { owner taskId passed } }")
                .body("errors", nullValue())
                .body("data.labProgress.owner", everyItem(equalTo("erin-exam")))
                .body("data.labProgress.find { it.taskId == 'run-a-pod' }.passed", equalTo(true));
        query(admin, "{ labProgressCsv(cohort: \"june-2026\") }")
                .body("data.labProgressCsv", containsString("owner,lab,task"))
                .body("data.labProgressCsv", containsString("erin-exam,pods-and-labels,run-a-pod"))
                .body("data.labProgressCsv", not(containsString("gina-lab")));
        function(admin, "labProgressCsv", Map.of("cohort", "june-2026")).statusCode(200)
                .body(containsString("erin-exam,pods-and-labels,run-a-pod"));
        query(erin, "{ labProgress(cohort: \"june-2026\") { owner } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        function(erin, "labProgress", Map.of("cohort", "june-2026")).statusCode(403);
        query(erin, "{ labProgress { owner } }").body("data.labProgress.owner", everyItem(equalTo("erin-exam")));
        query(null, "{ exams { id } }").body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        query(erin, "{ exams { secondsLeft } }").body("data.exams.secondsLeft", everyItem(nullValue()));
        query(erin, "{ exams { closedAt } }").body("data.exams.closedAt", everyItem(notNullValue()));
    }
}
