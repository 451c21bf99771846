package io.onramp.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.onramp.core.testing.ManualEngine;
import io.onramp.core.audit.AuditLog;
import io.onramp.core.auth.Caller;
import io.onramp.core.auth.Role;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.event.WorkspaceEvent;
import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.lab.Cohorts;
import io.onramp.core.lab.LabProgress;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.testing.MutableClock;
import io.onramp.core.testing.TestDataSource;
import io.onramp.core.workspace.JobQueue;
import io.onramp.core.workspace.NewWorkspace;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.core.workspace.WorkspaceStore;
import io.onramp.core.workspace.Workspaces;
import io.onramp.labs.api.ExamViews.CohortView;
import io.onramp.labs.api.LabOperations;
import io.onramp.labs.api.LabViews.CheckView;
import io.onramp.labs.api.LabViews.LabView;
import io.onramp.labs.api.LabViews.ProgressView;
import io.onramp.labs.api.LabViews.TaskResultView;
import io.onramp.labs.exam.ClosedBy;
import io.onramp.labs.exam.Exam;
import io.onramp.labs.exam.ExamConfig;
import io.onramp.labs.exam.ExamDeadlines;
import io.onramp.labs.exam.ExamService;
import io.onramp.labs.exam.ExamState;
import io.onramp.labs.exam.ExamTask;
import io.onramp.pods.PodWorkspaceDriver;
import io.onramp.pods.blueprint.PodsConfig;
import io.onramp.pods.blueprint.PodsConfigs;

/**
 * Exam mode against the sandbox API server (with simulated controllers) and a real PostgreSQL: workspaces are
 * provisioned by the real engine and pod driver, time is a {@link MutableClock}, and the deadline duty is run by
 * hand with the clock's time.
 */
class ExamServiceTest {

    private static LabSandbox sandbox;
    private static final AtomicInteger OWNERS = new AtomicInteger();
    private static final PodsConfig PODS = PodsConfigs.defaults();

    private DataSource db;
    private MutableClock clock;
    private WorkspaceEngine engine;
    private AuditLog audit;
    private WorkspaceEvents events;
    private LabProgress progress;
    private LabService labs;
    private ExamService exams;
    private ExamDeadlines duty;
    private LabOperations ops;


    @BeforeAll
    static void cluster() {
        sandbox = new LabSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void setUp() {
        db = TestDataSource.migrated();
        TestDataSource.truncateWorkspaces();
        clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        engine = new WorkspaceEngine(db, new WorkspaceStore(), new JobQueue(), ManualEngine.of(3), clock,
                List.of(new PodWorkspaceDriver(sandbox.client(), PODS, lab -> Optional.empty(),
                        new io.onramp.core.auth.WorkspaceTokens(db, clock))));
        audit = new AuditLog(db, clock);
        events = new WorkspaceEvents(db, clock);
        progress = new LabProgress(db, clock);
        labs = new LabService(ContentFixtures.CATALOG, new Grader());
        Workspaces workspaces = new Workspaces(engine, audit);
        exams = new ExamService(labs, workspaces, sandbox.client(), db, clock, ExamConfig.defaults(), audit, events);
        duty = new ExamDeadlines(exams);
        ops = new LabOperations(labs, workspaces, progress, sandbox.client(), audit, exams, new Cohorts(db, clock),
                io.onramp.edge.split.RemoteFunctions.inProcess());
    }

    static Caller developer(String name) {
        return new Caller(name, Set.of(Role.DEVELOPER));
    }

    static final Caller ADMIN = new Caller("root", Set.of(Role.ADMIN));

    /** A fresh developer with a RUNNING pod workspace (code-server, guardrails), provisioned by the real driver. */
    Workspace runningWorkspace() {
        String owner = "examinee-" + OWNERS.incrementAndGet();
        NewWorkspace request = new NewWorkspace(WorkspaceKind.POD, owner, "onramp-" + owner, "http://" + owner
                + ".example", null, null, null, Map.of("ide", "CODE_SERVER", "size", "MEDIUM", "image",
                        PODS.images().defaultImage()), true);
        UUID id = engine.create(request, owner, null, null).workspace().id();
        converge(id, WorkspaceState.RUNNING);
        sandbox.reconcile();
        return engine.get(id);
    }

    void converge(UUID id, WorkspaceState until) {
        Instant before = clock.instant();
        for (int round = 0; round < 40; round++) {
            engine.runDueJobs(10);
            if (engine.get(id).state() == until) {
                // the engine's retries moved the clock; exams start from where the test left it
                return;
            }
            sandbox.reconcile();
            clock.advance(Duration.ofSeconds(30));
        }
        throw new AssertionError("never reached " + until + ": " + engine.get(id) + " since " + before);
    }

    @Test
    void startResetsTheNamespaceKeepsGuardrailsAndIdeAndAppliesStarters() {
        Workspace w = runningWorkspace();
        Caller dev = developer(w.owner());
        Set<String> baseline = inventory(w.namespace());
        assertTrue(baseline.contains("Deployment/code-server"), baseline.toString());
        assertTrue(baseline.contains("RoleBinding/onramp-developer"), baseline.toString());
        assertTrue(baseline.stream().anyMatch(s -> s.startsWith("NetworkPolicy/")), baseline.toString());
        // the developer's own things from earlier practice
        sandbox.create(w.namespace(), ContentFixtures.CATALOG.cumulativeState("deployments-and-rollouts",
                "rollout-restart"));
        sandbox.client().configMaps().inNamespace(w.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("my-notes").endMetadata().addToData("todo", "everything").build()).create();
        sandbox.reconcile();
        assertTrue(inventory(w.namespace()).contains("ConfigMap/my-notes"));

        Exam exam = exams.start(dev, List.of("services"), w.id().toString(), 30);
        assertEquals(ExamState.OPEN, exam.state());
        assertNotNull(exam.preparedAt(), "the namespace is prepared before start returns");
        assertEquals(exam.startedAt().plus(Duration.ofMinutes(30)), exam.deadline());
        assertEquals(w.owner(), exam.owner());
        assertEquals(ContentFixtures.CATALOG.require("services").maxScore(), exam.maxScore());
        assertEquals(ContentFixtures.CATALOG.require("services").tasks().size(), exam.tasks().size());

        sandbox.reconcile();
        Set<String> after = inventory(w.namespace());
        Set<String> starters = new TreeSet<>();
        for (Manifest m : ContentFixtures.CATALOG.starter("services")) {
            starters.add(m.kind() + "/" + m.name());
        }
        assertFalse(after.contains("ConfigMap/my-notes"), after.toString());
        for (Manifest m : ContentFixtures.CATALOG.cumulativeState("deployments-and-rollouts", "rollout-restart")) {
            assertFalse(after.contains(m.kind() + "/" + m.name()), m.kind() + "/" + m.name() + " was removed");
        }
        assertTrue(after.containsAll(baseline), "guardrails and IDE stay: " + baseline + " vs " + after);
        assertTrue(after.containsAll(starters), "starters applied: " + starters + " vs " + after);
        Set<String> expected = new TreeSet<>(baseline);
        expected.addAll(starters);
        Set<String> extra = new TreeSet<>(after);
        extra.removeAll(expected);
        assertTrue(extra.stream().allMatch(s -> s.startsWith("Pod/") || s.startsWith("ReplicaSet/")),
                "only the starters' own pods come on top: " + extra);
    }

    @Test
    void startIsIdempotentAndRefusesBadInput() {
        Workspace w = runningWorkspace();
        Caller dev = developer(w.owner());
        String ws = w.id().toString();
        Exam first = exams.start(dev, List.of("pods-and-labels", "services"), ws, 40);
        // the developer begins working; asking again (a retry) returns the same exam without resetting anything
        sandbox.create(w.namespace(), ContentFixtures.CATALOG.solution("pods-and-labels", "run-a-pod"));
        clock.advance(Duration.ofMinutes(3));
        Exam again = exams.start(dev, List.of("services", "pods-and-labels"), ws, 40);
        assertEquals(first.id(), again.id());
        assertEquals(first.deadline(), again.deadline());
        assertNotNull(sandbox.client().pods().inNamespace(w.namespace()).withName("status-page").get(),
                "a repeated start does not reset the namespace again");
        assertEquals(1, exams.list(dev, null).size());

        assertCode(ErrorCode.CONFLICT, () -> exams.start(dev, List.of("services"), ws, 40));
        assertCode(ErrorCode.CONFLICT, () -> exams.start(dev, List.of("pods-and-labels", "services"), ws, 45));
        assertCode(ErrorCode.NOT_FOUND, () -> exams.start(dev, List.of("no-such-lab"), ws, 30));
        assertCode(ErrorCode.BAD_USER_INPUT, () -> exams.start(dev, List.of(), ws, 30));
        assertCode(ErrorCode.BAD_USER_INPUT, () -> exams.start(dev, null, ws, 30));
        assertCode(ErrorCode.BAD_USER_INPUT, () -> exams.start(dev, List.of("services"), ws, 4));
        assertCode(ErrorCode.BAD_USER_INPUT, () -> exams.start(dev, List.of("services"), ws, 241));
        assertCode(ErrorCode.FORBIDDEN, () -> exams.start(developer("mallory"), List.of("services"), ws, 30));
        assertCode(ErrorCode.NOT_FOUND, () -> exams.start(dev, List.of("services"), UUID.randomUUID().toString(), 30));
        assertCode(ErrorCode.UNAUTHENTICATED, () -> exams.start(Caller.ANONYMOUS, List.of("services"), ws, 30));

        // a workspace that is not running
        Workspace paused = runningWorkspace();
        engine.pause(paused.id());
        converge(paused.id(), WorkspaceState.PAUSED);
        assertCode(ErrorCode.CONFLICT, () -> exams.start(developer(paused.owner()), List.of("services"),
                paused.id().toString(), 30));
        assertTrue(exams.list(ADMIN, paused.owner()).isEmpty());

        // without minutes: the labs' expected durations added up
        Workspace other = runningWorkspace();
        Exam byDefault = exams.start(developer(other.owner()), List.of("pods-and-labels", "services"),
                other.id().toString(), null);
        assertEquals(ContentFixtures.CATALOG.require("pods-and-labels").durationMinutes()
                + ContentFixtures.CATALOG.require("services").durationMinutes(), byDefault.minutes());
    }

    @Test
    void concurrentIdenticalStartsLeaveOneExam() throws Exception {
        Workspace w = runningWorkspace();
        Caller dev = developer(w.owner());
        List<Exam> started = race(4, () -> exams.start(dev, List.of("services"), w.id().toString(), 20));
        assertEquals(1, started.stream().map(Exam::id).distinct().count(), started.toString());
        assertEquals(1, count("SELECT count(*) FROM exams WHERE workspace_id = '" + w.id() + "'"));
    }

    @Test
    void hintsAreHiddenWhileTheExamRunsAndChecksAreNotProgress() {
        Workspace w = runningWorkspace();
        Caller dev = developer(w.owner());
        String ws = w.id().toString();
        // before the exam: hints in the lab view and on failed checks, and the check is progress
        TaskResultView practice = ops.checkTask(dev, ws, "pods-and-labels", "run-a-pod");
        assertNull(practice.examId());
        assertTrue(practice.checks().stream().anyMatch(c -> c.hint() != null));
        assertFalse(hints(ops.lab(dev, "pods-and-labels")).isEmpty());
        assertEquals(1, progress.of(w.owner()).size());

        Exam exam = exams.start(dev, List.of("pods-and-labels"), ws, 30);
        TaskResultView during = ops.checkTask(dev, ws, "pods-and-labels", "run-a-pod");
        assertEquals(exam.id().toString(), during.examId());
        assertFalse(during.passed());
        assertTrue(during.checks().stream().map(CheckView::hint).allMatch(h -> h == null), during.toString());
        assertTrue(hints(ops.lab(dev, "pods-and-labels")).isEmpty(), "no hints in the lab view during the exam");
        assertTrue(ops.lab(dev, "pods-and-labels").tasks().stream().allMatch(t -> t.solution() == null),
                "no solutions in the lab view during the exam");
        assertTrue(ops.lab(ADMIN, "pods-and-labels").tasks().stream().allMatch(t -> t.solution() != null));
        assertTrue(ops.labs(dev, null, null).stream().allMatch(l -> hints(l).isEmpty()));
        assertFalse(hints(ops.lab(ADMIN, "pods-and-labels")).isEmpty(), "others still see hints");
        assertFalse(hints(ops.lab(developer("someone-else"), "pods-and-labels")).isEmpty());
        assertEquals(1, progress.of(w.owner()).get(0).attempts(), "exam checks are not practice progress");
        ops.checkTask(dev, ws, "pods-and-labels", "run-a-pod");
        assertEquals(2, task(exams.get(dev, exam.id().toString()), "run-a-pod").checkRuns());

        exams.submit(dev, exam.id().toString());
        TaskResultView afterwards = ops.checkTask(dev, ws, "pods-and-labels", "run-a-pod");
        assertNull(afterwards.examId());
        assertTrue(afterwards.checks().stream().anyMatch(c -> c.hint() != null));
        assertFalse(hints(ops.lab(dev, "pods-and-labels")).isEmpty());
        assertEquals(2, progress.of(w.owner()).get(0).attempts());
    }

    @Test
    void theDutyGradesTheExamAtItsDeadline() {
        Workspace w = runningWorkspace();
        Caller dev = developer(w.owner());
        Exam exam = exams.start(dev, List.of("pods-and-labels"), w.id().toString(), 10);
        sandbox.create(w.namespace(), ContentFixtures.CATALOG.solution("pods-and-labels", "run-a-pod"));
        sandbox.reconcile();

        clock.advance(Duration.ofMinutes(9));
        DutyReport early = duty.run(clock.instant());
        assertEquals(0, early.acted(), early.toString());
        assertTrue(exams.get(dev, exam.id().toString()).open());

        clock.advance(Duration.ofMinutes(2));
        DutyReport due = duty.run(clock.instant());
        assertEquals(1, due.acted(), due.toString());
        assertEquals(ExamDeadlines.NAME, due.duty());
        Exam closed = exams.get(dev, exam.id().toString());
        assertEquals(ExamState.CLOSED, closed.state());
        assertEquals(ClosedBy.DEADLINE, closed.closedBy());
        assertEquals(clock.instant(), closed.closedAt());
        int runAPod = ContentFixtures.CATALOG.require("pods-and-labels").task("run-a-pod").orElseThrow().maxScore();
        ExamTask solved = task(closed, "run-a-pod");
        assertEquals(runAPod, solved.score());
        assertTrue(solved.passed());
        for (ExamTask t : closed.tasks()) {
            if (!t.taskId().equals("run-a-pod")) {
                assertEquals(0, t.score(), t.toString());
                assertFalse(t.passed(), t.toString());
            }
        }
        assertEquals(runAPod, closed.score());
        assertEquals(Math.round(runAPod * 1000.0 / closed.maxScore()) / 10.0, closed.percent());
        assertFalse(closed.passed(), "one task of four is below the 66% pass mark");
        assertEquals(66, closed.passPercent());

        List<WorkspaceEvent> told = events.forWorkspace(w.id(), 10);
        assertEquals(1, told.size());
        assertEquals("exam-closed", told.get(0).kind());
        assertTrue(told.get(0).message().contains("at the deadline"), told.get(0).message());
        assertEquals(0, duty.run(clock.instant()).acted(), "a closed exam is not graded again");
    }

    @Test
    void checksAfterTheDeadlineDoNotCountTowardTheExam() {
        Workspace w = runningWorkspace();
        Caller dev = developer(w.owner());
        String ws = w.id().toString();
        Exam exam = exams.start(dev, List.of("pods-and-labels"), ws, 5);
        ops.checkTask(dev, ws, "pods-and-labels", "run-a-pod");
        assertEquals(1, task(exams.get(dev, exam.id().toString()), "run-a-pod").checkRuns());

        clock.advance(Duration.ofMinutes(5));
        // past the deadline, the duty has not run yet: the exam can no longer count checks
        assertFalse(exams.countCheck(exam, "pods-and-labels", "run-a-pod"));
        // a check now closes (grades) the exam first, then is plain practice with hints
        TaskResultView late = ops.checkTask(dev, ws, "pods-and-labels", "run-a-pod");
        assertNull(late.examId());
        assertTrue(late.checks().stream().anyMatch(c -> c.hint() != null), "hints are back");
        Exam closed = exams.get(dev, exam.id().toString());
        assertEquals(ExamState.CLOSED, closed.state());
        assertEquals(ClosedBy.DEADLINE, closed.closedBy());
        assertEquals(0, closed.score());
        assertEquals(1, task(closed, "run-a-pod").checkRuns());

        // solving it afterwards passes as practice but leaves the exam's report as it was
        sandbox.create(w.namespace(), ContentFixtures.CATALOG.solution("pods-and-labels", "run-a-pod"));
        sandbox.reconcile();
        assertTrue(ops.checkTask(dev, ws, "pods-and-labels", "run-a-pod").passed());
        assertEquals(0, duty.run(clock.instant()).acted());
        Exam report = exams.submit(dev, exam.id().toString());
        assertEquals(0, report.score());
        assertEquals(closed.closedAt(), report.closedAt());
        assertTrue(progress.of(w.owner()).get(0).passed(), "the late solution counts as practice");
    }

    @Test
    void submitIsIdempotentAndReportsAreForTheOwnerAndAdmins() {
        Workspace w = runningWorkspace();
        Caller dev = developer(w.owner());
        Exam exam = exams.start(dev, List.of("pods-and-labels"), w.id().toString(), 30);
        String id = exam.id().toString();
        sandbox.create(w.namespace(), ContentFixtures.CATALOG.cumulativeState("pods-and-labels", "command-and-args"));
        sandbox.reconcile();
        assertCode(ErrorCode.FORBIDDEN, () -> exams.submit(developer("mallory"), id));
        assertCode(ErrorCode.FORBIDDEN, () -> exams.get(developer("mallory"), id));
        assertCode(ErrorCode.FORBIDDEN, () -> exams.list(developer("mallory"), w.owner()));
        assertTrue(exams.list(developer("mallory"), null).isEmpty());
        assertCode(ErrorCode.NOT_FOUND, () -> exams.get(dev, "not-an-id"));
        assertCode(ErrorCode.NOT_FOUND, () -> exams.get(dev, UUID.randomUUID().toString()));
        assertCode(ErrorCode.BAD_USER_INPUT, () -> exams.submit(dev, " "));
        assertTrue(exams.get(dev, id).open(), "refused calls change nothing");

        clock.advance(Duration.ofMinutes(12));
        Exam report = exams.submit(dev, id);
        assertEquals(ExamState.CLOSED, report.state());
        assertEquals(ClosedBy.SUBMITTED, report.closedBy());
        assertEquals(report.maxScore(), report.score());
        assertEquals(100.0, report.percent());
        assertTrue(report.passed());
        assertTrue(report.tasks().stream().allMatch(t -> t.passed() && t.score() == t.maxScore()));

        clock.advance(Duration.ofMinutes(1));
        Exam again = exams.submit(dev, id);
        assertEquals(report, again, "submitting again returns the same report");
        assertEquals(1, events.forWorkspace(w.id(), 10).size());
        assertEquals(report, exams.get(ADMIN, id));
        assertEquals(List.of(report), exams.list(dev, null));
        assertEquals(List.of(report), exams.list(ADMIN, w.owner()));
        assertEquals(0, duty.run(clock.instant().plus(Duration.ofHours(1))).acted());
        // a new exam may start on the workspace now
        Exam next = exams.start(dev, List.of("pods-and-labels"), w.id().toString(), 30);
        assertFalse(next.id().equals(exam.id()));
    }

    @Test
    void twoConcurrentClosersCloseOnce() throws Exception {
        Workspace w = runningWorkspace();
        Caller dev = developer(w.owner());
        Exam exam = exams.start(dev, List.of("pods-and-labels", "services"), w.id().toString(), 5);
        sandbox.create(w.namespace(), ContentFixtures.CATALOG.solution("pods-and-labels", "run-a-pod"));
        sandbox.reconcile();
        clock.advance(Duration.ofMinutes(6));
        Instant now = clock.instant();

        // two replicas' duties and a late submit, all at once
        ExamDeadlines otherReplica = new ExamDeadlines(new ExamService(labs, new Workspaces(engine, audit),
                sandbox.client(), db, clock, ExamConfig.defaults(), audit, events));
        List<Object> results = race(3, new Callable<Object>() {
            final AtomicInteger n = new AtomicInteger();

            @Override
            public Object call() {
                return switch (n.getAndIncrement()) {
                    case 0 -> duty.run(now);
                    case 1 -> otherReplica.run(now);
                    default -> exams.submit(dev, exam.id().toString());
                };
            }
        });
        int acted = results.stream().filter(r -> r instanceof DutyReport).mapToInt(r -> ((DutyReport) r).acted())
                .sum();
        Exam submitted = (Exam) results.stream().filter(r -> r instanceof Exam).findFirst().orElseThrow();
        Exam closed = exams.get(dev, exam.id().toString());
        assertEquals(ExamState.CLOSED, closed.state());
        assertEquals(ClosedBy.DEADLINE, closed.closedBy(), "past the deadline, even when submitted");
        assertEquals(closed, submitted);
        assertTrue(acted <= 1, "acted " + acted);
        assertEquals(1, events.forWorkspace(w.id(), 10).size(), "closed once");
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE operation = 'closeExam' AND target = '"
                + exam.id() + "'"));
        assertEquals(task(closed, "run-a-pod").maxScore(), closed.score());
    }

    @Test
    void adminsGroupDevelopersInCohortsForTheInstructorView() {
        Workspace a = runningWorkspace();
        Workspace b = runningWorkspace();
        Workspace c = runningWorkspace();
        for (Workspace w : List.of(a, b, c)) {
            ops.checkTask(developer(w.owner()), w.id().toString(), "pods-and-labels", "run-a-pod");
        }
        assertCode(ErrorCode.FORBIDDEN, () -> ops.setCohort(developer(a.owner()), "june", List.of(a.owner())));
        assertCode(ErrorCode.BAD_USER_INPUT, () -> ops.setCohort(ADMIN, " ", List.of(a.owner())));
        assertCode(ErrorCode.BAD_USER_INPUT, () -> ops.setCohort(ADMIN, "june", null));
        CohortView june = ops.setCohort(ADMIN, "june", List.of(b.owner(), a.owner()));
        assertEquals(new TreeSet<>(List.of(a.owner(), b.owner())), new TreeSet<>(june.owners()));
        assertEquals(june, ops.setCohort(ADMIN, "june", List.of(a.owner(), b.owner())), "idempotent");

        List<ProgressView> rows = ops.progress(ADMIN, null, "june");
        assertEquals(Set.of(a.owner(), b.owner()), rows.stream().map(ProgressView::owner).collect(
                java.util.stream.Collectors.toSet()));
        String csv = ops.progressCsv(ADMIN, null, "june");
        assertTrue(csv.startsWith("owner,lab,task,"), csv);
        assertEquals(3, csv.split("\n").length, csv);
        assertFalse(csv.contains(c.owner()), csv);
        assertCode(ErrorCode.FORBIDDEN, () -> ops.progress(developer(a.owner()), null, "june"));
        assertCode(ErrorCode.FORBIDDEN, () -> ops.progressCsv(developer(a.owner()), null, "june"));
        assertEquals(1, ops.progress(developer(c.owner()), null, null).size(), "developers see their own");

        // moving b to another cohort takes b out of june; an empty list dissolves a cohort
        ops.setCohort(ADMIN, "july", List.of(b.owner()));
        assertEquals(List.of(a.owner()), ops.cohorts(ADMIN).stream().filter(k -> k.name().equals("june"))
                .findFirst().orElseThrow().owners());
        ops.setCohort(ADMIN, "june", List.of());
        assertEquals(List.of("july"), ops.cohorts(ADMIN).stream().map(CohortView::name).toList());
        assertTrue(ops.progress(ADMIN, null, "june").isEmpty());
    }

    private static List<String> hints(LabView lab) {
        List<String> all = new ArrayList<>();
        lab.tasks().forEach(t -> all.addAll(t.hints()));
        return all;
    }

    private static ExamTask task(Exam exam, String taskId) {
        return exam.tasks().stream().filter(t -> t.taskId().equals(taskId)).findFirst().orElseThrow();
    }

    private static void assertCode(ErrorCode code, org.junit.jupiter.api.function.Executable call) {
        OnrampException e = assertThrows(OnrampException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }

    /** Runs {@code n} calls at the same moment on {@code n} threads; their results in call order. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> race(int n, Callable<? extends T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add((Future<T>) pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(String sql) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kind/name of every object a reset looks at. */
    private static Set<String> inventory(String ns) {
        Set<String> out = new TreeSet<>();
        NamespaceSnapshot s = NamespaceSnapshot.of(sandbox.client(), ns);
        for (ResourceKind k : NamespaceReset.KINDS) {
            for (Map<String, Object> o : s.list(k)) {
                out.add(k.kind() + "/" + Trees.text(Trees.map(o, "metadata"), "name"));
            }
        }
        return out;
    }
}
