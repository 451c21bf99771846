package io.onramp.labs.api;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditedAccess;
import io.onramp.core.audit.Outcome;
import io.onramp.core.auth.AccessPolicy;
import io.onramp.core.auth.Caller;
import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.error.OnrampException;
import io.onramp.core.lab.Cohorts;
import io.onramp.core.lab.LabProgress;
import io.onramp.core.lab.TaskProgress;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.core.workspace.Workspaces;
import io.onramp.edge.split.RemoteFunctions;
import io.onramp.labs.Domain;
import io.onramp.labs.CheckResult;
import io.onramp.labs.Lab;
import io.onramp.labs.LabService;
import io.onramp.labs.Level;
import io.onramp.labs.StarterApplier;
import io.onramp.labs.Task;
import io.onramp.labs.TaskResult;
import io.onramp.labs.api.ExamViews.CohortView;
import io.onramp.labs.exam.Exam;
import io.onramp.labs.exam.ExamService;
import io.onramp.labs.api.LabViews.LabView;
import io.onramp.labs.api.LabViews.ProgressView;
import io.onramp.labs.api.LabViews.StartView;
import io.onramp.labs.api.LabViews.TaskResultView;
import io.onramp.labs.api.LabViews.TourView;

/**
 * The labs operations for a caller: the catalog for every member (without hints while the caller has an open exam);
 * starting a lab and checking a task in one's own running pod workspace (grading reads the namespace through the
 * Kubernetes API; outside exams the result is stored as progress with the lab's version); progress for oneself, or
 * for everyone or a cohort (admins: the instructor view and its CSV); cohorts (admins).
 */
@ApplicationScoped
public class LabOperations {

    static final int MAX_COHORT_SIZE = 1000;
    private static final java.util.regex.Pattern COHORT_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}");

    private final LabService labs;
    private final Workspaces workspaces;
    private final LabProgress progress;
    private final KubernetesClient client;
    private final AuditLog audit;
    private final ExamService exams;
    private final Cohorts cohorts;
    private final RemoteFunctions remote;

    public LabOperations(LabService labs, Workspaces workspaces, LabProgress progress, KubernetesClient client,
            AuditLog audit, ExamService exams, Cohorts cohorts, RemoteFunctions remote) {
        this.labs = labs;
        this.workspaces = workspaces;
        this.progress = progress;
        this.client = client;
        this.audit = audit;
        this.exams = exams;
        this.cohorts = cohorts;
        this.remote = remote;
    }

    /**
     * Whether the operations that touch the developer's namespace run in the labs function (split deployment): the
     * gateway holds no rights in tenant namespaces. Catalog and progress are files and rows, read here.
     */
    boolean labsElsewhere() {
        return remote.isRemote(FunctionGroup.LABS);
    }

    /** The catalog; a caller with an open exam gets it without hints. */
    public List<LabView> labs(Caller caller, Domain domain, Level level) {
        AccessPolicy.requireMember(caller);
        boolean hide = exams.hidesHints(caller);
        return labs.labs(domain, level).stream().map(l -> LabView.of(l, hide, t -> labs.solution(l.id(), t.id()))).toList();
    }

    public LabView lab(Caller caller, String id) {
        AccessPolicy.requireMember(caller);
        Lab lab = labs.lab(id);
        return LabView.of(lab, exams.hidesHints(caller), t -> labs.solution(lab.id(), t.id()));
    }

    public TourView tour(Caller caller, String labId, String name) {
        AccessPolicy.requireMember(caller);
        return TourView.of(labs.tour(labId, name));
    }

    public StartView startLab(Caller caller, String labId, String workspaceId) {
        if (labsElsewhere()) {
            return remote.call(FunctionGroup.LABS, "startLab", LabFunctions.LabRequest.of(labId, workspaceId, null),
                    StartView.class);
        }
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

    /**
     * Grades a task in the workspace. Outside exams the result is shown with hints and stored as progress. While an
     * exam runs on the workspace, hints are hidden and nothing is stored as progress (the exam is graded once when
     * it closes; the check only counts as a check run of the exam's task). An exam whose deadline has passed is
     * closed and graded first, so a check after the deadline never changes it and is ordinary practice.
     */
    public TaskResultView checkTask(Caller caller, String workspaceId, String labId, String taskId) {
        GradedTask graded = grade(caller, workspaceId, labId, taskId);
        return TaskResultView.of(labId, taskId, graded.result(), graded.examId());
    }

    /** A graded task with its lab and task, for reports that name them ({@code onramp-check}). */
    public record GradedTask(Lab lab, Task task, TaskResult result, String examId) {
    }

    /**
     * Grades a task and records the attempt: {@link #checkTask} for every entry point (GraphQL, the checkTask
     * function, {@code onramp-check}'s workspace route). Who may: {@link Workspaces#forTaskCheck}. In a split
     * deployment the labs function grades (the gateway holds no rights in tenant namespaces).
     */
    public GradedTask grade(Caller caller, String workspaceId, String labId, String taskId) {
        Lab lab = labs.lab(labId);
        Task task = labs.task(labId, taskId);
        if (labsElsewhere()) {
            TaskResultView v = remote.call(FunctionGroup.LABS, "checkTask",
                    LabFunctions.LabRequest.of(labId, workspaceId, taskId), TaskResultView.class);
            return new GradedTask(lab, task, new TaskResult(v.passed(), v.score(), v.maxScore(), v.checks().stream()
                    .map(c -> new CheckResult(c.id(), c.description(), c.passed(), c.points(), c.hint())).toList()),
                    v.examId());
        }
        Workspace w = running(workspaces.forTaskCheck(caller, workspaceId, "checkTask"), workspaceId);
        Optional<Exam> exam = exams.runningOn(w);
        TaskResult result;
        try {
            result = labs.grade(client, w.namespace(), labId, taskId, exam.isEmpty());
        } catch (KubernetesClientException e) {
            throw OnrampException.unavailable("The Kubernetes API server is not reachable; try again shortly.");
        }
        if (exam.isPresent()) {
            exams.countCheck(exam.get(), labId, taskId);
            return new GradedTask(lab, task, result, exam.get().id().toString());
        }
        progress.record(w.id(), w.owner(), labId, lab.version(), taskId, result.score(), result.maxScore(),
                result.passed());
        return new GradedTask(lab, task, result, null);
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

    /**
     * Progress of one developer (developers: their own), of everyone (admins, no owner), or of a cohort (admins).
     */
    public List<ProgressView> progress(Caller caller, String owner, String cohort) {
        return rows(caller, "labProgress", owner, cohort).stream().map(ProgressView::of).toList();
    }

    public List<ProgressView> progress(Caller caller, String owner) {
        return progress(caller, owner, null);
    }

    /**
     * Admins: progress as CSV (owner, lab, task, version, best score, max score, attempts, passed, last check) of
     * everyone, one developer or a cohort.
     */
    public String progressCsv(Caller caller, String owner, String cohort) {
        AuditedAccess.check(audit, caller, "labProgressCsv", cohort != null ? "cohort:" + cohort : owner,
                () -> AccessPolicy.requireAdmin(caller));
        String header = "owner,lab,task,lab_version,best_score,max_score,attempts,passed,last_checked_at\n";
        return header + rows(caller, "labProgressCsv", owner, cohort).stream().map(LabOperations::csvRow)
                .collect(Collectors.joining());
    }

    public String progressCsv(Caller caller) {
        return progressCsv(caller, null, null);
    }

    private List<TaskProgress> rows(Caller caller, String operation, String owner, String cohort) {
        if (cohort == null || cohort.isBlank()) {
            String effective = AuditedAccess.check(audit, caller, operation, owner,
                    () -> AccessPolicy.effectiveOwner(caller, owner));
            return progress.of(effective);
        }
        AuditedAccess.check(audit, caller, operation, "cohort:" + cohort, () -> AccessPolicy.requireAdmin(caller));
        if (owner != null && !owner.isBlank()) {
            throw OnrampException.badInput("Give an owner or a cohort, not both.");
        }
        return progress.ofCohort(cohort.trim());
    }

    /**
     * Admins: makes {@code owners} exactly the members of cohort {@code name} (they leave any other cohort; an
     * empty list dissolves it). Idempotent.
     */
    public CohortView setCohort(Caller caller, String name, List<String> owners) {
        AuditedAccess.check(audit, caller, "setCohort", name, () -> AccessPolicy.requireAdmin(caller));
        if (name == null || !COHORT_NAME.matcher(name.trim()).matches()) {
            throw OnrampException.badInput("A cohort name is 1 to 63 letters, digits, spaces, '.', '_' or '-', "
                    + "starting with a letter or digit.");
        }
        if (owners == null) {
            throw OnrampException.badInput("Give the cohort's members (owners), or an empty list to dissolve it.");
        }
        java.util.Set<String> unique = new java.util.TreeSet<>();
        for (String o : owners) {
            if (o == null || o.isBlank()) {
                throw OnrampException.badInput("A member name in owners is empty.");
            }
            unique.add(o.trim());
        }
        if (unique.size() > MAX_COHORT_SIZE) {
            throw OnrampException.badInput("A cohort has at most " + MAX_COHORT_SIZE + " members.");
        }
        Cohorts.Cohort cohort = cohorts.set(name.trim(), List.copyOf(unique), caller.auditName());
        audit.record(caller, "setCohort", cohort.name(), Outcome.SUCCESS, cohort.owners().size() + " member(s)");
        return CohortView.of(cohort);
    }

    /** Admins: every cohort and its members. */
    public List<CohortView> cohorts(Caller caller) {
        AuditedAccess.check(audit, caller, "cohorts", null, () -> AccessPolicy.requireAdmin(caller));
        return cohorts.all().stream().map(CohortView::of).toList();
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
