package io.onramp.labs.exam;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An exam as stored. The clock runs from {@code startedAt} (when the namespace was reset and the starters applied,
 * {@code preparedAt}) to {@code deadline}; {@code score} is set when it closes.
 */
public record Exam(UUID id, String owner, UUID workspaceId, String namespace, List<String> labIds, int minutes,
        int passPercent, ExamState state, Instant createdAt, String createdBy, Instant preparedAt, Instant startedAt,
        Instant deadline, Instant closedAt, ClosedBy closedBy, Integer score, int maxScore, List<ExamTask> tasks) {

    public Exam {
        labIds = List.copyOf(labIds);
        tasks = List.copyOf(tasks);
    }

    public boolean open() {
        return state == ExamState.OPEN;
    }

    /** Open and before its deadline: hints stay hidden and checks are exam checks. */
    public boolean running(Instant now) {
        return open() && now.isBefore(deadline);
    }

    /** The score in percent of the maximum, one decimal; null while open. */
    public Double percent() {
        if (score == null) {
            return null;
        }
        return maxScore == 0 ? 100.0 : Math.round(score * 1000.0 / maxScore) / 10.0;
    }

    /** Whether the score reaches the pass mark; null while open. */
    public Boolean passed() {
        return score == null ? null : score * 100L >= (long) passPercent * maxScore;
    }

    public boolean hasTask(String labId, String taskId) {
        return tasks.stream().anyMatch(t -> t.labId().equals(labId) && t.taskId().equals(taskId));
    }
}
