package io.onramp.labs.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.core.lab.Cohorts;
import io.onramp.labs.LabService;
import io.onramp.labs.Task;
import io.onramp.labs.exam.ClosedBy;
import io.onramp.labs.exam.Exam;
import io.onramp.labs.exam.ExamState;
import io.onramp.labs.exam.ExamTask;

/** What clients see of exams and cohorts. */
public final class ExamViews {

    private ExamViews() {
    }

    @Name("Exam")
    @Description("A timed exam: while OPEN, hints are hidden and the namespace is graded once when it closes (submit "
            + "or deadline); then score per task and overall.")
    public record ExamView(@NonNull @Id String id, @NonNull String owner, @NonNull @Id String workspaceId,
            @NonNull List<@NonNull String> labIds, @NonNull int minutes, @NonNull ExamState state,
            @NonNull @Description("False until the namespace is reset and the starters applied; the clock starts "
                    + "then.") boolean prepared,
            @NonNull Instant startedAt, @NonNull Instant deadline,
            @Description("Seconds until the deadline while open (0 once it has passed); null when closed.") Integer secondsLeft,
            Instant closedAt, ClosedBy closedBy, @NonNull List<@NonNull ExamTaskView> tasks,
            @Description("Points earned; null while open.") Integer score, @NonNull int maxScore,
            @Description("score / maxScore in percent, one decimal; null while open.") Double percent,
            @NonNull @Description("The pass mark in percent.") int passPercent,
            @Description("percent >= passPercent; null while open.") Boolean passed) {

        public static ExamView of(Exam e, LabService labs, Instant now) {
            Integer left = e.open() ? (int) Math.max(0, Duration.between(now, e.deadline()).toSeconds()) : null;
            return new ExamView(e.id().toString(), e.owner(), e.workspaceId().toString(), e.labIds(), e.minutes(),
                    e.state(), e.preparedAt() != null, e.startedAt(), e.deadline(), left, e.closedAt(), e.closedBy(),
                    e.tasks().stream().map(t -> ExamTaskView.of(t, labs)).toList(), e.score(), e.maxScore(),
                    e.percent(), e.passPercent(), e.passed());
        }
    }

    @Name("ExamTask")
    public record ExamTaskView(@NonNull int position, @NonNull String labId, @NonNull String taskId,
            @NonNull String title, @Description("The task text (Markdown) without its solution.") String text,
            @NonNull int maxScore, @Description("Points at closing; null while open.") Integer score,
            @Description("Every check passed at closing; null while open.") Boolean passed,
            @NonNull @Description("checkTask runs on this task during the exam (they do not change the score).")
            int checkRuns) {

        static ExamTaskView of(ExamTask t, LabService labs) {
            String title = labs.catalog().lab(t.labId()).flatMap(l -> l.task(t.taskId())).map(Task::title)
                    .orElse(t.taskId());
            return new ExamTaskView(t.position(), t.labId(), t.taskId(), title,
                    labs.taskText(t.labId(), t.taskId(), true).orElse(null), t.maxScore(), t.score(), t.passed(),
                    t.checkRuns());
        }
    }

    @Name("Cohort")
    @Description("A named group of developers an instructor follows together; a developer is in at most one.")
    public record CohortView(@NonNull String name, @NonNull List<@NonNull String> owners) {

        public static CohortView of(Cohorts.Cohort c) {
            return new CohortView(c.name(), c.owners());
        }
    }
}
