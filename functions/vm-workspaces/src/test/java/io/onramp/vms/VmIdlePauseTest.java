package io.onramp.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import io.onramp.core.page.PageRequest;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.testing.CodeServerStandIn;
import io.onramp.core.testing.SelfSignedTls;
import io.onramp.core.testing.TestConfig;
import io.onramp.core.workspace.DesiredState;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.edge.activity.HttpHeartbeatProbe;
import io.onramp.exoscale.SecurityGroup;
import io.onramp.exoscale.SecurityGroupRule;
import io.vertx.core.Vertx;

/**
 * Idle stop of VM workspaces against the Exoscale simulator: the real engine and VM driver, a real PostgreSQL, the
 * real HTTPS probe, and a stand-in code-server with a self-signed certificate answering for each VM's public IP.
 */
class VmIdlePauseTest {

    static Vertx vertx;
    static SelfSignedTls tls;
    VmTestBed bed;
    CodeServerStandIn codeServer;
    ActivityStore activity;
    WorkspaceEvents events;
    AuditLog audit;
    VmIdlePause duty;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        tls = SelfSignedTls.create("onramp-workspace");
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void setUp() {
        bed = new VmTestBed();
        codeServer = CodeServerStandIn.https(bed.clock(), tls.context());
        duty = duty(codeServer, Map.of());
    }

    /** The duty, probing the stand-in instead of the (simulated, unroutable) public IPs: the key is the IP. */
    VmIdlePause duty(CodeServerStandIn standIn, Map<String, String> more) {
        Map<String, String> properties = new java.util.HashMap<>(more);
        properties.put("onramp.idle.vms.healthz-url", "https://127.0.0.1:" + standIn.port() + "/{publicIp}/healthz");
        IdleConfig idle = TestConfig.mapping(IdleConfig.class, properties);
        activity = new ActivityStore(bed.db);
        events = new WorkspaceEvents(bed.db, bed.clock());
        audit = new AuditLog(bed.db, bed.clock());
        IdleWatch watch = new IdleWatch(bed.engine, activity,
                new HttpHeartbeatProbe(vertx, Duration.ofSeconds(3), Duration.ofSeconds(8)), events, audit, idle);
        return new VmIdlePause(watch, idle, bed.config);
    }

    @AfterEach
    void tearDown() {
        codeServer.close();
        bed.close();
    }

    Workspace running(String owner, String sshKey) {
        CreateVmWorkspaceInput input = VmTestBed.input(owner);
        input.sshKeyName = sshKey;
        UUID id = bed.vms.create(new io.onramp.core.auth.Caller(owner, java.util.Set.of(io.onramp.core.auth.Role.DEVELOPER)),
                input).workspace().id();
        bed.converge(id, WorkspaceState.RUNNING, 20);
        return bed.engine.get(id);
    }

    DutyReport runAfter(Duration wait) {
        bed.sim.advance(wait);
        return duty.run(bed.clock().instant());
    }

    @Test
    void anIdleVmIsStoppedAndItsOwnerTold() {
        Workspace w = running("alice", null);
        String ip = w.publicIp();
        codeServer.inUse(ip);
        assertEquals(0, duty.run(bed.clock().instant()).acted());
        ActivityRecord first = activity.find(w.id()).orElseThrow();
        assertEquals(tls.fingerprint(), first.tlsPin(), "the VM's certificate is pinned at its first answer");

        Instant lastUse = bed.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        codeServer.heartbeat(ip, lastUse);
        assertEquals(0, runAfter(Duration.ofMinutes(40)).acted());
        assertEquals(0, runAfter(Duration.ofMinutes(19)).acted(), "59 minutes: not yet");
        DutyReport report = runAfter(Duration.ofMinutes(2));
        assertEquals(1, report.acted(), report.toString());
        assertEquals(DesiredState.PAUSED, bed.engine.get(w.id()).desiredState());

        bed.converge(w.id(), WorkspaceState.PAUSED, 20);
        assertEquals("stopped", bed.instancesOf(w.id()).get(0).state(), "the VM is stopped in Exoscale, not deleted");

        List<WorkspaceEvent> told = events.forWorkspace(w.id(), 10).stream()
                .filter(e -> SelfCare.IDLE_PAUSED.equals(e.kind())).toList();
        assertEquals(1, told.size());
        assertEquals("alice", told.get(0).owner());
        assertTrue(told.get(0).message().contains("61 minutes without activity"), told.get(0).message());
        List<AuditEntry> entries = audit.find(new AuditQuery(SelfCare.actor(VmIdlePause.NAME), w.id().toString(), null,
                null, PageRequest.of(10, null))).items();
        assertEquals(1, entries.size());
        assertEquals("pauseWorkspace", entries.get(0).operation());
        assertEquals(lastUse, activity.find(w.id()).orElseThrow().lastActivityAt());
    }

    @Test
    void aVmInUseKeepsRunning() {
        Workspace w = running("bob", null);
        for (int i = 0; i < 9; i++) {
            bed.sim.advance(Duration.ofMinutes(20));
            codeServer.inUse(w.publicIp());
            assertEquals(0, duty.run(bed.clock().instant()).acted());
        }
        assertEquals(DesiredState.RUNNING, bed.engine.get(w.id()).desiredState());
        assertEquals("running", bed.instancesOf(w.id()).get(0).state());
    }

    @Test
    void vmsWithAnSshKeyAreLeftAloneUnlessAskedFor() {
        Workspace ssh = running("carol", "carol-laptop");
        codeServer.started(ssh.publicIp());
        assertEquals(0, duty.run(bed.clock().instant()).examined(), "SSH use is invisible to the check");
        assertEquals(0, runAfter(Duration.ofHours(3)).acted());
        assertEquals(0, codeServer.requestsFor(ssh.publicIp()));

        duty = duty(codeServer, Map.of("onramp.idle.vms.with-ssh-key", "true"));
        DutyReport report = duty.run(bed.clock().instant());
        assertEquals(1, report.examined());
        assertEquals(1, report.acted(), "never opened in three hours");
    }

    @Test
    void anotherCertificateIsNotBelieved() {
        Workspace w = running("dave", null);
        Workspace other = running("erin", null);
        codeServer.inUse(w.publicIp());
        codeServer.inUse(other.publicIp());
        duty.run(bed.clock().instant());
        assertEquals(tls.fingerprint(), activity.find(w.id()).orElseThrow().tlsPin());

        // someone else answers on dave's address with another certificate, claiming he is busy
        SelfSignedTls impostorTls = SelfSignedTls.create("onramp-workspace");
        try (CodeServerStandIn impostor = CodeServerStandIn.https(bed.clock(), impostorTls.context())) {
            duty = duty(impostor, Map.of());
            for (int i = 0; i < 7; i++) {
                bed.sim.advance(Duration.ofMinutes(10));
                impostor.inUse(w.publicIp());
                impostor.forget(other.publicIp());
                duty.run(bed.clock().instant());
            }
            ActivityRecord r = activity.find(w.id()).orElseThrow();
            assertEquals("UNREACHABLE: certificate differs from the one first seen", r.lastProbeOutcome());
            assertEquals(tls.fingerprint(), r.tlsPin(), "the pin is kept");
            assertEquals(7, r.failures());
            assertEquals(DesiredState.RUNNING, bed.engine.get(w.id()).desiredState(),
                    "nobody else answered either, so nothing is paused for unreachability");
        }
    }

    @Test
    void onrampsProbeAddressesGetTheCodeServerPortOnly() {
        codeServer.close();
        bed.close();
        bed = new VmTestBed(Map.of("onramp.vms.allowed-ingress-cidrs", "10.20.0.0/16",
                "onramp.vms.probe-cidrs", "203.0.113.7/32"), 6);
        codeServer = CodeServerStandIn.https(bed.clock(), tls.context());
        running("frank", "frank-laptop");
        SecurityGroup ide = bed.client.findSecurityGroupByName(VmTestBed.ZONE, "onramp-workspaces").orElseThrow();
        SecurityGroup ssh = bed.client.findSecurityGroupByName(VmTestBed.ZONE, "onramp-workspaces-ssh").orElseThrow();
        assertEquals(List.of("10.20.0.0/16:8443", "203.0.113.7/32:8443"), rules(ide));
        assertEquals(List.of("10.20.0.0/16:22"), rules(ssh), "SSH is not opened to Onramp");
        assertTrue(VmsConfigs.problems(VmsConfigs.of(Map.of("onramp.vms.probe-cidrs", "0.0.0.0/0,not-a-cidr")))
                .contains("onramp.vms.probe-cidrs: 'not-a-cidr' is not an IPv4 CIDR"));
    }

    static List<String> rules(SecurityGroup group) {
        return group.rules().stream().map(SecurityGroupRule.class::cast)
                .map(r -> r.network() + ":" + r.startPort()).sorted().toList();
    }
}
