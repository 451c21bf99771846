package io.onramp.labs;

import java.util.List;
import java.util.Optional;

/** A lab as declared by its {@code lab.yaml}, with its tours. Immutable. */
public record Lab(String id, int version, String title, String summary, Level level, Domain domain, int examWeight,
        int durationMinutes, WorkspaceKind workspaceKind, List<String> prerequisites, List<Task> tasks,
        List<Tour> tours) {

    public Lab {
        prerequisites = List.copyOf(prerequisites);
        tasks = List.copyOf(tasks);
        tours = List.copyOf(tours);
    }

    public Optional<Task> task(String taskId) {
        return tasks.stream().filter(t -> t.id().equals(taskId)).findFirst();
    }

    /** A tour by name ({@code 01-intro}), file name ({@code 01-intro.tour}) or title. */
    public Optional<Tour> tour(String name) {
        return tours.stream()
                .filter(t -> t.name().equals(name) || (t.name() + ".tour").equals(name) || t.title().equals(name))
                .findFirst();
    }

    /** Sum of all tasks' maximum scores. */
    public int maxScore() {
        return tasks.stream().mapToInt(Task::maxScore).sum();
    }

    /** Number of checks over all tasks. */
    public int checkCount() {
        return tasks.stream().mapToInt(t -> t.checks().size()).sum();
    }
}
