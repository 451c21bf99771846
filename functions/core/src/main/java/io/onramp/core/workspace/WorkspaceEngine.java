package io.onramp.core.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.onramp.core.deploy.DeploymentConfig;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.page.Page;
import io.onramp.core.store.Tx;

/**
 * Drives workspaces like a Kubernetes controller. Mutations validate, record the desired state and a due job in one
 * transaction, and return at once; {@link #runDueJobs} converges workspaces through the driver of their kind, with
 * retries and back-off, and survives crashes because everything it needs is in PostgreSQL.
 */
@ApplicationScoped
public class WorkspaceEngine {

    private static final Logger LOG = Logger.getLogger(WorkspaceEngine.class);
    private static final int MAX_ERROR = 500;
    /** How the reason of a workspace that ran out of attempts begins; see {@link #gaveUp}. */
    static final String GAVE_UP = "Gave up after ";

    private final DataSource dataSource;
    private final WorkspaceStore store;
    private final JobQueue queue;
    private final EngineConfig config;
    private final Clock clock;
    private final Map<WorkspaceKind, WorkspaceDriver> drivers = new ConcurrentHashMap<>();
    private final String workerId = "worker-" + UUID.randomUUID();
    private final Set<WorkspaceKind> servedKinds;
    private final List<Consumer<WorkspaceKind>> workListeners = new CopyOnWriteArrayList<>();

    @Inject
    public WorkspaceEngine(DataSource dataSource, WorkspaceStore store, JobQueue queue, EngineConfig config, Clock clock,
            Instance<WorkspaceDriver> found, DeploymentConfig deployment) {
        this(dataSource, store, queue, config, clock, (Iterable<WorkspaceDriver>) found, servedKinds(deployment));
    }

    /** An engine that runs the jobs of every kind (tests, tools). */
    public WorkspaceEngine(DataSource dataSource, WorkspaceStore store, JobQueue queue, EngineConfig config, Clock clock,
            Iterable<WorkspaceDriver> found) {
        this(dataSource, store, queue, config, clock, found, EnumSet.allOf(WorkspaceKind.class));
    }

    public WorkspaceEngine(DataSource dataSource, WorkspaceStore store, JobQueue queue, EngineConfig config, Clock clock,
            Iterable<WorkspaceDriver> found, Set<WorkspaceKind> servedKinds) {
        this.dataSource = dataSource;
        this.store = store;
        this.queue = queue;
        this.config = config;
        this.clock = clock;
        this.servedKinds = servedKinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(servedKinds));
        for (WorkspaceDriver driver : found) {
            drivers.put(driver.kind(), driver);
        }
    }

    /** The kinds whose group this process serves ({@code onramp.deployment.serve}): the only jobs it claims. */
    static Set<WorkspaceKind> servedKinds(DeploymentConfig deployment) {
        Set<WorkspaceKind> kinds = EnumSet.noneOf(WorkspaceKind.class);
        for (WorkspaceKind kind : WorkspaceKind.values()) {
            if (deployment.serves(kind.group())) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    public Set<WorkspaceKind> servedKinds() {
        return servedKinds;
    }

    /** Lets the background worker wake up as soon as a job is due instead of at its next poll. */
    public void onWork(Runnable nudge) {
        workListeners.add(kind -> nudge.run());
    }

    /**
     * Told the kind of every workspace that got a due job: the split gateway wakes the function that owns the kind.
     */
    public void onWorkFor(Consumer<WorkspaceKind> listener) {
        workListeners.add(listener);
    }

    private void workFor(WorkspaceKind kind) {
        for (Consumer<WorkspaceKind> listener : workListeners) {
            try {
                listener.accept(kind);
            } catch (RuntimeException e) {
                LOG.debugf("A work listener failed: %s", e.getMessage());
            }
        }
    }

    public boolean supports(WorkspaceKind kind) {
        return drivers.containsKey(kind);
    }

    // ---- mutations: check, record, return -------------------------------------------------------------------

    /**
     * Creates a workspace, or returns the owner's live one when the kind allows one per owner. An
     * {@code idempotencyKey} makes a repeated call return the first call's workspace; reusing a key for a different
     * request is a CONFLICT.
     */
    public CreateResult create(NewWorkspace request, String caller, String idempotencyKey, String fingerprint) {
        Instant now = clock.instant();
        CreateResult result = Tx.run(dataSource, c -> {
            if (idempotencyKey != null) {
                Optional<UUID> earlier = IdempotencyKeys.claim(c, "create" + request.kind(), caller, idempotencyKey,
                        fingerprint, now);
                if (earlier.isPresent()) {
                    Workspace w = store.find(c, earlier.get(), false)
                            .orElseThrow(() -> OnrampException.notFound("The workspace of this idempotency key is gone."));
                    return new CreateResult(w, false);
                }
            }
            if (request.onePerOwner()) {
                if (stillDeleting(c, request.owner(), request.kind())) {
                    throw OnrampException.conflict("The previous workspace of " + request.owner()
                            + " is still being deleted; try again in a minute.");
                }
            }
            UUID id = UUID.randomUUID();
            CreateResult outcome;
            if (store.insert(c, id, request, now)) {
                queue.enqueue(c, id, now);
                outcome = new CreateResult(store.find(c, id, false).orElseThrow(), true);
            } else {
                Workspace existing = store.livePodOf(c, request.owner())
                        .orElseThrow(() -> OnrampException.conflict("The workspace changed meanwhile; try again."));
                if (existing.state() == WorkspaceState.FAILED) {
                    store.retry(c, existing.id(), transitionalFor(existing), now);
                    queue.enqueue(c, existing.id(), now);
                    existing = store.find(c, existing.id(), false).orElseThrow();
                }
                outcome = new CreateResult(existing, false);
            }
            if (idempotencyKey != null) {
                IdempotencyKeys.remember(c, "create" + request.kind(), caller, idempotencyKey, outcome.workspace().id());
            }
            return outcome;
        });
        workFor(request.kind());
        return result;
    }

    public Workspace pause(UUID id) {
        return change(id, DesiredState.PAUSED);
    }

    public Workspace resume(UUID id) {
        return change(id, DesiredState.RUNNING);
    }

    public Workspace delete(UUID id) {
        return change(id, DesiredState.DELETED);
    }

    /**
     * A change of desired state decided by Onramp itself (idle pause, expiry) on what it saw at {@code generation}:
     * made only if the workspace is still at that generation (nobody asked anything since) and not already heading
     * there. Empty when it was not made, so that of two runs deciding the same, one acts; and a workspace resumed
     * by its owner a moment ago is never paused or deleted on stale information.
     */
    public Optional<Workspace> changeIfAt(UUID id, long generation, DesiredState desired) {
        Instant now = clock.instant();
        Optional<Workspace> result = Tx.run(dataSource, c -> {
            Optional<Workspace> found = store.find(c, id, true);
            if (found.isEmpty() || found.get().generation() != generation || found.get().desiredState() == desired
                    || found.get().desiredState() == DesiredState.DELETED) {
                return Optional.<Workspace> empty();
            }
            WorkspaceDriver driver = drivers.get(found.get().kind());
            if (driver != null) {
                driver.admit(found.get(), desired);
            }
            store.desire(c, id, desired, transitionalFor(desired, found.get()), now);
            queue.enqueue(c, id, now);
            return store.find(c, id, false);
        });
        result.ifPresent(w -> workFor(w.kind()));
        return result;
    }

    private static WorkspaceState transitionalFor(DesiredState desired, Workspace w) {
        return switch (desired) {
            case RUNNING -> w.readyAt() == null ? WorkspaceState.PROVISIONING : WorkspaceState.RESUMING;
            case PAUSED -> WorkspaceState.PAUSING;
            case DELETED -> WorkspaceState.DELETING;
        };
    }

    private Workspace change(UUID id, DesiredState desired) {
        Instant now = clock.instant();
        Workspace result = Tx.run(dataSource, c -> {
            Workspace w = store.find(c, id, true).orElseThrow(() -> notFound(id));
            if (w.desiredState() == DesiredState.DELETED && desired != DesiredState.DELETED) {
                throw OnrampException.conflict("Workspace " + id + " is " + (w.state() == WorkspaceState.DELETED
                        ? "deleted" : "being deleted") + "; create a new one instead.");
            }
            if (w.desiredState() == desired) {
                if (w.state() == WorkspaceState.FAILED) {
                    store.retry(c, id, transitionalFor(w), now);
                    queue.enqueue(c, id, now);
                    return store.find(c, id, false).orElseThrow();
                }
                return w; // already asked for: idempotent
            }
            WorkspaceDriver driver = drivers.get(w.kind());
            if (driver != null) {
                driver.admit(w, desired);
            }
            WorkspaceState transitional = switch (desired) {
                case RUNNING -> w.readyAt() == null ? WorkspaceState.PROVISIONING : WorkspaceState.RESUMING;
                case PAUSED -> WorkspaceState.PAUSING;
                case DELETED -> WorkspaceState.DELETING;
            };
            store.desire(c, id, desired, transitional, now);
            queue.enqueue(c, id, now);
            return store.find(c, id, false).orElseThrow();
        });
        workFor(result.kind());
        return result;
    }

    /** The transitional state of a workspace on its way to its desired state (PROVISIONING, RESUMING, ...). */
    public static WorkspaceState transitionalFor(Workspace w) {
        return switch (w.desiredState()) {
            case RUNNING -> w.readyAt() == null ? WorkspaceState.PROVISIONING : WorkspaceState.RESUMING;
            case PAUSED -> WorkspaceState.PAUSING;
            case DELETED -> WorkspaceState.DELETING;
        };
    }

    private boolean stillDeleting(Connection c, String owner, WorkspaceKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM workspaces WHERE owner = ? AND kind = ? "
                + "AND desired_state = 'DELETED' AND state NOT IN ('DELETED') LIMIT 1")) {
            ps.setString(1, owner);
            ps.setString(2, kind.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    // ---- queries ---------------------------------------------------------------------------------------------

    public Workspace get(UUID id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    public Optional<Workspace> find(UUID id) {
        return Tx.run(dataSource, c -> store.find(c, id, false));
    }

    public Page<Workspace> list(WorkspaceFilter filter) {
        return Tx.run(dataSource, c -> store.list(c, filter));
    }

    public List<Workspace> liveOf(String owner) {
        return Tx.run(dataSource, c -> store.liveOf(c, owner));
    }

    public List<Workspace> byCoderWorkspace(String coderWorkspaceId) {
        return Tx.run(dataSource, c -> store.byCoderWorkspace(c, coderWorkspaceId));
    }

    public JobQueue.Depth queueDepth() {
        return Tx.run(dataSource, c -> queue.depth(c, clock.instant()));
    }

    public Optional<String> accessPassword(Workspace workspace) {
        return driver(workspace.kind()).accessPassword(workspace);
    }

    // ---- the worker side: converge -----------------------------------------------------------------------------

    /** Claims up to {@code max} due jobs of the kinds this process serves. */
    public List<ClaimedJob> claimDueJobs(int max) {
        return claimDueJobs(max, servedKinds);
    }

    /** Claims up to {@code max} due jobs of {@code kinds} (only those this process serves). */
    public List<ClaimedJob> claimDueJobs(int max, Set<WorkspaceKind> kinds) {
        Set<WorkspaceKind> claimable = EnumSet.noneOf(WorkspaceKind.class);
        claimable.addAll(kinds);
        claimable.retainAll(servedKinds);
        if (claimable.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        return Tx.run(dataSource, c -> queue.claim(c, workerId, max, now, config.lease(), claimable));
    }

    /** Claims and runs due jobs one after the other; returns how many ran. For schedulers and tests. */
    public int runDueJobs(int max) {
        return run(claimDueJobs(max));
    }

    /** Claims and runs due jobs of one kind (the scheduled duty of the kind's function); returns how many ran. */
    public int runDueJobs(int max, WorkspaceKind kind) {
        return run(claimDueJobs(max, EnumSet.of(kind)));
    }

    private int run(List<ClaimedJob> jobs) {
        for (ClaimedJob job : jobs) {
            process(job);
        }
        return jobs.size();
    }

    /** Runs until no job is due (or {@code maxRounds} rounds); for tests and one-shot schedulers. */
    public int drain(int maxRounds) {
        int total = 0;
        for (int i = 0; i < maxRounds; i++) {
            int ran = runDueJobs(50);
            if (ran == 0) {
                break;
            }
            total += ran;
        }
        return total;
    }

    /** One converge step for one claimed job, with the outcome written back in one transaction. */
    public void process(ClaimedJob job) {
        Optional<Workspace> found = find(job.workspaceId());
        if (found.isEmpty()) {
            Tx.run(dataSource, c -> {
                queue.complete(c, job, clock.instant());
                return null;
            });
            return;
        }
        Workspace w = found.get();
        if (w.state() == WorkspaceState.DELETED) {
            Tx.run(dataSource, c -> {
                queue.complete(c, job, clock.instant());
                return null;
            });
            return;
        }
        Convergence step;
        try {
            step = driver(w.kind()).converge(w);
        } catch (RuntimeException e) {
            failed(job, w, e);
            return;
        }
        Instant now = clock.instant();
        Tx.run(dataSource, c -> {
            boolean current = store.observe(c, w.id(), w.generation(), step.observed(), step.reason(), null,
                    step.facts(), now);
            if (step.done() && current) {
                queue.complete(c, job, now);
            } else {
                Duration again = step.done() ? Duration.ZERO
                        : step.recheckAfter() == null ? Duration.ofSeconds(1) : step.recheckAfter();
                queue.reschedule(c, job, now.plus(again), false, null, now);
            }
            return null;
        });
    }

    private void failed(ClaimedJob job, Workspace w, RuntimeException e) {
        String message = readable(e);
        boolean permanent = e instanceof OnrampException oe
                && (oe.code() == ErrorCode.BAD_USER_INPUT || oe.code() == ErrorCode.FORBIDDEN);
        int attempts = job.attempts() + 1;
        Instant now = clock.instant();
        if (permanent || attempts >= config.maxAttempts()) {
            LOG.warnf("Workspace %s failed after %d attempt(s): %s", w.id(), attempts, message);
            String reason = permanent ? "Cannot " + verb(w.desiredState()) + ": " + message
                    : GAVE_UP + attempts + " attempts to " + verb(w.desiredState()) + "; ask again to retry.";
            Tx.run(dataSource, c -> {
                store.observe(c, w.id(), w.generation(), WorkspaceState.FAILED, reason, message, Map.of(), now);
                queue.park(c, job, now);
                return null;
            });
            return;
        }
        LOG.debugf("Workspace %s: attempt %d failed, retrying: %s", w.id(), attempts, message);
        Duration delay = backoff(attempts);
        Tx.run(dataSource, c -> {
            store.observe(c, w.id(), w.generation(), w.state(), "Retrying after an error (attempt " + attempts + ")",
                    message, Map.of(), now);
            queue.reschedule(c, job, now.plus(delay), true, message, now);
            return null;
        });
    }

    Duration backoff(int attempts) {
        long base = config.backoffBase().toMillis();
        long max = config.backoffMax().toMillis();
        long delay = base << Math.min(attempts - 1, 20);
        return Duration.ofMillis(Math.min(delay, max));
    }

    private static String verb(DesiredState desired) {
        return switch (desired) {
            case RUNNING -> "start the workspace";
            case PAUSED -> "pause the workspace";
            case DELETED -> "delete the workspace";
        };
    }

    private static String readable(RuntimeException e) {
        String message = e instanceof OnrampException ? e.getMessage() : rootMessage(e);
        if (message == null || message.isBlank()) {
            message = "unexpected error";
        }
        return message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : t.getMessage();
    }

    private WorkspaceDriver driver(WorkspaceKind kind) {
        WorkspaceDriver driver = drivers.get(kind);
        if (driver == null) {
            throw OnrampException.unavailable(kind + " workspaces are not served by this process.");
        }
        return driver;
    }

    private static OnrampException notFound(UUID id) {
        return OnrampException.notFound("No workspace with id " + id + ".");
    }

    // ---- reconcile: drift found outside the engine's own steps -------------------------------------------------

    /** Ids of the workspaces that have a converge job (due, running or backing off): the engine is at them. */
    public Set<UUID> withJobs() {
        return Tx.run(dataSource, c -> {
            Set<UUID> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT workspace_id FROM jobs");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        });
    }

    /**
     * Has the engine converge a workspace again because what it owns drifted (reconcile): records {@code observed}
     * and {@code reason}, bumps the generation and makes its job due. Nothing happens, and false is returned, when
     * the workspace changed since {@code generation} was read, is deleted, or has a job already (the engine is at
     * it), so a reconcile never races a request.
     */
    public boolean reconverge(UUID id, long generation, WorkspaceState observed, String reason) {
        Instant now = clock.instant();
        WorkspaceKind[] kind = new WorkspaceKind[1];
        boolean done = Tx.run(dataSource, c -> {
            Optional<Workspace> w = store.find(c, id, true);
            if (w.isEmpty() || w.get().generation() != generation || w.get().state() == WorkspaceState.DELETED
                    || hasJob(c, id)) {
                return false;
            }
            store.reopen(c, id, observed, reason, now);
            queue.enqueue(c, id, now);
            kind[0] = w.get().kind();
            return true;
        });
        if (done) {
            workFor(kind[0]);
        }
        return done;
    }

    /**
     * Corrects the observed state of a workspace without converging it (reconcile found it other than recorded);
     * false when it changed since {@code generation} was read or has a job.
     */
    public boolean correctState(UUID id, long generation, WorkspaceState observed, String reason) {
        Instant now = clock.instant();
        return Tx.run(dataSource, c -> {
            if (hasJob(c, id)) {
                return false;
            }
            return store.observe(c, id, generation, observed, reason, null, Map.of(), now);
        });
    }

    /**
     * Whether a FAILED workspace ran out of attempts on errors that may pass (worth another try), rather than being
     * refused for good (bad input, forbidden), which asking again would not change.
     */
    public static boolean gaveUp(Workspace w) {
        return w.state() == WorkspaceState.FAILED && w.stateReason() != null && w.stateReason().startsWith(GAVE_UP);
    }

    private static boolean hasJob(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM jobs WHERE workspace_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** For tests: a workspace's job, if any. */
    public Optional<Instant> nextRun(UUID id) {
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT run_at FROM jobs WHERE workspace_id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.<Instant> empty();
                }
            }
        });
    }
}
