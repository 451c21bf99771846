package io.onramp.labs.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.onramp.core.error.OnrampException;
import io.onramp.edge.auth.Callers;
import io.onramp.edge.auth.EntryPoints;
import io.onramp.edge.http.ErrorResponses;
import io.onramp.labs.Lab;
import io.onramp.labs.LabService;
import io.onramp.labs.Task;
import io.onramp.labs.api.LabOperations.GradedTask;
import io.onramp.labs.api.LabViews.ProgressView;
import io.onramp.labs.api.LabViews.TaskResultView;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The routes {@code onramp-check} calls from inside a workspace, the only ones a workspace token is accepted on
 * (the {@link io.onramp.edge.auth.AuthenticationFilter} authenticates them like every route; developer tokens work
 * too):
 * <ul>
 * <li>{@code POST /workspace/check} {@code {"workspaceId", "labId", "taskId"}}: the same grading as GraphQL
 * {@code checkTask} ({@link LabOperations#grade}), recorded as progress. With {@code Accept: text/plain} the answer
 * is the report the developer reads (task title, one PASS/FAIL line per check with hints, score) and the header
 * {@value #PASSED_HEADER} says whether the task passed; otherwise the {@code TaskResult} as JSON plus the title.</li>
 * <li>{@code POST /workspace/progress} {@code {"workspaceId", "labId"}}: the owner's progress in that lab.</li>
 * </ul>
 * Errors are the usual envelope {@code {"code", "message"}} with the code's status, whatever was accepted.
 */
@ApplicationScoped
public class WorkspaceCheckRoute {

    public static final String CHECK = EntryPoints.WORKSPACE_ROUTES + "check";
    public static final String PROGRESS = EntryPoints.WORKSPACE_ROUTES + "progress";
    public static final String PASSED_HEADER = "Onramp-Task-Passed";
    private static final int MAX_BODY = 4096;

    private final LabOperations operations;
    private final LabService labs;
    private final ObjectMapper json;

    public WorkspaceCheckRoute(LabOperations operations, LabService labs, ObjectMapper json) {
        this.operations = operations;
        this.labs = labs;
        this.json = json;
    }

    void install(@Observes Router router) {
        for (String path : List.of(CHECK, PROGRESS)) {
            router.post(path).order(-700).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        }
        router.post(CHECK).order(-699).blockingHandler(this::check, false);
        router.post(PROGRESS).order(-699).blockingHandler(this::progress, false);
    }

    void check(RoutingContext rc) {
        try {
            JsonNode body = body(rc);
            GradedTask graded = operations.grade(Callers.of(rc), text(body, "workspaceId"), text(body, "labId"),
                    text(body, "taskId"));
            rc.response().putHeader(PASSED_HEADER, Boolean.toString(graded.result().passed()));
            if (wantsText(rc)) {
                sendText(rc, CheckReports.task(graded));
            } else {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("title", graded.task().title());
                answer.put("result", TaskResultView.of(graded.lab().id(), graded.task().id(), graded.result(),
                        graded.examId()));
                sendJson(rc, answer);
            }
        } catch (OnrampException e) {
            ErrorResponses.send(rc, e);
        }
    }

    void progress(RoutingContext rc) {
        try {
            JsonNode body = body(rc);
            String labId = text(body, "labId");
            List<ProgressView> rows = operations.progressIn(Callers.of(rc), text(body, "workspaceId"), labId);
            if (wantsText(rc)) {
                sendText(rc, CheckReports.progress(labs.lab(labId), rows));
            } else {
                sendJson(rc, rows);
            }
        } catch (OnrampException e) {
            ErrorResponses.send(rc, e);
        }
    }

    private JsonNode body(RoutingContext rc) {
        String text = rc.body() == null ? null : rc.body().asString();
        if (text == null || text.isBlank()) {
            throw OnrampException.badInput("Send a JSON body, e.g. {\"workspaceId\": \"...\", \"labId\": \"...\", "
                    + "\"taskId\": \"...\"}.");
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw OnrampException.badInput("The body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw OnrampException.badInput("The body is not valid JSON.");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw OnrampException.badInput("Give " + field + " as a string.");
        }
        return value.asText().trim();
    }

    private static boolean wantsText(RoutingContext rc) {
        String accept = rc.request().getHeader("Accept");
        return accept != null && accept.contains("text/plain");
    }

    private static void sendText(RoutingContext rc, String text) {
        rc.response().setStatusCode(200).putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(text);
    }

    private void sendJson(RoutingContext rc, Object value) {
        try {
            rc.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store").end(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            ErrorResponses.send(rc, OnrampException.internal("Could not write the answer."));
        }
    }

    /** The plain-text reports of {@code onramp-check}. */
    static final class CheckReports {

        private CheckReports() {
        }

        /** Title, the PASS/FAIL lines with hints and the score ({@link io.onramp.labs.TaskResult#report()}), verdict. */
        static String task(GradedTask graded) {
            long failed = graded.result().checks().stream().filter(c -> !c.passed()).count();
            return graded.task().title() + " (" + graded.lab().id() + "/" + graded.task().id() + ")\n"
                    + graded.result().report()
                    + (graded.result().passed() ? "Task passed.\n"
                            : "Not passed yet: " + failed + " of " + graded.result().checks().size()
                                    + " checks failed.\n");
        }

        /** One line per task of the lab: passed or not, best score, attempts. */
        static String progress(Lab lab, List<ProgressView> rows) {
            StringBuilder s = new StringBuilder();
            long passed = rows.stream().filter(ProgressView::passed).count();
            s.append(lab.title()).append(" (").append(lab.id()).append("): ").append(passed).append(" of ")
                    .append(lab.tasks().size()).append(" tasks passed\n");
            int width = lab.tasks().stream().mapToInt(t -> t.id().length()).max().orElse(0);
            for (Task task : lab.tasks()) {
                Optional<ProgressView> row = rows.stream().filter(r -> r.taskId().equals(task.id())).findFirst();
                String id = String.format("%-" + width + "s", task.id());
                if (row.isEmpty()) {
                    s.append("TODO  ").append(id).append("  not checked yet  ").append(task.title()).append('\n');
                } else {
                    ProgressView p = row.get();
                    s.append(p.passed() ? "PASS  " : "FAIL  ").append(id).append("  best ").append(p.bestScore())
                            .append('/').append(p.maxScore()).append(", ").append(p.attempts())
                            .append(p.attempts() == 1 ? " attempt  " : " attempts  ").append(task.title())
                            .append('\n');
                }
            }
            return s.toString();
        }
    }
}
