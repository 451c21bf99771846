package io.onramp.core.workspace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.onramp.core.error.OnrampException;

/**
 * A driver for testing the engine itself: it keeps a tiny in-memory "cloud" (per workspace: exists, running), can be
 * told to fail the next N calls or to need several steps, and records every call.
 */
final class ScriptedDriver implements WorkspaceDriver {

    final AtomicInteger failNext = new AtomicInteger();
    volatile RuntimeException failure = OnrampException.unavailable("the API server is unreachable");
    volatile int stepsToProvision = 1;
    /** Runs inside a converge step, to simulate requests arriving while the driver works. */
    volatile Runnable during = () -> {
    };
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final java.util.Map<java.util.UUID, Integer> provisionSteps = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.Map<java.util.UUID, Boolean> running = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public WorkspaceKind kind() {
        return WorkspaceKind.POD;
    }

    @Override
    public Convergence converge(Workspace w) {
        calls.add(w.desiredState() + ":" + w.id());
        Runnable hook = during;
        during = () -> {
        };
        hook.run();
        if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw failure;
        }
        return switch (w.desiredState()) {
            case RUNNING -> {
                int step = provisionSteps.merge(w.id(), 1, Integer::sum);
                if (step < stepsToProvision) {
                    yield Convergence.inProgress(w.state(), Duration.ofSeconds(2), "waiting for the pod");
                }
                running.put(w.id(), true);
                yield Convergence.reached(WorkspaceState.RUNNING).with(Convergence.URL, "https://" + w.owner() + ".example");
            }
            case PAUSED -> {
                running.put(w.id(), false);
                yield Convergence.reached(WorkspaceState.PAUSED);
            }
            case DELETED -> {
                running.remove(w.id());
                provisionSteps.remove(w.id());
                yield Convergence.reached(WorkspaceState.DELETED);
            }
        };
    }
}
