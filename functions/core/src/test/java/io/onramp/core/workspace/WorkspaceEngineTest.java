package io.onramp.core.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.onramp.core.testing.ManualEngine;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.testing.MutableClock;
import io.onramp.core.testing.TestDataSource;

/** The engine against a real PostgreSQL, with a scripted driver and a clock moved by hand. */
class WorkspaceEngineTest {

    DataSource db;
    MutableClock clock;
    ScriptedDriver driver;
    WorkspaceEngine engine;

    @BeforeEach
    void setUp() {
        db = TestDataSource.migrated();
        TestDataSource.truncateWorkspaces();
        clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        driver = new ScriptedDriver();
        engine = engine(Duration.ofMinutes(5));
    }

    WorkspaceEngine engine(Duration lease) {
        return new WorkspaceEngine(db, new WorkspaceStore(), new JobQueue(), ManualEngine.of(3).withLease(lease).withConcurrency(4), clock,
                List.of(driver));
    }

    static NewWorkspace pod(String owner) {
        return new NewWorkspace(WorkspaceKind.POD, owner, "onramp-" + owner, null, null, null, null,
                Map.of("image", "codercom/code-server"), true);
    }

    @Test
    void createRecordsTheDesiredStateAndReturnsAtOnce() {
        CreateResult result = engine.create(pod("alice"), "alice", null, null);
        assertTrue(result.created());
        Workspace w = result.workspace();
        assertEquals(WorkspaceState.PROVISIONING, w.state());
        assertEquals(DesiredState.RUNNING, w.desiredState());
        assertTrue(driver.calls.isEmpty(), "the mutation does not wait for the driver");
        assertEquals(clock.instant(), engine.nextRun(w.id()).orElseThrow());

        assertEquals(1, engine.drain(10));
        Workspace after = engine.get(w.id());
        assertEquals(WorkspaceState.RUNNING, after.state());
        assertEquals("https://alice.example", after.url());
        assertTrue(engine.nextRun(w.id()).isEmpty(), "converged: no job left");
    }

    @Test
    void pauseResumeDeleteWalkThroughTheStates() {
        UUID id = engine.create(pod("bob"), "bob", null, null).workspace().id();
        engine.drain(10);
        assertEquals(WorkspaceState.PAUSING, engine.pause(id).state());
        assertEquals(WorkspaceState.PAUSING, engine.pause(id).state(), "pausing twice is a no-op");
        engine.drain(10);
        assertEquals(WorkspaceState.PAUSED, engine.get(id).state());
        assertFalse(driver.running.get(id));
        assertEquals(WorkspaceState.RESUMING, engine.resume(id).state());
        engine.drain(10);
        assertEquals(WorkspaceState.RUNNING, engine.get(id).state());
        assertTrue(driver.running.get(id));
        assertEquals(WorkspaceState.DELETING, engine.delete(id).state());
        engine.drain(10);
        assertEquals(WorkspaceState.DELETED, engine.get(id).state());
        assertEquals(WorkspaceState.DELETED, engine.delete(id).state(), "deleting twice is a no-op");
        OnrampException e = assertThrows(OnrampException.class, () -> engine.resume(id));
        assertEquals(ErrorCode.CONFLICT, e.code());
    }

    @Test
    void multiStepConvergenceRechecksLater() {
        driver.stepsToProvision = 3;
        UUID id = engine.create(pod("carol"), "carol", null, null).workspace().id();
        assertEquals(1, engine.runDueJobs(10));
        assertEquals(WorkspaceState.PROVISIONING, engine.get(id).state());
        assertEquals("waiting for the pod", engine.get(id).stateReason());
        assertEquals(0, engine.runDueJobs(10), "not due before the recheck delay");
        clock.advance(Duration.ofSeconds(2));
        engine.runDueJobs(10);
        clock.advance(Duration.ofSeconds(2));
        engine.runDueJobs(10);
        assertEquals(WorkspaceState.RUNNING, engine.get(id).state());
    }

    @Test
    void failuresAreRetriedWithBackoffThenFailThenALaterRetryCompletes() {
        driver.failNext.set(10);
        UUID id = engine.create(pod("dave"), "dave", null, null).workspace().id();
        Instant start = clock.instant();
        engine.runDueJobs(10);
        Workspace w = engine.get(id);
        assertEquals(WorkspaceState.PROVISIONING, w.state());
        assertEquals("the API server is unreachable", w.lastError());
        assertEquals(start.plusSeconds(1), engine.nextRun(id).orElseThrow(), "first retry after 1 s");
        clock.advance(Duration.ofSeconds(1));
        engine.runDueJobs(10);
        assertEquals(clock.instant().plusSeconds(2), engine.nextRun(id).orElseThrow(), "then 2 s");
        clock.advance(Duration.ofSeconds(2));
        engine.runDueJobs(10);
        w = engine.get(id);
        assertEquals(WorkspaceState.FAILED, w.state(), "max attempts (3) reached");
        assertTrue(w.stateReason().contains("Gave up after 3 attempts"), w.stateReason());
        assertEquals("the API server is unreachable", w.lastError());
        assertTrue(engine.nextRun(id).isEmpty());

        driver.failNext.set(0);
        CreateResult again = engine.create(pod("dave"), "dave", null, null);
        assertFalse(again.created(), "the owner's workspace is returned");
        assertEquals(id, again.workspace().id());
        assertEquals(WorkspaceState.PROVISIONING, again.workspace().state(), "asking again retries a FAILED workspace");
        engine.drain(10);
        assertEquals(WorkspaceState.RUNNING, engine.get(id).state());
        assertNotNull(engine.get(id).url());
    }

    @Test
    void badInputFailsAtOnceWithoutRetries() {
        driver.failNext.set(1);
        driver.failure = OnrampException.badInput("image not allowed");
        UUID id = engine.create(pod("erin"), "erin", null, null).workspace().id();
        engine.runDueJobs(10);
        Workspace w = engine.get(id);
        assertEquals(WorkspaceState.FAILED, w.state());
        assertTrue(w.stateReason().contains("image not allowed"));
        assertEquals(1, driver.calls.size());
    }

    @Test
    void aJobHeldByADeadWorkerIsTakenOverWhenItsLeaseRunsOut() {
        UUID id = engine.create(pod("frank"), "frank", null, null).workspace().id();
        WorkspaceEngine crashed = engine(Duration.ofMinutes(5));
        assertEquals(1, crashed.claimDueJobs(10).size(), "the first process claims the job and dies");
        WorkspaceEngine restarted = engine(Duration.ofMinutes(5));
        assertEquals(0, restarted.runDueJobs(10), "still leased");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertEquals(1, restarted.runDueJobs(10));
        assertEquals(WorkspaceState.RUNNING, restarted.get(id).state());
    }

    @Test
    void aNewRequestDuringAConvergeStepIsNotLost() {
        UUID id = engine.create(pod("gina"), "gina", null, null).workspace().id();
        driver.during = () -> engine.pause(id); // arrives while the driver is busy starting it
        engine.runDueJobs(1);
        Workspace w = engine.get(id);
        assertEquals(WorkspaceState.PAUSING, w.state(), "the stale RUNNING observation is not written");
        assertTrue(engine.nextRun(id).isPresent(), "the pause job is still queued");
        engine.drain(10);
        assertEquals(WorkspaceState.PAUSED, engine.get(id).state());
    }

    @Test
    void hundredConcurrentIdenticalCreatesLeaveOneRow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<UUID>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(() -> engine.create(pod("henry"), "henry", null, null).workspace().id());
            }
            Set<UUID> ids = new HashSet<>();
            for (Future<UUID> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("SELECT count(*) FROM workspaces WHERE owner = 'henry'"));
        assertEquals(1, count("SELECT count(*) FROM jobs"));
    }

    @Test
    void idempotencyKeysReturnTheFirstResultAndRefuseADifferentRequest() throws Exception {
        NewWorkspace vm = new NewWorkspace(WorkspaceKind.VM, "ivy", null, null, null, null, "ch-gva-2",
                Map.of("instanceType", "standard.medium"), false);
        UUID first = engine.create(vm, "ivy", "key-1", "fp-a").workspace().id();
        assertEquals(first, engine.create(vm, "ivy", "key-1", "fp-a").workspace().id());
        assertEquals(1, count("SELECT count(*) FROM workspaces WHERE owner = 'ivy'"));
        OnrampException e = assertThrows(OnrampException.class, () -> engine.create(vm, "ivy", "key-1", "fp-b"));
        assertEquals(ErrorCode.CONFLICT, e.code());
        UUID second = engine.create(vm, "ivy", "key-2", "fp-a").workspace().id();
        assertFalse(first.equals(second), "another key makes another VM workspace");
    }

    @Test
    void aNewPodWorkspaceWaitsUntilTheOldOneIsDeleted() {
        UUID id = engine.create(pod("jack"), "jack", null, null).workspace().id();
        engine.drain(10);
        engine.delete(id);
        OnrampException e = assertThrows(OnrampException.class, () -> engine.create(pod("jack"), "jack", null, null));
        assertEquals(ErrorCode.CONFLICT, e.code());
        engine.drain(10);
        CreateResult fresh = engine.create(pod("jack"), "jack", null, null);
        assertTrue(fresh.created());
        assertFalse(fresh.workspace().id().equals(id));
    }

    @Test
    void unknownIdsAreNotFound() {
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(OnrampException.class, () -> engine.pause(UUID.randomUUID())).code());
    }

    long count(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
