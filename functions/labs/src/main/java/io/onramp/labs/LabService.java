package io.onramp.labs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.onramp.core.error.OnrampException;

/**
 * The labs API for the GraphQL layer: browse labs and tours, start a lab in a namespace, grade a task, reset a
 * namespace for exam mode. Progress storage and exam-mode policy belong to the caller.
 */
public final class LabService {

    private final LabCatalog catalog;
    private final Grader grader;

    public LabService(LabCatalog catalog, Grader grader) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.grader = Objects.requireNonNull(grader, "grader");
    }

    public LabCatalog catalog() {
        return catalog;
    }

    /** The labs of a domain and level (null = any), sorted by domain, level, then id. */
    public List<Lab> labs(Domain domain, Level level) {
        return catalog.labs().stream()
                .filter(l -> domain == null || l.domain() == domain)
                .filter(l -> level == null || l.level() == level)
                .sorted(java.util.Comparator.comparing(Lab::domain).thenComparing(Lab::level).thenComparing(Lab::id))
                .toList();
    }

    /** A lab; not found (OnrampException) when there is none. */
    public Lab lab(String id) {
        return catalog.require(id);
    }

    /** A tour of a lab by name ({@code 01-intro}), file name or title. */
    public Tour tour(String labId, String name) {
        return lab(labId).tour(name).orElseThrow(() -> OnrampException.notFound("Lab '" + labId
                + "' has no tour '" + name + "'."));
    }

    /** The files a workspace gets for a lab (never lab.yaml, solution/ or the solution blocks of task texts). */
    public Map<String, String> workspaceFiles(String labId) {
        return catalog.workspaceFiles(labId).orElseThrow(() -> OnrampException.notFound(
                "There is no lab '" + labId + "'."));
    }

    /** Grades a task in a namespace; hints of failed checks only when {@code showHints} (not in exam mode). */
    public TaskResult grade(KubernetesClient client, String namespace, String labId, String taskId,
            boolean showHints) {
        Task task = task(labId, taskId);
        return grader.grade(client, namespace, task, showHints);
    }

    /**
     * Applies a lab's starter objects into a namespace: creates each one, leaving objects that already exist
     * untouched (idempotent; a learner's changes survive a second start).
     */
    public StarterApplier.Applied startLab(KubernetesClient client, String namespace, String labId) {
        lab(labId);
        return StarterApplier.createIfAbsent(client, namespace, catalog.starter(labId));
    }

    /**
     * Grades several tasks against one look at the namespace (closing an exam), without hints; results in the order
     * of {@code tasks}.
     */
    public List<TaskResult> gradeTogether(KubernetesClient client, String namespace, List<Task> tasks) {
        NamespaceSnapshot snapshot = NamespaceSnapshot.of(client, namespace);
        List<TaskResult> results = new ArrayList<>();
        for (Task task : tasks) {
            results.add(grader.grade(snapshot, task, false));
        }
        return results;
    }

    /** A task's worked solution (the solution block of its text), or null when it has none. */
    public String solution(String labId, String taskId) {
        String s = taskText(labId, taskId, false).map(TaskMarkdown::solution).orElse("");
        return s.isEmpty() ? null : s;
    }

    /** A task's Markdown text; in exam mode without its solution block. Empty when the lab or task is unknown. */
    public Optional<String> taskText(String labId, String taskId, boolean examMode) {
        return catalog.lab(labId).flatMap(l -> l.task(taskId)).flatMap(t -> catalog.folder(labId)
                .flatMap(f -> f.file(t.text()))).map(text -> examMode ? TaskMarkdown.withoutSolution(text) : text);
    }

    /**
     * Objects two of the labs would both create with different content ({@code Kind/name: lab-a, lab-b}): such labs
     * cannot share one namespace in an exam, since each would grade the other's object. Objects that are identical
     * in both (a shared toolbox Pod) are fine.
     */
    public List<String> sharedObjects(List<String> labIds) {
        Map<String, Map<String, Object>> seen = new LinkedHashMap<>();
        Map<String, String> owner = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        for (String labId : labIds) {
            Lab lab = lab(labId);
            String last = lab.tasks().get(lab.tasks().size() - 1).id();
            for (Manifest m : catalog.cumulativeState(labId, last)) {
                String key = m.kind() + "/" + m.name();
                Map<String, Object> before = seen.putIfAbsent(key, m.object());
                if (before == null) {
                    owner.put(key, labId);
                } else if (!before.equals(m.object()) && !owner.get(key).equals(labId)) {
                    clashes.add(key + ": " + owner.get(key) + ", " + labId);
                }
            }
        }
        return clashes;
    }

    /** Deletes everything the developer created in the namespace (see {@link NamespaceReset}). */
    public List<String> resetNamespace(KubernetesClient client, String namespace) {
        return NamespaceReset.reset(client, namespace);
    }

    public Task task(String labId, String taskId) {
        Optional<Task> task = lab(labId).task(taskId);
        return task.orElseThrow(() -> OnrampException.notFound("Lab '" + labId + "' has no task '" + taskId + "'."));
    }
}
