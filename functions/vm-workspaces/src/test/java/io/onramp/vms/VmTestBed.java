package io.onramp.vms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import io.onramp.core.testing.ManualEngine;
import io.onramp.core.audit.AuditLog;
import io.onramp.core.auth.Caller;
import io.onramp.core.auth.Role;
import io.onramp.core.lab.LabContent;
import io.onramp.core.testing.TestDataSource;
import io.onramp.core.workspace.JobQueue;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceDriver;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.core.workspace.WorkspaceStore;
import io.onramp.core.workspace.Workspaces;
import io.onramp.exoscale.ExoscaleClient;
import io.onramp.exoscale.ExoscaleCredentials;
import io.onramp.exoscale.ExoscaleEndpoint;
import io.onramp.exoscale.simulator.ExoscaleSimulator;
import io.onramp.exoscale.simulator.SimulatedClock;
import io.onramp.exoscale.simulator.SimulatedInstance;

/**
 * Everything a VM workspace needs, for plain JUnit tests: the Exoscale simulator (its clock is the engine's clock,
 * and the client's waits advance it, so nothing sleeps), a real PostgreSQL, the engine with the VM driver, the
 * {@link Workspaces} facade and {@link VmWorkspaces}. {@link #restart()} replaces engine, driver and client as a
 * process restart would.
 */
final class VmTestBed implements AutoCloseable {

    static final String KEY = "EXOvmworkspacestest0123456";
    static final String SECRET = "vm-workspaces-test-secret-ABCDEFGHIJKLMNOPQRSTU";
    static final String ZONE = "de-fra-1";
    static final String LAB = "pods-and-labels";
    static final String PASSWORD_KEY = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32});
    static final Caller ALICE = new Caller("alice", Set.of(Role.DEVELOPER));
    static final Caller BOB = new Caller("bob", Set.of(Role.DEVELOPER));
    static final Caller ADMIN = new Caller("root", Set.of(Role.ADMIN, Role.DEVELOPER));

    /** Engine settings: no background worker; attempts as given; back-off 1 s doubling to 30 s. */

    final ExoscaleSimulator sim;
    final DataSource db;
    final VmsConfig config;
    final Map<String, String> properties;
    final int maxAttempts;
    ExoscaleClient client;
    VmCapacity capacity;
    WorkspaceDriver driver;
    WorkspaceEngine engine;
    Workspaces workspaces;
    VmWorkspaces vms;
    UnaryOperator<WorkspaceDriver> wrapDriver = d -> d;

    VmTestBed() {
        this(Map.of(), 6);
    }

    VmTestBed(Map<String, String> overrides, int maxAttempts) {
        sim = ExoscaleSimulator.builder().credentials(KEY, SECRET)
                .clock(SimulatedClock.frozenAt(Instant.parse("2026-03-02T09:00:00Z"))).start();
        db = TestDataSource.migrated();
        emptyWorkspaces(db);
        properties = new HashMap<>();
        properties.put("onramp.vms.password-key", PASSWORD_KEY);
        properties.put("onramp.vms.lab-files-url", "https://onramp.example.com/labs/{lab}/workspace.tar.gz");
        properties.putAll(overrides);
        config = VmsConfigs.of(properties);
        this.maxAttempts = maxAttempts;
        restart();
    }

    /** TestDataSource.truncateWorkspaces, with CASCADE for tables that reference workspaces (e.g. events). */
    static void emptyWorkspaces(DataSource db) {
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("TRUNCATE jobs, workspaces, idempotency_keys CASCADE");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Clock clock() {
        return sim.clock();
    }

    /** A new client, driver, engine and facade on the same database and simulator: what a restarted process has. */
    void restart() {
        restart(clientBuilder(KEY, SECRET).build());
    }

    void restart(ExoscaleClient exo) {
        client = exo;
        ExoscaleAccess access = ExoscaleAccess.using(exo, ZONE);
        capacity = new VmCapacity(db, config);
        driver = wrapDriver.apply(new VmWorkspaceDriver(access, config, capacity));
        engine = new WorkspaceEngine(db, new WorkspaceStore(), new JobQueue(), ManualEngine.of(maxAttempts), clock(),
                List.of(driver));
        AuditLog audit = new AuditLog(db, clock());
        workspaces = new Workspaces(engine, audit);
        LabContent labs = lab -> LAB.equals(lab) ? Optional.of(Map.of("lab.yaml", "id: " + LAB)) : Optional.empty();
        vms = new VmWorkspaces(workspaces, config, access, capacity, labs, audit);
    }

    ExoscaleClient.Builder clientBuilder(String key, String secret) {
        return ExoscaleClient.builder()
                .credentials(ExoscaleCredentials.of(key, secret))
                .endpoint(ExoscaleEndpoint.of(sim.endpointTemplate()))
                .clock(sim.clock())
                .sleeper(sim::advance)
                .requestTimeout(Duration.ofSeconds(10))
                .operationTimeout(config.operationDeadline());
    }

    static CreateVmWorkspaceInput input(String owner) {
        CreateVmWorkspaceInput input = new CreateVmWorkspaceInput();
        input.owner = owner;
        input.zone = ZONE;
        return input;
    }

    /**
     * Runs the engine as its worker would until the workspace reaches {@code until}, moving simulated time by 15 s
     * between rounds (instances settle, back-offs and rechecks fall due). Returns the rounds it took.
     */
    int converge(UUID id, WorkspaceState until, int maxRounds) {
        for (int round = 1; round <= maxRounds; round++) {
            engine.runDueJobs(20);
            Workspace w = engine.get(id);
            if (w.state() == until && (w.converged() || until == WorkspaceState.FAILED)) {
                return round;
            }
            sim.advance(Duration.ofSeconds(15));
        }
        throw new AssertionError("never reached " + until + ": " + engine.get(id));
    }

    /** The simulator's instances of a workspace (any state but gone). */
    List<SimulatedInstance> instancesOf(UUID workspaceId) {
        return sim.instances(ZONE).stream()
                .filter(i -> workspaceId.toString().equals(i.labels().get(ExoscaleClient.WORKSPACE_LABEL))).toList();
    }

    @Override
    public void close() {
        sim.close();
    }
}
