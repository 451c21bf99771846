package io.onramp.labs.api;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditedAccess;
import io.onramp.core.audit.Outcome;
import io.onramp.core.auth.AccessPolicy;
import io.onramp.core.auth.Caller;
import io.onramp.core.error.OnrampException;
import io.onramp.core.lab.LabProgress;
import io.onramp.core.lab.TaskProgress;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.core.workspace.Workspaces;
import io.onramp.labs.Domain;
import io.onramp.labs.Lab;
import io.onramp.labs.LabService;
import io.onramp.labs.Level;
import io.onramp.labs.StarterApplier;
import io.onramp.labs.Task;
import io.onramp.labs.TaskResult;
import io.onramp.labs.api.LabViews.LabView;
import io.onramp.labs.api.LabViews.ProgressView;
import io.onramp.labs.api.LabViews.StartView;
import io.onramp.labs.api.LabViews.TaskResultView;
import io.onramp.labs.api.LabViews.TourView;

/**
 * The labs operations for a caller: the catalog for every member; starting a lab and checking a task in one's own
 * running pod workspace (grading reads the namespace through the Kubernetes API, the result is stored as progress
 * with the lab's version); progress for oneself, or for everyone (admins: the instructor view and its CSV).
 */
@ApplicationScoped
public class LabOperations {

    private final LabService labs;
    private final Workspaces workspaces;
    private final LabProgress progress;
    private final KubernetesClient client;
    private final AuditLog audit;

    public LabOperations(LabService labs, Workspaces workspaces, LabProgress progress, KubernetesClient client,
            AuditLog audit) {
        this.labs = labs;
        this.workspaces = workspaces;
        this.progress = progress;
        this.client = client;
        this.audit = audit;
    }

    public List<LabView> labs(Caller caller, Domain domain, Level level) {
        AccessPolicy.requireMember(caller);
        return labs.labs(domain, level).stream().map(LabView::of).toList();
    }

    public LabView lab(Caller caller, String id) {
        AccessPolicy.requireMember(caller);
        return LabView.of(labs.lab(id));
    }

    public TourView tour(Caller caller, String labId, String name) {
        AccessPolicy.requireMember(caller);
        return TourView.of(labs.tour(labId, name));
    }

    public StartView startLab(Caller caller, String labId, String workspaceId) {
        Lab lab = labs.lab(labId);
        Workspace w = runningPod(caller, workspaceId);
        try {
            StarterApplier.Applied applied = labs.startLab(client, w.namespace(), labId);
            progress.started(w.id(), w.owner(), labId, lab.version());
            audit.record(caller, "startLab", w.id().toString(), Outcome.SUCCESS, labId);
            return new StartView(labId, w.id().toString(), applied.created());
        } catch (KubernetesClientException e) {
            throw OnrampException.unavailable("The Kubernetes API server is not reachable; try again shortly.");
        }
    }

    public TaskResultView checkTask(Caller caller, String workspaceId, String labId, String taskId) {
        return TaskResultView.of(labId, taskId, grade(caller, workspaceId, labId, taskId).result());
    }

    /** A graded task with its lab and task, for reports that name them ({@code onramp-check}). */
    public record GradedTask(Lab lab, Task task, TaskResult result) {
    }

    /**
     * Grades a task and records the attempt: {@link #checkTask} for every entry point (GraphQL, the checkTask
     * function, {@code onramp-check}'s workspace route). Who may: {@link Workspaces#forTaskCheck}.
     */
    public GradedTask grade(Caller caller, String workspaceId, String labId, String taskId) {
        Lab lab = labs.lab(labId);
        Task task = labs.task(labId, taskId);
        Workspace w = running(workspaces.forTaskCheck(caller, workspaceId, "checkTask"), workspaceId);
        TaskResult result;
        try {
            result = labs.grade(client, w.namespace(), labId, taskId, true);
        } catch (KubernetesClientException e) {
            throw OnrampException.unavailable("The Kubernetes API server is not reachable; try again shortly.");
        }
        progress.record(w.id(), w.owner(), labId, lab.version(), taskId, result.score(), result.maxScore(),
                result.passed());
        return new GradedTask(lab, task, result);
    }

    /**
     * The progress of a workspace's owner in one lab, asked from that workspace ({@code onramp-check <lab>}): the
     * same check as grading there, so a workspace token may read it.
     */
    public List<ProgressView> progressIn(Caller caller, String workspaceId, String labId) {
        labs.lab(labId);
        Workspace w = workspaces.forTaskCheck(caller, workspaceId, "labProgress");
        return progress.of(w.owner()).stream().filter(p -> p.labId().equals(labId)).map(ProgressView::of).toList();
    }

    public List<ProgressView> progress(Caller caller, String owner) {
        String effective = AuditedAccess.check(audit, caller, "labProgress", owner,
                () -> AccessPolicy.effectiveOwner(caller, owner));
        return progress.of(effective).stream().map(ProgressView::of).toList();
    }

    /** Admins: everyone's progress as CSV (owner, lab, task, version, best score, max score, attempts, passed, last check). */
    public String progressCsv(Caller caller) {
        AuditedAccess.check(audit, caller, "labProgressCsv", null, () -> AccessPolicy.requireAdmin(caller));
        String header = "owner,lab,task,lab_version,best_score,max_score,attempts,passed,last_checked_at\n";
        return header + progress.of(null).stream().map(LabOperations::csvRow).collect(Collectors.joining());
    }

    static String csvRow(TaskProgress p) {
        return String.join(",", csv(p.owner()), csv(p.labId()), csv(p.taskId()), Integer.toString(p.labVersion()),
                Integer.toString(p.bestScore()), Integer.toString(p.maxScore()), Integer.toString(p.attempts()),
                Boolean.toString(p.passed()), p.lastCheckedAt().toString()) + "\n";
    }

    /** RFC 4180 quoting, and no formula injection when the CSV is opened in a spreadsheet. */
    static String csv(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private Workspace runningPod(Caller caller, String workspaceId) {
        return running(workspaces.get(caller, workspaceId), workspaceId);
    }

    private static Workspace running(Workspace w, String workspaceId) {
        if (w.kind() != WorkspaceKind.POD) {
            throw OnrampException.badInput("Labs are graded in pod workspaces; " + workspaceId + " is a VM workspace.");
        }
        if (w.state() != WorkspaceState.RUNNING) {
            throw OnrampException.conflict("Workspace " + workspaceId + " is " + w.state() + "; resume it first.");
        }
        return w;
    }
}
