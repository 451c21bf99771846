package io.onramp.core.activity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.Outcome;
import io.onramp.core.error.OnrampException;
import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.page.PageRequest;
import io.onramp.core.page.Page;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.workspace.DesiredState;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.WorkspaceFilter;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;

/**
 * What the idle-pause duties of every kind share: probe the running workspaces' code-servers (a few at a time,
 * each bounded in time), record what was seen, decide with {@link IdleRule}, and pause through the engine
 * ({@link WorkspaceEngine#changeIfAt}, so that a workspace changed meanwhile is left alone and two runs act once),
 * telling the owner with an {@value SelfCare#IDLE_PAUSED} event and writing the audit log as {@code system:<duty>}.
 */
@ApplicationScoped
public class IdleWatch {

    private static final Logger LOG = Logger.getLogger(IdleWatch.class);

    private final WorkspaceEngine engine;
    private final ActivityStore store;
    private final HeartbeatProbe probe;
    private final WorkspaceEvents events;
    private final AuditLog audit;
    private final IdleConfig config;

    public IdleWatch(WorkspaceEngine engine, ActivityStore store, HeartbeatProbe probe, WorkspaceEvents events,
            AuditLog audit, IdleConfig config) {
        this.engine = engine;
        this.store = store;
        this.probe = probe;
        this.events = events;
        this.audit = audit;
        this.config = config;
    }

    /** A running workspace and where its code-server answers. */
    public record Candidate(Workspace workspace, ProbeTarget target) {
    }

    /**
     * The workspaces of a kind that are running and meant to run (paging through all of them), except those linked
     * to a Coder workspace: Coder's own autostop and dormancy govern them, and pausing behind Coder's back would
     * leave it believing they run.
     */
    public List<Workspace> running(WorkspaceKind kind) {
        List<Workspace> out = new ArrayList<>();
        String after = null;
        do {
            Page<Workspace> page = engine.list(new WorkspaceFilter(null, WorkspaceState.RUNNING, kind, false,
                    PageRequest.of(PageRequest.MAX_SIZE, after)));
            page.items().stream().filter(w -> w.desiredState() == DesiredState.RUNNING && w.coderWorkspaceId() == null)
                    .forEach(out::add);
            after = page.hasNextPage() ? page.endCursor() : null;
        } while (after != null);
        return out;
    }

    public ActivityStore store() {
        return store;
    }

    public DutyReport run(String duty, Duration idleAfter, List<Candidate> candidates, Instant now) {
        if (idleAfter.isZero() || idleAfter.isNegative()) {
            return new DutyReport(duty, 0, 0, List.of("idle time must be positive; nothing done"));
        }
        List<ProbeResult> results = probeAll(candidates);
        boolean anyAnswered = results.stream().anyMatch(r -> r instanceof ProbeResult.Answered);
        List<String> notes = new ArrayList<>();
        int acted = 0;
        int unreachable = 0;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            Workspace w = candidate.workspace();
            ProbeResult result = results.get(i);
            if (result instanceof ProbeResult.Unreachable) {
                unreachable++;
            }
            try {
                Optional<IdleRule.Verdict> verdict = store.update(w.id(), now, current -> {
                    IdleRule.Verdict v = IdleRule.judge(current, w, result, now, idleAfter,
                            config.unreachableFailures(), anyAnswered);
                    return new ActivityStore.Outcome<>(v.record(), v);
                });
                if (verdict.isPresent() && verdict.get().pause() && pause(duty, w, verdict.get(), now)) {
                    acted++;
                    notes.add("paused " + w.id() + " of " + w.owner() + " (" + verdict.get().decision() + ")");
                }
            } catch (OnrampException e) {
                // one workspace's trouble (database hiccup, a refused admission) must not stop the others
                LOG.warnf("Duty %s: workspace %s: %s", duty, w.id(), e.getMessage());
                notes.add("skipped " + w.id() + ": " + e.code());
            }
        }
        if (unreachable > 0) {
            notes.add(unreachable + " of " + candidates.size() + " code-server(s) did not answer"
                    + (anyAnswered ? "" : "; none answered, so none was paused for it (check Onramp's network path)"));
        }
        return new DutyReport(duty, candidates.size(), acted, notes);
    }

    private boolean pause(String duty, Workspace w, IdleRule.Verdict verdict, Instant now) {
        Optional<Workspace> paused = engine.changeIfAt(w.id(), w.generation(), DesiredState.PAUSED);
        if (paused.isEmpty()) {
            return false; // changed meanwhile (its owner, or another run of this duty): leave it
        }
        long minutes = Duration.between(verdict.idleSince(), now).toMinutes();
        String since = verdict.idleSince().truncatedTo(ChronoUnit.SECONDS).toString();
        String message = verdict.decision() == IdleRule.Decision.PAUSE_IDLE
                ? "Paused after " + minutes + " minutes without activity in the IDE (idle since " + since
                        + "). Your files are kept; resume the workspace when you need it."
                : "Paused: the IDE has not answered for " + minutes + " minutes (idle since " + since
                        + "). Your files are kept; resume the workspace when you need it.";
        events.record(SelfCare.SOURCE, SelfCare.IDLE_PAUSED, w.id(), w.owner(), message);
        audit.record(SelfCare.actor(duty), "pauseWorkspace", w.id().toString(), Outcome.SUCCESS,
                (verdict.decision() == IdleRule.Decision.PAUSE_IDLE ? "idle" : "unreachable") + " since " + since
                        + ", now " + paused.get().state());
        return true;
    }

    /** Probes in windows of {@code onramp.idle.probe.concurrency}; a probe that overruns counts as unreachable. */
    private List<ProbeResult> probeAll(List<Candidate> candidates) {
        int window = Math.max(1, config.probe().concurrency());
        long waitMs = config.probe().timeout().toMillis() + 1000;
        List<ProbeResult> out = new ArrayList<>(candidates.size());
        for (int start = 0; start < candidates.size(); start += window) {
            List<CompletableFuture<ProbeResult>> inFlight = new ArrayList<>();
            for (Candidate c : candidates.subList(start, Math.min(candidates.size(), start + window))) {
                inFlight.add(probeSafely(c.target()));
            }
            for (CompletableFuture<ProbeResult> f : inFlight) {
                out.add(await(f, waitMs));
            }
        }
        return out;
    }

    private CompletableFuture<ProbeResult> probeSafely(ProbeTarget target) {
        try {
            return probe.probe(target).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new ProbeResult.Unreachable("probe failed to start"));
        }
    }

    private static ProbeResult await(CompletableFuture<ProbeResult> f, long waitMs) {
        try {
            ProbeResult r = f.get(waitMs, TimeUnit.MILLISECONDS);
            return r == null ? new ProbeResult.Unreachable("no result") : r;
        } catch (TimeoutException e) {
            f.cancel(true);
            return new ProbeResult.Unreachable("timed out");
        } catch (ExecutionException e) {
            return new ProbeResult.Unreachable("probe failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeResult.Unreachable("interrupted");
        }
    }
}
