package io.onramp.labs.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.core.lab.TaskProgress;
import io.onramp.labs.CheckResult;
import io.onramp.labs.Domain;
import io.onramp.labs.Lab;
import io.onramp.labs.Level;
import io.onramp.labs.Task;
import io.onramp.labs.TaskResult;
import io.onramp.labs.Tour;

/** What clients see of labs, tasks, tours, grading results and progress. */
public final class LabViews {

    private LabViews() {
    }

    @Name("Lab")
    @Description("A CKAD-style lab: tasks graded against the developer's namespace, and CodeTour guides.")
    public record LabView(@NonNull String id, @NonNull int version, @NonNull String title, @NonNull String summary,
            @NonNull Level level, @NonNull Domain domain, @NonNull int examWeight, @NonNull int durationMinutes,
            @NonNull List<@NonNull String> prerequisites, @NonNull int maxScore,
            @NonNull List<@NonNull TaskView> tasks, @NonNull List<@NonNull TourView> tours) {

        /**
         * With {@code hideHints} (the caller has an open exam) every task's hints and solution are left out;
         * {@code solutions} gives a task's solution text otherwise.
         */
        public static LabView of(Lab lab, boolean hideHints, java.util.function.Function<Task, String> solutions) {
            return new LabView(lab.id(), lab.version(), lab.title(), lab.summary(), lab.level(), lab.domain(),
                    lab.examWeight(), lab.durationMinutes(), lab.prerequisites(), lab.maxScore(),
                    lab.tasks().stream().map(t -> TaskView.of(t, hideHints, solutions)).toList(),
                    lab.tours().stream().map(TourView::of).toList());
        }
    }

    @Name("LabTask")
    public record TaskView(@NonNull String id, @NonNull String title, @Description("Where the task's Markdown text is in the lab folder (tasks/01-....md); placed in the workspace, and in an exam's tasks without its solution.") String text,
            @NonNull @Description("General hints; empty while the caller has an open exam.") List<@NonNull String> hints,
            @NonNull int checks, @NonNull int maxScore,
            @Description("The worked solution (Markdown); null while the caller has an open exam. Workspaces never "
                    + "hold it: the home volume outlives an exam's start.") String solution) {

        static TaskView of(Task t, boolean hideHints, java.util.function.Function<Task, String> solutions) {
            return new TaskView(t.id(), t.title(), t.text(), hideHints ? List.of() : t.hints(), t.checks().size(),
                    t.maxScore(), hideHints ? null : solutions.apply(t));
        }
    }

    @Name("Tour")
    @Description("A CodeTour guide; json is the .tour file as CodeTour reads it.")
    public record TourView(@NonNull String name, @NonNull String title, @NonNull boolean primary, @NonNull int steps,
            @NonNull String json) {

        public static TourView of(Tour t) {
            return new TourView(t.name(), t.title(), t.primary(), t.steps().size(), t.json());
        }
    }

    @Name("CheckResult")
    public record CheckView(@NonNull String id, @NonNull String description, @NonNull boolean passed,
            @NonNull int points, @Description("Shown for failed checks.") String hint) {

        static CheckView of(CheckResult c) {
            return new CheckView(c.id(), c.description(), c.passed(), c.points(), c.hint());
        }
    }

    @Name("TaskResult")
    public record TaskResultView(@NonNull String labId, @NonNull String taskId, @NonNull boolean passed,
            @NonNull int score, @NonNull int maxScore, @NonNull List<@NonNull CheckView> checks,
            @Id @Description("The exam running on the workspace when this check ran (hints hidden, not recorded as "
                    + "progress, no effect on the exam's score); null outside exams.") String examId) {

        public static TaskResultView of(String labId, String taskId, TaskResult r) {
            return of(labId, taskId, r, null);
        }

        public static TaskResultView of(String labId, String taskId, TaskResult r, String examId) {
            return new TaskResultView(labId, taskId, r.passed(), r.score(), r.maxScore(),
                    r.checks().stream().map(CheckView::of).toList(), examId);
        }
    }

    @Name("TaskProgress")
    public record ProgressView(@NonNull String owner, @NonNull String labId, @NonNull String taskId,
            @NonNull int labVersion, @NonNull int bestScore, @NonNull int maxScore, @NonNull int attempts,
            @NonNull boolean passed, @NonNull Instant lastCheckedAt) {

        public static ProgressView of(TaskProgress p) {
            return new ProgressView(p.owner(), p.labId(), p.taskId(), p.labVersion(), p.bestScore(), p.maxScore(),
                    p.attempts(), p.passed(), p.lastCheckedAt());
        }
    }

    @Name("LabStart")
    public record StartView(@NonNull String labId, @NonNull String workspaceId, @NonNull List<@NonNull String> created) {
    }
}
