package io.onramp.labs.exam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditedAccess;
import io.onramp.core.audit.Outcome;
import io.onramp.core.auth.AccessPolicy;
import io.onramp.core.auth.Caller;
import io.onramp.core.error.OnrampException;
import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.store.Tx;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.core.workspace.Workspaces;
import io.onramp.labs.Lab;
import io.onramp.labs.LabService;
import io.onramp.labs.Task;
import io.onramp.labs.TaskResult;

/**
 * Exam mode, like killer.sh: a developer starts a timed exam of one or more labs in their running pod workspace.
 * Starting resets the namespace (the developer's objects go; guardrails and the IDE stay) and applies the labs'
 * starter objects; the clock runs from then. While the exam is open, hints are hidden and checkTask grades without
 * counting as practice. The exam closes once: at {@code submitExam}, or after its deadline (the
 * {@link ExamDeadlines} duty, or the first check or start on that workspace after it), and is then graded against
 * the namespace as it is at that moment, every task once. The report gives every task's score and the total against
 * the pass mark.
 */
@ApplicationScoped
public class ExamService {

    private static final Logger LOG = Logger.getLogger(ExamService.class);
    private static final int LIST_LIMIT = 500;

    private final LabService labs;
    private final Workspaces workspaces;
    private final KubernetesClient client;
    private final ExamStore store;
    private final Clock clock;
    private final ExamConfig config;
    private final AuditLog audit;
    private final WorkspaceEvents events;

    public ExamService(LabService labs, Workspaces workspaces, KubernetesClient client, DataSource dataSource,
            Clock clock, ExamConfig config, AuditLog audit, WorkspaceEvents events) {
        this.labs = labs;
        this.workspaces = workspaces;
        this.client = client;
        this.store = new ExamStore(dataSource);
        this.clock = clock;
        this.config = config;
        this.audit = audit;
        this.events = events;
    }

    public ExamConfig config() {
        return config;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Starts an exam, or returns the open one when the same labs and minutes are asked again (safe to retry). An
     * open exam past its deadline is closed first; an open exam with other labs or minutes is a CONFLICT.
     *
     * @param minutes null: the labs' expected durations added up, within the configured range
     */
    public Exam start(Caller caller, List<String> labIds, String workspaceId, Integer minutes) {
        AccessPolicy.requireMember(caller);
        List<Lab> chosen = chosenLabs(labIds);
        int length = minutes != null ? minutes
                : Math.max(config.minMinutes(), Math.min(config.maxMinutes(),
                        chosen.stream().mapToInt(Lab::durationMinutes).sum()));
        if (length < config.minMinutes() || length > config.maxMinutes()) {
            throw OnrampException.badInput("An exam lasts " + config.minMinutes() + " to " + config.maxMinutes()
                    + " minutes, not " + length + ".");
        }
        Workspace w = workspaces.get(caller, workspaceId);
        if (w.kind() != WorkspaceKind.POD) {
            throw OnrampException.badInput("Exams run in pod workspaces; " + workspaceId + " is a VM workspace.");
        }
        if (w.state() != WorkspaceState.RUNNING) {
            throw OnrampException.conflict("Workspace " + workspaceId + " is " + w.state() + "; resume it first.");
        }
        List<String> ids = chosen.stream().map(Lab::id).toList();
        Exam exam = null;
        boolean created = false;
        for (int attempt = 0; attempt < 3 && exam == null; attempt++) {
            Instant now = clock.instant();
            Optional<Exam> open = store.findOpenOn(w.id());
            if (open.isPresent() && !open.get().running(now)) {
                closeNow(open.get().id(), "onramp", false); // its time is up: graded before anything is reset
                continue;
            }
            if (open.isPresent()) {
                Exam e = open.get();
                if (!Set.copyOf(e.labIds()).equals(Set.copyOf(ids)) || e.minutes() != length) {
                    throw OnrampException.conflict("Exam " + e.id() + " (" + String.join(", ", e.labIds()) + ", "
                            + e.minutes() + " minutes) is open on workspace " + w.id()
                            + "; submit it before starting another.");
                }
                exam = e;
            } else {
                Exam fresh = newExam(caller, w, chosen, length, now);
                if (store.insert(fresh)) {
                    exam = fresh;
                    created = true;
                }
            }
        }
        if (exam == null) {
            throw OnrampException.conflict("Another exam was started on workspace " + w.id() + " at the same time; "
                    + "look at exams() and try again.");
        }
        if (exam.preparedAt() == null) {
            exam = prepare(exam.id());
        }
        audit.record(caller, "startExam", exam.id().toString(), Outcome.SUCCESS, (created ? "started " : "open, ")
                + String.join(",", ids) + " for " + length + " min on " + w.id());
        return exam;
    }

    /** Submits an exam: grades and closes it, or returns the report when it is closed already (safe to retry). */
    public Exam submit(Caller caller, String examId) {
        Exam e = require(caller, "submitExam", examId);
        if (!e.open()) {
            return e;
        }
        return closeNow(e.id(), caller.auditName(), true);
    }

    /** One exam, for its owner and admins. */
    public Exam get(Caller caller, String examId) {
        return require(caller, "exam", examId);
    }

    /** A developer's exams (their own), or anyone's for admins (null owner: everyone's); newest first. */
    public List<Exam> list(Caller caller, String owner) {
        String effective = AuditedAccess.check(audit, caller, "exams", owner,
                () -> AccessPolicy.effectiveOwner(caller, owner));
        return store.list(effective, LIST_LIMIT);
    }

    /**
     * The exam running on a workspace now, for checkTask. An open exam whose deadline has passed is closed first
     * (graded as the namespace is now, before the check shows any hint), and then there is none.
     */
    public Optional<Exam> runningOn(Workspace w) {
        Optional<Exam> open = store.findOpenOn(w.id());
        if (open.isEmpty()) {
            return open;
        }
        if (open.get().running(clock.instant())) {
            return open;
        }
        closeNow(open.get().id(), "onramp", false);
        return Optional.empty();
    }

    /** Whether the caller has an exam that is not closed yet: lab views then leave hints out. */
    public boolean hidesHints(Caller caller) {
        return caller != null && caller.authenticated() && store.hasOpen(caller.username());
    }

    /** Counts a checkTask run on a task of a running exam; false (not counted) after its deadline. */
    public boolean countCheck(Exam exam, String labId, String taskId) {
        return exam.hasTask(labId, taskId) && store.countCheck(exam.id(), labId, taskId, clock.instant());
    }

    /** What one deadline pass did. */
    public record Sweep(int examined, int closed, List<String> notes) {
    }

    /**
     * Closes and grades every open exam whose deadline is at or before {@code now} (at most {@code max}). Each exam
     * is claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas running this at the same time, and a concurrent
     * submit, never close one twice. An exam that cannot be graded now (API server down) stays open for the next pass.
     */
    public Sweep closeExpired(Instant now, int max) {
        Set<UUID> failed = new HashSet<>();
        List<String> notes = new ArrayList<>();
        int examined = 0;
        int closed = 0;
        while (examined < max) {
            AtomicReference<UUID> current = new AtomicReference<>();
            Optional<Exam> done;
            try {
                done = Tx.run(store.dataSource(), c -> {
                    Optional<Exam> e = store.claimExpired(c, now, failed);
                    if (e.isEmpty()) {
                        return Optional.<Exam>empty();
                    }
                    current.set(e.get().id());
                    return Optional.of(closeLocked(c, e.get(), now));
                });
            } catch (RuntimeException e) {
                if (current.get() == null) {
                    throw e; // the database itself failed: the scheduler logs it and runs again
                }
                failed.add(current.get());
                examined++;
                notes.add("exam " + current.get() + " not graded yet: " + reason(e));
                continue;
            }
            if (done.isEmpty()) {
                break;
            }
            examined++;
            closed++;
            Exam e = done.get();
            afterClose(e, ExamDeadlines.NAME);
            notes.add("exam " + e.id() + " of " + e.owner() + " closed at the deadline: " + e.score() + "/"
                    + e.maxScore());
        }
        return new Sweep(examined, closed, notes);
    }

    private List<Lab> chosenLabs(List<String> labIds) {
        if (labIds == null || labIds.isEmpty()) {
            throw OnrampException.badInput("Name at least one lab for the exam (labIds).");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String id : labIds) {
            if (id == null || id.isBlank()) {
                throw OnrampException.badInput("A lab id in labIds is empty.");
            }
            unique.add(id.trim());
        }
        if (unique.size() > config.maxLabs()) {
            throw OnrampException.badInput("An exam combines at most " + config.maxLabs() + " labs, not "
                    + unique.size() + ".");
        }
        List<Lab> chosen = new ArrayList<>();
        for (String id : unique) {
            Lab lab = labs.lab(id); // NOT_FOUND for an unknown lab
            if (lab.workspaceKind() != io.onramp.labs.WorkspaceKind.POD) {
                throw OnrampException.badInput("Lab '" + id + "' is not done in a pod workspace; exams grade pod labs.");
            }
            chosen.add(lab);
        }
        List<String> shared = labs.sharedObjects(List.copyOf(unique));
        if (!shared.isEmpty()) {
            throw OnrampException.badInput("These labs use the same objects differently and cannot share a "
                    + "namespace in one exam: " + String.join("; ", shared) + ".");
        }
        return chosen;
    }

    private Exam newExam(Caller caller, Workspace w, List<Lab> chosen, int minutes, Instant now) {
        List<ExamTask> tasks = new ArrayList<>();
        for (Lab lab : chosen) {
            for (Task t : lab.tasks()) {
                tasks.add(new ExamTask(tasks.size() + 1, lab.id(), lab.version(), t.id(), t.maxScore(), null, null,
                        0));
            }
        }
        int max = tasks.stream().mapToInt(ExamTask::maxScore).sum();
        return new Exam(UUID.randomUUID(), w.owner(), w.id(), w.namespace(), chosen.stream().map(Lab::id).toList(),
                minutes, config.passPercent(), ExamState.OPEN, now, caller.auditName(), null, now,
                now.plus(Duration.ofMinutes(minutes)), null, null, null, max, tasks);
    }

    /**
     * Resets the namespace and applies the starters of the exam's labs, once, under the exam's row lock (a second
     * start waits, then finds it prepared). On failure nothing is recorded and asking again prepares it again.
     */
    private Exam prepare(UUID id) {
        try {
            return Tx.run(store.dataSource(), c -> {
                Exam e = store.lock(c, id).orElseThrow(() -> OnrampException.notFound("No exam " + id + "."));
                if (!e.open() || e.preparedAt() != null) {
                    return e;
                }
                List<String> removed = labs.resetNamespace(client, e.namespace());
                for (String labId : e.labIds()) {
                    labs.startLab(client, e.namespace(), labId);
                }
                Instant at = clock.instant();
                store.markPrepared(c, id, at, at.plus(Duration.ofMinutes(e.minutes())));
                LOG.debugf("Exam %s: namespace %s reset (%d objects removed), starters applied", id, e.namespace(),
                        removed.size());
                return store.lock(c, id).orElseThrow();
            });
        } catch (KubernetesClientException e) {
            throw OnrampException.unavailable("The Kubernetes API server is not reachable, so the exam's namespace "
                    + "could not be prepared; start it again shortly.");
        }
    }

    /** Closes an exam now, waiting for anyone else holding it; returns it closed (by whoever closed it). */
    private Exam closeNow(UUID id, String actor, boolean submitted) {
        boolean[] closedHere = {false};
        Exam result;
        try {
            result = Tx.run(store.dataSource(), c -> {
                Exam e = store.lock(c, id).orElseThrow(() -> OnrampException.notFound("No exam " + id + "."));
                if (!e.open()) {
                    return e;
                }
                closedHere[0] = true;
                return closeLocked(c, e, clock.instant());
            });
        } catch (KubernetesClientException e) {
            throw OnrampException.unavailable("The Kubernetes API server is not reachable, so the exam could not be "
                    + "graded; " + (submitted ? "submit it again shortly." : "try again shortly."));
        }
        if (closedHere[0]) {
            afterClose(result, actor);
        }
        return result;
    }

    /** Grades every task of a locked open exam against one look at the namespace and closes it. */
    private Exam closeLocked(java.sql.Connection c, Exam e, Instant now) throws java.sql.SQLException {
        ClosedBy by = now.isBefore(e.deadline()) ? ClosedBy.SUBMITTED : ClosedBy.DEADLINE;
        List<Task> tasks = new ArrayList<>();
        List<ExamTask> gradable = new ArrayList<>();
        List<ExamStore.TaskScore> scores = new ArrayList<>();
        for (ExamTask t : e.tasks()) {
            Optional<Task> task = labs.catalog().lab(t.labId()).flatMap(l -> l.task(t.taskId()));
            if (task.isPresent()) {
                tasks.add(task.get());
                gradable.add(t);
            } else { // the task left the catalog since the exam started: nothing to grade it with
                scores.add(new ExamStore.TaskScore(t.labId(), t.taskId(), 0, false));
            }
        }
        List<TaskResult> results = labs.gradeTogether(client, e.namespace(), tasks);
        for (int i = 0; i < results.size(); i++) {
            TaskResult r = results.get(i);
            int score = Math.min(r.score(), gradable.get(i).maxScore());
            scores.add(new ExamStore.TaskScore(gradable.get(i).labId(), gradable.get(i).taskId(), score, r.passed()));
        }
        store.close(c, e.id(), now, by, scores);
        return store.lock(c, e.id()).orElseThrow();
    }

    /** The owner is told through a workspace event; the close is audited. */
    private void afterClose(Exam e, String actor) {
        String summary = "Exam " + e.id() + " closed " + (e.closedBy() == ClosedBy.DEADLINE ? "at the deadline" : "on submit")
                + ": " + e.score() + "/" + e.maxScore() + " (" + e.percent() + "%), "
                + (Boolean.TRUE.equals(e.passed()) ? "passed" : "not passed") + " (pass mark " + e.passPercent() + "%).";
        try {
            audit.record(actor, "closeExam", e.id().toString(), Outcome.SUCCESS, summary);
            events.record("labs", "exam-closed", e.workspaceId(), e.owner(), summary);
        } catch (OnrampException ex) {
            LOG.warnf("Exam %s closed, but its event could not be recorded: %s", e.id(), ex.getMessage());
        }
    }

    private Exam require(Caller caller, String operation, String examId) {
        AccessPolicy.requireMember(caller);
        UUID id = parse(examId);
        Exam e = store.find(id).orElseThrow(() -> OnrampException.notFound("No exam with id '" + id + "'."));
        AuditedAccess.check(audit, caller, operation, e.id().toString(),
                () -> AccessPolicy.requireActingOn(caller, e.owner(), null));
        return e;
    }

    static UUID parse(String id) {
        if (id == null || id.isBlank()) {
            throw OnrampException.badInput("Give the exam id.");
        }
        try {
            return UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            throw OnrampException.notFound("No exam with id '" + (id.length() > 64 ? id.substring(0, 64) : id)
                    + "'.");
        }
    }

    private static String reason(RuntimeException e) {
        if (e instanceof KubernetesClientException k) {
            return "the Kubernetes API server answered " + (k.getCode() == 0 ? "nothing" : "HTTP " + k.getCode());
        }
        return e instanceof OnrampException o ? o.getMessage() : e.getClass().getSimpleName();
    }
}
