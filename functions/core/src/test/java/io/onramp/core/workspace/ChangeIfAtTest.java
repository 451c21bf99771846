package io.onramp.core.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.onramp.core.testing.ManualEngine;
import io.onramp.core.testing.MutableClock;
import io.onramp.core.testing.TestDataSource;

/** The engine's conditional change, used by the self-care duties: only on the generation they looked at. */
class ChangeIfAtTest {

    MutableClock clock;
    ScriptedDriver driver;
    WorkspaceEngine engine;

    @BeforeEach
    void setUp() {
        TestDataSource.truncateWorkspaces();
        clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        driver = new ScriptedDriver();
        engine = new WorkspaceEngine(TestDataSource.migrated(), new WorkspaceStore(), new JobQueue(),
                ManualEngine.of(3).withConcurrency(4), clock, List.of(driver));
    }

    UUID running(String owner) {
        UUID id = engine.create(new NewWorkspace(WorkspaceKind.POD, owner, "onramp-" + owner, null, null, null, null,
                Map.of(), true), owner, null, null).workspace().id();
        engine.drain(10);
        return id;
    }

    @Test
    void changesOnlyWhatWasSeen() {
        UUID id = running("alice");
        Workspace seen = engine.get(id);
        Optional<Workspace> paused = engine.changeIfAt(id, seen.generation(), DesiredState.PAUSED);
        assertTrue(paused.isPresent());
        assertEquals(WorkspaceState.PAUSING, paused.get().state());
        assertEquals(seen.generation() + 1, paused.get().generation());
        assertEquals(clock.instant(), engine.nextRun(id).orElseThrow(), "a job is due, like any request");
        assertTrue(engine.changeIfAt(id, seen.generation(), DesiredState.PAUSED).isEmpty(), "a second run acts no more");
        engine.drain(10);
        assertEquals(WorkspaceState.PAUSED, engine.get(id).state());
    }

    @Test
    void aWorkspaceResumedMeanwhileIsNotDeleted() {
        UUID id = running("bob");
        engine.pause(id);
        engine.drain(10);
        Workspace pausedWhenLooked = engine.get(id);
        engine.resume(id); // the owner, a moment before the duty acts
        assertTrue(engine.changeIfAt(id, pausedWhenLooked.generation(), DesiredState.DELETED).isEmpty());
        engine.drain(10);
        assertEquals(WorkspaceState.RUNNING, engine.get(id).state());
        assertTrue(engine.changeIfAt(UUID.randomUUID(), 1, DesiredState.DELETED).isEmpty(), "unknown: nothing");
    }
}
