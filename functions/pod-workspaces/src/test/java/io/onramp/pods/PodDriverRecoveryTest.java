package io.onramp.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.onramp.core.testing.ManualEngine;
import io.onramp.core.auth.WorkspaceTokens;
import io.onramp.core.testing.MutableClock;
import io.onramp.core.testing.TestDataSource;
import io.onramp.core.workspace.JobQueue;
import io.onramp.core.workspace.NewWorkspace;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.core.workspace.WorkspaceStore;
import io.onramp.pods.blueprint.BlueprintLabels;
import io.onramp.pods.blueprint.NamespaceBlueprint;
import io.onramp.pods.blueprint.PodsConfig;
import io.onramp.pods.blueprint.PodsConfigs;
import io.onramp.sandbox.SandboxControllers;
import io.onramp.sandbox.SandboxKubernetes;

/**
 * The pod driver under the real engine and a real PostgreSQL, with the API server failing midway behind a proxy:
 * retries, then FAILED with a reason; a later retry completes the work; afterwards every managed namespace has a
 * live row and every live row its namespace.
 */
class PodDriverRecoveryTest {

    static SandboxKubernetes sandbox;
    static SandboxControllers controllers;
    static FaultyProxy proxy;
    static KubernetesClient client;

    DataSource db;
    MutableClock clock;
    WorkspaceEngine engine;
    final PodsConfig config = PodsConfigs.defaults();


    @BeforeAll
    static void cluster() throws Exception {
        sandbox = new SandboxKubernetes(0);
        controllers = new SandboxControllers(sandbox);
        proxy = new FaultyProxy(sandbox.url());
        client = proxy.client();
    }

    @AfterAll
    static void stop() {
        client.close();
        proxy.close();
        controllers.close();
        sandbox.close();
    }

    @BeforeEach
    void setUp() {
        db = TestDataSource.migrated();
        TestDataSource.truncateWorkspaces();
        clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        engine = new WorkspaceEngine(db, new WorkspaceStore(), new JobQueue(), ManualEngine.of(3), clock,
                List.of(new PodWorkspaceDriver(client, config, lab -> Optional.empty(), new WorkspaceTokens(db, clock))));
        proxy.heal();
        // each test starts from an empty database and no managed namespaces
        sandbox.client().namespaces().withLabel(BlueprintLabels.MANAGED_BY, BlueprintLabels.MANAGED_BY_VALUE).delete();
        controllers.reconcileNow();
    }

    NewWorkspace pod(String owner) {
        return new NewWorkspace(WorkspaceKind.POD, owner, "onramp-" + owner, "http://" + owner + ".example", null, null,
                null, Map.of("ide", "CODE_SERVER", "size", "MEDIUM", "image", config.images().defaultImage()), true);
    }

    /** Runs the engine the way the worker would, letting simulated time and controllers move between rounds. */
    void converge(UUID id, WorkspaceState until) {
        for (int round = 0; round < 40; round++) {
            engine.runDueJobs(10);
            if (engine.get(id).state() == until) {
                return;
            }
            controllers.reconcileNow();
            clock.advance(Duration.ofSeconds(30));
        }
        throw new AssertionError("never reached " + until + ": " + engine.get(id));
    }

    @Test
    void apiServerFailureMidwayEndsInFailedThenALaterRetryCompletes() {
        proxy.failAfter(6); // the namespace and a few objects get through, then the API server goes away
        UUID id = engine.create(pod("alice"), "alice", null, null).workspace().id();
        converge(id, WorkspaceState.FAILED);
        Workspace failed = engine.get(id);
        assertTrue(failed.stateReason().contains("Gave up after 3 attempts"), failed.stateReason());
        assertTrue(failed.lastError().contains("not reachable or failing"), failed.lastError());
        assertTrue(proxy.refused.get() >= 3, "the failures went through the network");

        proxy.heal();
        engine.create(pod("alice"), "alice", null, null); // asking again retries the FAILED workspace
        converge(id, WorkspaceState.RUNNING);

        Workspace running = engine.get(id);
        for (HasMetadata expected : NamespaceBlueprint.render(PodInputs.of(running), config)) {
            HasMetadata live = sandbox.client().resource(expected).get();
            assertNotNull(live, "missing after recovery: " + expected.getKind() + "/" + expected.getMetadata().getName());
        }
        assertRowsAndNamespacesAgree();
    }

    @Test
    void deleteAfterAPartialProvisioningLeavesNothingBehind() {
        proxy.failAfter(4);
        UUID id = engine.create(pod("bob"), "bob", null, null).workspace().id();
        engine.runDueJobs(10);
        proxy.heal();
        engine.delete(id);
        converge(id, WorkspaceState.DELETED);
        controllers.reconcileNow();
        assertNull(sandbox.client().namespaces().withName("onramp-bob").get());
        assertRowsAndNamespacesAgree();
    }

    /** No managed namespace without a live row, no live row without its namespace. */
    void assertRowsAndNamespacesAgree() {
        Set<String> managed = sandbox.client().namespaces()
                .withLabel(BlueprintLabels.MANAGED_BY, BlueprintLabels.MANAGED_BY_VALUE).list().getItems().stream()
                .filter(n -> n.getMetadata().getDeletionTimestamp() == null)
                .map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
        Set<String> live = engine.list(new io.onramp.core.workspace.WorkspaceFilter(null, null, WorkspaceKind.POD, false,
                io.onramp.core.page.PageRequest.of(500, null))).items().stream()
                .filter(w -> w.state() != WorkspaceState.DELETED)
                .map(Workspace::namespace).collect(Collectors.toSet());
        assertEquals(live, managed);
    }
}
