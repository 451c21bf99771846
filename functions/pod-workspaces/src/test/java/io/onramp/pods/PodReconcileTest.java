package io.onramp.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.onramp.core.testing.ManualEngine;
import io.onramp.core.audit.AuditLog;
import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.reconcile.Drift;
import io.onramp.core.reconcile.DriftReport;
import io.onramp.core.reconcile.DriftType;
import io.onramp.core.reconcile.ReconcileOptions;
import io.onramp.core.reconcile.ReconcileReports;
import io.onramp.core.reconcile.ReconcileService;
import io.onramp.core.reconcile.ReconcileTrigger;
import io.onramp.core.reconcile.Remedy;
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
import io.onramp.pods.blueprint.BlueprintLabels;
import io.onramp.pods.blueprint.CodeServerObjects;
import io.onramp.pods.blueprint.NamespaceBlueprint;
import io.onramp.pods.blueprint.NetworkPolicies;
import io.onramp.pods.blueprint.PodsConfig;
import io.onramp.pods.blueprint.PodsConfigs;
import io.onramp.sandbox.SandboxControllers;
import io.onramp.sandbox.SandboxKubernetes;

/**
 * Reconcile of pod workspaces against the sandbox API server (the fabric8 mock server with simulated controllers),
 * a real PostgreSQL and the real engine and driver: provisioning cut off midway and finished by the duty, deleted
 * and changed guardrails re-applied, workloads scaled behind Onramp's back, lost namespaces, and orphans deleted only
 * when asked.
 */
class PodReconcileTest {

    static SandboxKubernetes sandbox;
    static SandboxControllers controllers;
    static FaultyProxy proxy;
    static KubernetesClient client;

    final PodsConfig config = PodsConfigs.defaults();
    DataSource db;
    MutableClock clock;
    WorkspaceEngine engine;
    ReconcileService reconcile;
    PodReconcileDuty duty;

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
        engine = new WorkspaceEngine(db, new WorkspaceStore(), new JobQueue(), ManualEngine.of(3),
                clock, List.of(new PodWorkspaceDriver(client, config, lab -> Optional.empty(),
                        new io.onramp.core.auth.WorkspaceTokens(db, clock))));
        reconcile = new ReconcileService(engine, new ReconcileReports(db), new AuditLog(db, clock),
                new WorkspaceEvents(db, clock), clock, List.of(new PodReconciler(client, config)));
        duty = new PodReconcileDuty(reconcile);
        proxy.heal();
        sandbox.client().namespaces().withLabel(BlueprintLabels.MANAGED_BY, BlueprintLabels.MANAGED_BY_VALUE).delete();
        controllers.reconcileNow();
    }

    KubernetesClient k8s() {
        return sandbox.client(); // behind Onramp's back: straight to the API server
    }

    UUID create(String owner) {
        return engine.create(new NewWorkspace(WorkspaceKind.POD, owner, "onramp-" + owner, "http://" + owner
                + ".example", null, null, null, Map.of("ide", "CODE_SERVER", "size", "MEDIUM", "image",
                        config.images().defaultImage()), true), owner, null, null).workspace().id();
    }

    void converge(UUID id, WorkspaceState until) {
        for (int round = 0; round < 40; round++) {
            engine.runDueJobs(10);
            Workspace w = engine.get(id);
            if (w.state() == until && (w.converged() || until == WorkspaceState.FAILED)) {
                return;
            }
            controllers.reconcileNow();
            clock.advance(Duration.ofSeconds(30));
        }
        throw new AssertionError("never reached " + until + ": " + engine.get(id));
    }

    UUID running(String owner) {
        UUID id = create(owner);
        converge(id, WorkspaceState.RUNNING);
        return id;
    }

    DriftReport dryRun() {
        return reconcile.run(WorkspaceKind.POD, ReconcileOptions.DRY_RUN, "root", ReconcileTrigger.ADMIN);
    }

    static List<Drift> of(DriftReport report, Predicate<Drift> which) {
        return report.drifts().stream().filter(which).toList();
    }

    static Drift one(DriftReport report, DriftType type, String resource) {
        List<Drift> found = of(report, d -> d.type() == type && d.resource().equals(resource));
        assertEquals(1, found.size(), "expected one " + type + " " + resource + " in " + report.drifts());
        return found.get(0);
    }

    void assertBlueprintComplete(UUID id) {
        Workspace w = engine.get(id);
        for (HasMetadata expected : NamespaceBlueprint.render(PodInputs.of(w), config)) {
            assertNotNull(k8s().resource(expected).get(),
                    "missing: " + expected.getKind() + "/" + expected.getMetadata().getName());
        }
    }

    @Test
    void provisioningCutOffMidwayIsFinishedByTheDuty() {
        new io.onramp.pods.blueprint.BlueprintApplier(k8s()).ensureClusterRole();
        // the driver reads the ClusterRole, reads and creates the namespace; then the API server goes away
        proxy.failAfter(3);
        UUID id = create("alice");
        converge(id, WorkspaceState.FAILED);
        proxy.heal();
        assertNotNull(k8s().namespaces().withName("onramp-alice").get(), "cut off after the namespace");
        assertNull(k8s().resourceQuotas().inNamespace("onramp-alice").withName(NamespaceBlueprint.QUOTA).get(),
                "and before the quota");

        DriftReport dry = dryRun();
        assertEquals(Remedy.CONVERGE, one(dry, DriftType.UNFINISHED, "Workspace " + id).remedy());
        Drift quota = one(dry, DriftType.MISSING_GUARDRAIL, "ResourceQuota onramp-alice/" + NamespaceBlueprint.QUOTA);
        assertEquals(Remedy.CONVERGE, quota.remedy(), "an unfinished workspace is finished, not patched");
        one(dry, DriftType.MISSING_GUARDRAIL, "NetworkPolicy onramp-alice/" + NetworkPolicies.DEFAULT_DENY);
        assertTrue(dry.drifts().stream().noneMatch(d -> d.repaired()));
        assertEquals(WorkspaceState.FAILED, engine.get(id).state(), "the dry run changed nothing");
        assertNull(k8s().resourceQuotas().inNamespace("onramp-alice").withName(NamespaceBlueprint.QUOTA).get());

        DutyReport run = duty.run(clock.instant());
        assertTrue(run.acted() >= 1, run.toString());
        assertEquals(WorkspaceState.PROVISIONING, engine.get(id).state());
        converge(id, WorkspaceState.RUNNING);
        assertBlueprintComplete(id);

        DriftReport after = dryRun();
        assertTrue(of(after, d -> id.equals(d.workspaceId())).isEmpty(), after.drifts().toString());
    }

    @Test
    void deletedAndChangedGuardrailsAreReappliedInPlace() {
        UUID id = running("bob");
        String ns = "onramp-bob";
        k8s().network().v1().networkPolicies().inNamespace(ns).withName(NetworkPolicies.DEFAULT_DENY).delete();
        ResourceQuota quota = k8s().resourceQuotas().inNamespace(ns).withName(NamespaceBlueprint.QUOTA).get();
        quota.getSpec().getHard().put("pods", new Quantity("500"));
        k8s().resource(quota).update();
        Namespace namespace = k8s().namespaces().withName(ns).get();
        namespace.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "privileged");
        k8s().resource(namespace).update();
        // the developer's own policy is not Onramp's business
        k8s().network().v1().networkPolicies().inNamespace(ns).resource(new NetworkPolicyBuilder().withNewMetadata()
                .withName("allow-my-app").endMetadata().withNewSpec().withNewPodSelector().endPodSelector()
                .addToPolicyTypes("Ingress").addNewIngress().endIngress().endSpec().build()).create();

        DriftReport dry = dryRun();
        assertEquals(Remedy.REAPPLY, one(dry, DriftType.MISSING_GUARDRAIL,
                "NetworkPolicy " + ns + "/" + NetworkPolicies.DEFAULT_DENY).remedy());
        assertTrue(one(dry, DriftType.CHANGED_GUARDRAIL, "ResourceQuota " + ns + "/" + NamespaceBlueprint.QUOTA)
                .detail().contains("spec"));
        assertTrue(one(dry, DriftType.CHANGED_GUARDRAIL, "Namespace " + ns).detail()
                .contains("pod-security.kubernetes.io/enforce=privileged"));
        assertTrue(of(dry, d -> d.resource().contains("allow-my-app")).isEmpty());
        assertEquals(3, of(dry, d -> id.equals(d.workspaceId())).size(), dry.drifts().toString());
        assertNull(k8s().network().v1().networkPolicies().inNamespace(ns).withName(NetworkPolicies.DEFAULT_DENY).get(),
                "a dry run changes nothing");

        DutyReport run = duty.run(clock.instant());
        assertEquals(3, run.acted(), run.toString());
        assertNotNull(k8s().network().v1().networkPolicies().inNamespace(ns).withName(NetworkPolicies.DEFAULT_DENY).get());
        assertEquals("20", k8s().resourceQuotas().inNamespace(ns).withName(NamespaceBlueprint.QUOTA).get().getSpec()
                .getHard().get("pods").toString());
        assertEquals("restricted", k8s().namespaces().withName(ns).get().getMetadata().getLabels()
                .get("pod-security.kubernetes.io/enforce"));
        assertNotNull(k8s().network().v1().networkPolicies().inNamespace(ns).withName("allow-my-app").get(),
                "the developer's policy stays");
        assertEquals(WorkspaceState.RUNNING, engine.get(id).state(), "re-applied in place, no state change");
        assertTrue(engine.nextRun(id).isEmpty());

        assertTrue(of(dryRun(), d -> id.equals(d.workspaceId())).isEmpty(), "idempotent: nothing left");
        assertEquals(0, duty.run(clock.instant()).acted());
    }

    @Test
    void aGuardrailDeletedInAPausedWorkspaceIsReappliedAndItStaysPaused() {
        UUID id = running("carol");
        engine.pause(id);
        converge(id, WorkspaceState.PAUSED);
        k8s().rbac().roleBindings().inNamespace("onramp-carol").withName(NamespaceBlueprint.ROLE_BINDING).delete();

        DutyReport run = duty.run(clock.instant());
        assertEquals(1, run.acted(), run.toString());
        assertNotNull(k8s().rbac().roleBindings().inNamespace("onramp-carol").withName(NamespaceBlueprint.ROLE_BINDING)
                .get());
        assertEquals(WorkspaceState.PAUSED, engine.get(id).state());
        assertEquals(0, k8s().apps().deployments().inNamespace("onramp-carol").withName(CodeServerObjects.NAME).get()
                .getSpec().getReplicas());
    }

    @Test
    void workloadsScaledBehindOnrampsBackAreBroughtBackToTheWorkspacesState() {
        UUID running = running("dave");
        UUID paused = running("erin");
        engine.pause(paused);
        converge(paused, WorkspaceState.PAUSED);
        k8s().apps().deployments().inNamespace("onramp-dave").withName(CodeServerObjects.NAME).scale(0);
        k8s().apps().deployments().inNamespace("onramp-erin").withName(CodeServerObjects.NAME).scale(1);

        DriftReport dry = dryRun();
        Drift down = one(dry, DriftType.STATE_MISMATCH, "Deployment onramp-dave/" + CodeServerObjects.NAME);
        assertEquals(WorkspaceState.RESUMING, down.correctedState());
        Drift up = one(dry, DriftType.STATE_MISMATCH, "Deployment onramp-erin/" + CodeServerObjects.NAME);
        assertEquals(WorkspaceState.PAUSING, up.correctedState());

        duty.run(clock.instant());
        assertEquals(WorkspaceState.RESUMING, engine.get(running).state(), "the state is corrected at once");
        assertEquals(WorkspaceState.PAUSING, engine.get(paused).state());
        converge(running, WorkspaceState.RUNNING);
        converge(paused, WorkspaceState.PAUSED);
        Deployment ide = k8s().apps().deployments().inNamespace("onramp-dave").withName(CodeServerObjects.NAME).get();
        assertEquals(1, ide.getSpec().getReplicas());
        assertEquals(0, k8s().apps().deployments().inNamespace("onramp-erin").withName(CodeServerObjects.NAME).get()
                .getSpec().getReplicas());
        assertTrue(dryRun().drifts().isEmpty());
    }

    @Test
    void aLostNamespaceOfARunningWorkspaceIsMadeAgain() {
        UUID id = running("fay");
        k8s().namespaces().withName("onramp-fay").delete();
        controllers.reconcileNow();
        assertNull(k8s().namespaces().withName("onramp-fay").get());

        Drift missing = one(dryRun(), DriftType.MISSING_NAMESPACE, "Namespace onramp-fay");
        assertEquals(Remedy.CONVERGE, missing.remedy());
        duty.run(clock.instant());
        converge(id, WorkspaceState.RUNNING);
        assertBlueprintComplete(id);
    }

    @Test
    void orphanNamespacesAreReportedAndDeletedOnlyWhenAsked() throws Exception {
        UUID id = running("gus");
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM workspaces WHERE id = ?")) {
            ps.setObject(1, id); // the database lost the row (e.g. restored from an older backup)
            ps.executeUpdate();
        }
        UUID deleted = running("hal");
        engine.delete(deleted);
        converge(deleted, WorkspaceState.DELETED);
        controllers.reconcileNow();
        // someone else's namespace is never Onramp's business, whatever its name
        k8s().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("onramp-not-ours").endMetadata()
                .build()).create();

        DriftReport dry = dryRun();
        Drift orphan = one(dry, DriftType.ORPHAN, "Namespace onramp-gus");
        assertEquals(id, orphan.workspaceId());
        assertEquals("gus", orphan.owner());
        assertTrue(orphan.detail().contains("no workspace owns it"), orphan.detail());
        assertTrue(of(dry, d -> d.resource().contains("onramp-not-ours") || d.resource().contains("onramp-hal"))
                .isEmpty(), dry.drifts().toString());

        DutyReport scheduled = duty.run(clock.instant());
        assertEquals(0, scheduled.acted(), "the duty never deletes orphans");
        assertTrue(scheduled.notes().get(0).contains("Left alone"), scheduled.notes().toString());
        reconcile.run(WorkspaceKind.POD, new ReconcileOptions(true, true), "root", ReconcileTrigger.ADMIN);
        assertNotNull(k8s().namespaces().withName("onramp-gus").get(), "nor does a dry run");

        DriftReport deleting = reconcile.run(WorkspaceKind.POD, new ReconcileOptions(false, true), "root",
                ReconcileTrigger.ADMIN);
        assertEquals(1, deleting.deleted(), deleting.drifts().toString());
        controllers.reconcileNow();
        assertNull(k8s().namespaces().withName("onramp-gus").get());
        assertNotNull(k8s().namespaces().withName("onramp-not-ours").get());
        assertFalse(dryRun().drifts().stream().anyMatch(d -> d.type() == DriftType.ORPHAN));
        k8s().namespaces().withName("onramp-not-ours").delete();
    }
}
