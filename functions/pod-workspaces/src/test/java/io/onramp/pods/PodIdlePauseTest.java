package io.onramp.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.onramp.core.testing.ManualEngine;
import io.onramp.core.activity.ActivityRecord;
import io.onramp.core.activity.ActivityStore;
import io.onramp.core.activity.IdleConfig;
import io.onramp.core.activity.IdleWatch;
import io.onramp.core.activity.SelfCare;
import io.onramp.core.audit.AuditEntry;
import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditQuery;
import io.onramp.core.event.WorkspaceEvent;
import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.netpol.Endpoint;
import io.onramp.core.netpol.NetworkModel;
import io.onramp.core.page.PageRequest;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.testing.CodeServerStandIn;
import io.onramp.core.testing.MutableClock;
import io.onramp.core.testing.TestConfig;
import io.onramp.core.testing.TestDataSource;
import io.onramp.core.workspace.DesiredState;
import io.onramp.core.workspace.JobQueue;
import io.onramp.core.workspace.NewWorkspace;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.core.workspace.WorkspaceStore;
import io.onramp.edge.activity.HttpHeartbeatProbe;
import io.onramp.pods.blueprint.BlueprintLabels;
import io.onramp.pods.blueprint.NamespaceBlueprint;
import io.onramp.pods.blueprint.PodsConfig;
import io.onramp.pods.blueprint.PodsConfigs;
import io.onramp.sandbox.SandboxControllers;
import io.onramp.sandbox.SandboxKubernetes;
import io.vertx.core.Vertx;

/**
 * Idle pause of pod workspaces end to end in one JVM: the real engine and pod driver against the sandbox API server,
 * a real PostgreSQL, the real HTTP probe, and a stand-in code-server answering {@code /healthz} per namespace; time
 * is a clock moved by hand and the duty is run by the test.
 */
class PodIdlePauseTest {

    static SandboxKubernetes sandbox;
    static SandboxControllers controllers;
    static KubernetesClient client;
    static Vertx vertx;

    final PodsConfig config = PodsConfigs.defaults();
    DataSource db;
    MutableClock clock;
    WorkspaceEngine engine;
    CodeServerStandIn codeServer;
    ActivityStore activity;
    WorkspaceEvents events;
    AuditLog audit;
    PodIdlePause duty;


    @BeforeAll
    static void cluster() {
        sandbox = new SandboxKubernetes(0);
        controllers = new SandboxControllers(sandbox);
        client = sandbox.client();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        controllers.close();
        sandbox.close();
    }

    @BeforeEach
    void setUp() {
        db = TestDataSource.migrated();
        TestDataSource.truncateWorkspaces();
        clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        engine = new WorkspaceEngine(db, new WorkspaceStore(), new JobQueue(), ManualEngine.of(3), clock,
                List.of(new PodWorkspaceDriver(client, config, lab -> Optional.empty(),
                        new io.onramp.core.auth.WorkspaceTokens(db, clock))));
        client.namespaces().withLabel(BlueprintLabels.MANAGED_BY, BlueprintLabels.MANAGED_BY_VALUE).delete();
        controllers.reconcileNow();
        codeServer = CodeServerStandIn.http(clock);
        IdleConfig idle = TestConfig.mapping(IdleConfig.class,
                Map.of("onramp.idle.pods.healthz-url", codeServer.urlTemplate("{namespace}")));
        activity = new ActivityStore(db);
        events = new WorkspaceEvents(db, clock);
        audit = new AuditLog(db, clock);
        IdleWatch watch = new IdleWatch(engine, activity,
                new HttpHeartbeatProbe(vertx, Duration.ofSeconds(3), Duration.ofSeconds(8)), events, audit, idle);
        duty = new PodIdlePause(watch, idle);
    }

    @AfterEach
    void tearDown() {
        codeServer.close();
    }

    UUID running(String owner) {
        return running(owner, "CODE_SERVER", null);
    }

    UUID running(String owner, String ide, String coderWorkspaceId) {
        NewWorkspace pod = new NewWorkspace(WorkspaceKind.POD, owner, "onramp-" + owner, "http://" + owner + ".example",
                null, coderWorkspaceId, null,
                Map.of("ide", ide, "size", "MEDIUM", "image", config.images().defaultImage()), true);
        UUID id = engine.create(pod, owner, null, null).workspace().id();
        converge(id, WorkspaceState.RUNNING);
        return id;
    }

    void converge(UUID id, WorkspaceState until) {
        for (int round = 0; round < 40; round++) {
            engine.runDueJobs(10);
            if (engine.get(id).state() == until) {
                return;
            }
            controllers.reconcileNow();
            clock.advance(Duration.ofSeconds(2));
        }
        throw new AssertionError("never reached " + until + ": " + engine.get(id));
    }

    DutyReport runAfter(Duration wait) {
        clock.advance(wait);
        return duty.run(clock.instant());
    }

    List<WorkspaceEvent> idleEvents(UUID id) {
        return events.forWorkspace(id, 50).stream().filter(e -> SelfCare.IDLE_PAUSED.equals(e.kind())).toList();
    }

    List<AuditEntry> systemAudit(UUID id) {
        return audit.find(new AuditQuery(SelfCare.actor(PodIdlePause.NAME), id.toString(), null, null,
                PageRequest.of(50, null))).items();
    }

    @Test
    void anIdlePodIsScaledToZeroKeepingItsHomeAndItsOwnerIsTold() {
        UUID id = running("alice");
        String ns = "onramp-alice";
        codeServer.inUse(ns);
        DutyReport first = duty.run(clock.instant());
        assertEquals(1, first.examined());
        assertEquals(0, first.acted());

        Instant lastUse = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        codeServer.heartbeat(ns, lastUse); // the browser goes away after this
        assertEquals(0, runAfter(Duration.ofMinutes(29)).acted());
        assertEquals(DesiredState.RUNNING, engine.get(id).desiredState());

        DutyReport report = runAfter(Duration.ofMinutes(2));
        assertEquals(1, report.acted(), report.toString());
        Workspace pausing = engine.get(id);
        assertEquals(DesiredState.PAUSED, pausing.desiredState());
        assertEquals(WorkspaceState.PAUSING, pausing.state());
        converge(id, WorkspaceState.PAUSED);

        assertEquals(0, client.apps().deployments().inNamespace(ns).withName("code-server").get().getSpec().getReplicas());
        assertNotNull(client.persistentVolumeClaims().inNamespace(ns).withName("code-server-home").get(), "home kept");
        assertNotNull(client.namespaces().withName(ns).get());

        List<WorkspaceEvent> told = idleEvents(id);
        assertEquals(1, told.size());
        assertEquals("alice", told.get(0).owner());
        assertEquals(SelfCare.SOURCE, told.get(0).source());
        assertTrue(told.get(0).message().contains("31 minutes without activity"), told.get(0).message());
        assertTrue(told.get(0).message().contains(lastUse.truncatedTo(ChronoUnit.SECONDS).toString()), told.get(0).message());

        List<AuditEntry> entries = systemAudit(id);
        assertEquals(1, entries.size());
        assertEquals("pauseWorkspace", entries.get(0).operation());
        assertTrue(entries.get(0).detail().startsWith("idle since"), entries.get(0).detail());

        ActivityRecord seen = activity.find(id).orElseThrow();
        assertEquals(lastUse, seen.lastActivityAt(), "the last heartbeat is kept for the owner and admins");
        assertEquals("EXPIRED", seen.lastProbeOutcome());

        long probes = codeServer.requestsFor(ns);
        assertEquals(0, runAfter(Duration.ofMinutes(5)).examined(), "a paused workspace is not probed");
        assertEquals(probes, codeServer.requestsFor(ns));
    }

    @Test
    void aFreshOrResumedWorkspaceGetsTheWholeIdleTimeAsGrace() {
        UUID id = running("bob");
        String ns = "onramp-bob";
        codeServer.started(ns); // nobody has opened it yet: lastHeartbeat 0
        Instant runningSince = engine.get(id).updatedAt();
        assertEquals(0, duty.run(clock.instant()).acted());
        assertEquals(0, runAfter(Duration.ofMinutes(20)).acted());
        clock.advance(Duration.between(clock.instant(), runningSince.plus(Duration.ofMinutes(30))).minusSeconds(1));
        assertEquals(0, duty.run(clock.instant()).acted(), "still within the grace");
        assertNull(activity.find(id).orElseThrow().lastActivityAt(), "no heartbeat seen");
        assertEquals(1, runAfter(Duration.ofSeconds(2)).acted(), "never opened for 30 minutes: paused");
        converge(id, WorkspaceState.PAUSED);

        clock.advance(Duration.ofHours(3));
        engine.resume(id);
        converge(id, WorkspaceState.RUNNING);
        codeServer.started(ns); // a resumed code-server starts without a heartbeat too
        assertEquals(0, duty.run(clock.instant()).acted(), "resumed hours after the last use: grace again");
        assertEquals(0, runAfter(Duration.ofMinutes(25)).acted());
        assertEquals(DesiredState.RUNNING, engine.get(id).desiredState());
        assertEquals(1, idleEvents(id).size());
    }

    @Test
    void aWorkspaceInUseIsNeverPaused() {
        UUID id = running("carol");
        String ns = "onramp-carol";
        Instant lastUse = null;
        for (int i = 0; i < 8; i++) {
            // used every quarter hour: sometimes the browser is open at the probe ("alive"), sometimes it was a while ago
            if (i % 2 == 0) {
                clock.advance(Duration.ofMinutes(15));
                codeServer.inUse(ns);
                lastUse = clock.instant();
                assertEquals(0, duty.run(clock.instant()).acted());
            } else {
                codeServer.inUse(ns);
                lastUse = clock.instant();
                assertEquals(0, runAfter(Duration.ofMinutes(15)).acted());
            }
        }
        assertEquals(DesiredState.RUNNING, engine.get(id).desiredState());
        assertTrue(idleEvents(id).isEmpty());
        assertEquals(lastUse.truncatedTo(ChronoUnit.MILLIS), activity.find(id).orElseThrow().lastActivityAt());
    }

    @Test
    void anUnreachableCodeServerIsPausedOnlyAfterFailingForTheWholeIdleTimeWhileOthersAnswer() {
        UUID down = running("dave");
        UUID up = running("erin");
        codeServer.misbehave("onramp-dave", CodeServerStandIn.Mode.ERROR_503);
        for (int minute = 0; minute <= 20; minute += 10) {
            codeServer.inUse("onramp-erin");
            assertEquals(0, (minute == 0 ? duty.run(clock.instant()) : runAfter(Duration.ofMinutes(10))).acted());
        }
        ActivityRecord failing = activity.find(down).orElseThrow();
        assertEquals(3, failing.failures());
        assertEquals("UNREACHABLE: HTTP 503", failing.lastProbeOutcome());
        assertEquals(DesiredState.RUNNING, engine.get(down).desiredState(), "three failures in 20 minutes: not yet");

        codeServer.inUse("onramp-erin");
        DutyReport report = runAfter(Duration.ofMinutes(10));
        assertEquals(1, report.acted(), report.toString());
        assertEquals(DesiredState.PAUSED, engine.get(down).desiredState());
        assertEquals(DesiredState.RUNNING, engine.get(up).desiredState());
        assertTrue(idleEvents(down).get(0).message().contains("has not answered"), idleEvents(down).get(0).message());
        assertTrue(systemAudit(down).get(0).detail().startsWith("unreachable since"));
    }

    @Test
    void whenNoCodeServerAnswersNothingIsPausedForIt() {
        UUID a = running("frank");
        UUID b = running("grace");
        // e.g. a NetworkPolicy or DNS problem on Onramp's side: unknown, so nobody is paused for it
        DutyReport report = duty.run(clock.instant());
        for (int i = 0; i < 12; i++) {
            report = runAfter(Duration.ofMinutes(10));
            assertEquals(0, report.acted());
        }
        assertEquals(2, report.examined());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("none answered")), report.notes().toString());
        assertEquals(DesiredState.RUNNING, engine.get(a).desiredState());
        assertEquals(DesiredState.RUNNING, engine.get(b).desiredState());
        assertEquals(13, activity.find(a).orElseThrow().failures());
        assertEquals("UNREACHABLE: HTTP 404", activity.find(a).orElseThrow().lastProbeOutcome());
    }

    @Test
    void anAnswerEndsAFailureStreak() {
        UUID id = running("heidi");
        running("ivan");
        codeServer.inUse("onramp-ivan");
        codeServer.misbehave("onramp-heidi", CodeServerStandIn.Mode.NOT_JSON);
        duty.run(clock.instant());
        runAfter(Duration.ofMinutes(10));
        assertEquals(2, activity.find(id).orElseThrow().failures());

        clock.advance(Duration.ofMinutes(10));
        codeServer.inUse("onramp-heidi");
        codeServer.inUse("onramp-ivan");
        duty.run(clock.instant());
        ActivityRecord ok = activity.find(id).orElseThrow();
        assertEquals(0, ok.failures());
        assertNull(ok.failingSince());
        assertEquals("ALIVE", ok.lastProbeOutcome());

        codeServer.misbehave("onramp-heidi", CodeServerStandIn.Mode.ERROR_503);
        for (int i = 0; i < 3; i++) {
            codeServer.inUse("onramp-ivan");
            assertEquals(0, runAfter(Duration.ofMinutes(10)).acted(), "the streak starts again, and use was recent");
        }
        assertEquals(DesiredState.RUNNING, engine.get(id).desiredState());
    }

    @Test
    void workspacesWithoutOnrampsCodeServerOrLinkedToCoderAreLeftAlone() {
        UUID noIde = running("liam", "NONE", null);
        UUID coder = running("mia", "CODE_SERVER", "coder-ws-7");
        codeServer.started("onramp-liam").started("onramp-mia");
        DutyReport report = runAfter(Duration.ofHours(2));
        assertEquals(0, report.examined(), report.toString());
        assertEquals(0, codeServer.requests().size(), "not even probed");
        assertEquals(DesiredState.RUNNING, engine.get(noIde).desiredState());
        assertEquals(DesiredState.RUNNING, engine.get(coder).desiredState());
    }

    @Test
    void twoRunsAtOnceActOnce() throws Exception {
        UUID id = running("judy");
        codeServer.heartbeat("onramp-judy", clock.instant());
        clock.advance(Duration.ofMinutes(45));
        Instant now = clock.instant();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<DutyReport>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return duty.run(now);
                }));
            }
            go.countDown();
            int acted = 0;
            for (Future<DutyReport> run : runs) {
                acted += run.get(30, TimeUnit.SECONDS).acted();
            }
            assertEquals(1, acted);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, idleEvents(id).size());
        assertEquals(1, systemAudit(id).size());
        assertEquals(DesiredState.PAUSED, engine.get(id).desiredState());
    }

    @Test
    void theProbesPathIsOpenFromOnrampsNamespaceOnlyToCodeServersPort() {
        UUID id = running("kim");
        Workspace w = engine.get(id);
        List<NetworkPolicy> policies = NamespaceBlueprint.render(PodInputs.of(w), config).stream()
                .filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast).toList();
        NetworkModel model = NetworkModel.builder()
                .namespaces(ns("onramp-kim"), ns("onramp"), ns("onramp-mallory"))
                .pods(pod("onramp-kim", "code-server", "10.244.1.10", "code-server"),
                        pod("onramp-kim", "lab-app", "10.244.1.11", "lab-app"),
                        pod("onramp", "onramp", "10.244.0.6", "onramp"),
                        pod("onramp-mallory", "probe", "10.244.2.10", "probe"))
                .policies(policies)
                .build();
        Endpoint onramp = Endpoint.pod("onramp", "onramp");
        Endpoint codeServerPod = Endpoint.pod("onramp-kim", "code-server");
        assertTrue(model.allowed(onramp, codeServerPod, 8080, "TCP").allowed(), "Onramp's probe reaches /healthz");
        assertFalse(model.allowed(onramp, codeServerPod, 22, "TCP").allowed(), "only code-server's port");
        assertFalse(model.allowed(onramp, Endpoint.pod("onramp-kim", "lab-app"), 8080, "TCP").allowed(),
                "only code-server, not the developer's other pods");
        assertFalse(model.allowed(Endpoint.pod("onramp-mallory", "probe"), codeServerPod, 8080, "TCP").allowed(),
                "another tenant cannot");
    }

    static Namespace ns(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    static Pod pod(String namespace, String name, String ip, String app) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels("app.kubernetes.io/name", app).endMetadata()
                .withNewSpec().addNewContainer().withName("main").addNewPort().withContainerPort(8080)
                .withProtocol("TCP").endPort().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).endStatus().build();
    }
}
