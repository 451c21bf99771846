package io.onramp.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditQuery;
import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.page.PageRequest;
import io.onramp.core.reconcile.Drift;
import io.onramp.core.reconcile.DriftReport;
import io.onramp.core.reconcile.DriftType;
import io.onramp.core.reconcile.ReconcileOptions;
import io.onramp.core.reconcile.ReconcileReports;
import io.onramp.core.reconcile.ReconcileService;
import io.onramp.core.reconcile.ReconcileTrigger;
import io.onramp.core.reconcile.Remedy;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.exoscale.CreateInstanceRequest;
import io.onramp.exoscale.ExoscaleClient;
import io.onramp.exoscale.simulator.SimulatedInstance;

/**
 * Reconcile of VM workspaces against the Exoscale simulator, a real PostgreSQL and the real engine and driver: VMs
 * stopped, started and deleted behind Onramp's back, a create cut off after Exoscale made the instance but before
 * the database knew it (an orphan once the row is lost), and orphans deleted only when asked.
 */
class VmReconcileTest {

    VmTestBed bed;
    ReconcileService reconcile;
    VmReconcileDuty duty;
    AuditLog audit;

    @BeforeEach
    void setUp() throws Exception {
        bed = new VmTestBed();
        try (Connection c = bed.db.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE reconcile_reports");
        }
        wire();
    }

    /** The reconcile service on the bed's current engine and client (again after a restart). */
    void wire() {
        ExoscaleAccess access = ExoscaleAccess.using(bed.client, VmTestBed.ZONE);
        audit = new AuditLog(bed.db, bed.clock());
        reconcile = new ReconcileService(bed.engine, new ReconcileReports(bed.db), audit,
                new WorkspaceEvents(bed.db, bed.clock()), bed.clock(), List.of(new VmReconciler(access)));
        duty = new VmReconcileDuty(reconcile, access);
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    UUID running(String owner) {
        UUID id = bed.vms.create(VmTestBed.ADMIN, VmTestBed.input(owner)).workspace().id();
        bed.converge(id, WorkspaceState.RUNNING, 20);
        return id;
    }

    DriftReport dryRun() {
        return reconcile.run(WorkspaceKind.VM, ReconcileOptions.DRY_RUN, "root", ReconcileTrigger.ADMIN);
    }

    static Drift one(DriftReport report, Predicate<Drift> which) {
        List<Drift> found = report.drifts().stream().filter(which).toList();
        assertEquals(1, found.size(), report.drifts().toString());
        return found.get(0);
    }

    String state(String instanceId) {
        return bed.sim.instance(VmTestBed.ZONE, instanceId).map(SimulatedInstance::state).orElse("gone");
    }

    @Test
    void aVmStoppedOutsideOnrampIsStartedAgainBecauseItsOwnerWantsItRunning() {
        UUID id = running("alice");
        String vm = bed.engine.get(id).instanceId();
        bed.client.stopInstance(VmTestBed.ZONE, vm); // straight to Exoscale, e.g. from its console
        bed.sim.advance(Duration.ofMinutes(1));
        assertEquals("stopped", state(vm));

        Drift stopped = one(dryRun(), d -> id.equals(d.workspaceId()));
        assertEquals(DriftType.STATE_MISMATCH, stopped.type());
        assertEquals("Instance " + VmTestBed.ZONE + "/" + vm, stopped.resource());
        assertEquals(Remedy.CONVERGE, stopped.remedy());
        assertEquals(WorkspaceState.RESUMING, stopped.correctedState());
        assertEquals("stopped", state(vm), "a dry run changes nothing");
        assertEquals(WorkspaceState.RUNNING, bed.engine.get(id).state());

        DutyReport run = duty.run(bed.clock().instant());
        assertEquals(1, run.acted(), run.toString());
        Workspace corrected = bed.engine.get(id);
        assertEquals(WorkspaceState.RESUMING, corrected.state(), "the recorded state is corrected at once");
        assertTrue(corrected.stateReason().contains("stopped outside Onramp"), corrected.stateReason());
        bed.converge(id, WorkspaceState.RUNNING, 20);
        assertEquals("running", state(vm), "the same VM runs again");
        assertEquals(vm, bed.engine.get(id).instanceId());
        assertEquals(1, bed.sim.callCount("POST", "/instance"));
        assertTrue(dryRun().drifts().isEmpty());
    }

    @Test
    void aVmStartedOutsideOnrampWhilePausedIsStoppedAgain() {
        UUID id = running("bob");
        String vm = bed.engine.get(id).instanceId();
        bed.engine.pause(id);
        bed.converge(id, WorkspaceState.PAUSED, 20);
        bed.client.startInstance(VmTestBed.ZONE, vm);
        bed.sim.advance(Duration.ofMinutes(1));
        assertEquals("running", state(vm));

        Drift started = one(dryRun(), d -> id.equals(d.workspaceId()));
        assertEquals(WorkspaceState.PAUSING, started.correctedState());
        duty.run(bed.clock().instant());
        bed.converge(id, WorkspaceState.PAUSED, 20);
        assertEquals("stopped", state(vm));
    }

    @Test
    void aVmDeletedOutsideOnrampIsMadeAgainForARunningWorkspace() {
        UUID id = running("carol");
        String vm = bed.engine.get(id).instanceId();
        bed.client.ensureDeleted(VmTestBed.ZONE, vm);
        assertEquals("gone", state(vm));

        Drift missing = one(dryRun(), d -> id.equals(d.workspaceId()));
        assertEquals(DriftType.MISSING_INSTANCE, missing.type());
        assertEquals(Remedy.CONVERGE, missing.remedy());
        duty.run(bed.clock().instant());
        bed.converge(id, WorkspaceState.RUNNING, 20);
        String again = bed.engine.get(id).instanceId();
        assertNotEquals(vm, again);
        assertEquals(List.of(again), bed.instancesOf(id).stream().map(SimulatedInstance::id).toList());
    }

    @Test
    void aCreateCutOffBeforeTheDatabaseKnewItLeavesAnOrphanThatIsDeletedOnlyWhenAsked() throws Exception {
        // the worker dies right after Exoscale made the VM (and the answer to POST /instance was lost)
        bed.restart(bed.clientBuilder(VmTestBed.KEY, VmTestBed.SECRET).sleeper(d -> {
            if (bed.sim.callCount("POST", "/instance") > 0) {
                throw new VmWorkspaceFaultsTest.ProcessKilled();
            }
            bed.sim.advance(d);
        }).build());
        wire();
        UUID id = bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")).workspace().id();
        bed.sim.faults().crashAfterCreateInstance(1, true);
        assertThrows(VmWorkspaceFaultsTest.ProcessKilled.class, () -> bed.engine.runDueJobs(10));
        bed.restart();
        wire();
        String vm = bed.instancesOf(id).get(0).id();
        assertTrue(dryRun().drifts().isEmpty(), "while the engine still owns the job, the VM is no orphan");

        try (Connection c = bed.db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM workspaces WHERE id = ?")) {
            ps.setObject(1, id); // the row never landed for good (e.g. the database was restored)
            ps.executeUpdate();
        }
        // an instance of someone else in the same account is never Onramp's business
        ExoscaleClient exo = bed.client;
        exo.awaitOperation(VmTestBed.ZONE, exo.createInstanceOnce(VmTestBed.ZONE, CreateInstanceRequest.builder()
                .name("not-onramp").template(exo.findTemplate(VmTestBed.ZONE, bed.config.template()))
                .instanceType(exo.findInstanceType(VmTestBed.ZONE, "standard.small")).diskSizeGiB(10).build()));

        DriftReport dry = dryRun();
        Drift orphan = one(dry, d -> d.type() == DriftType.ORPHAN);
        assertEquals(id, orphan.workspaceId());
        assertTrue(orphan.resource().startsWith("Instance " + VmTestBed.ZONE + "/" + vm), orphan.resource());
        assertTrue(orphan.detail().contains("no workspace owns it"), orphan.detail());

        DutyReport scheduled = duty.run(bed.clock().instant());
        assertEquals(0, scheduled.acted(), "the duty never deletes orphans");
        reconcile.run(WorkspaceKind.VM, new ReconcileOptions(true, true), "root", ReconcileTrigger.ADMIN);
        assertNotEquals("gone", state(vm), "nor does a dry run");
        bed.sim.advance(Duration.ofMinutes(1));
        assertEquals("running", state(vm));

        DriftReport deleting = reconcile.run(WorkspaceKind.VM, new ReconcileOptions(false, true), "root",
                ReconcileTrigger.ADMIN);
        assertEquals(1, deleting.deleted(), deleting.drifts().toString());
        bed.sim.advance(Duration.ofMinutes(2));
        assertEquals("gone", state(vm));
        assertEquals(1, bed.sim.instances(VmTestBed.ZONE).size(), "the other instance stays");
        assertTrue(audit.find(new AuditQuery("root", null, null, null, PageRequest.of(20, null))).items().stream()
                .anyMatch(e -> e.operation().equals("reconcileDeleteOrphan")
                        && e.target().contains(vm)));
        DriftReport again = reconcile.run(WorkspaceKind.VM, new ReconcileOptions(false, true), "root",
                ReconcileTrigger.ADMIN);
        assertTrue(again.drifts().isEmpty(), "idempotent: " + again.drifts());
    }

    @Test
    void aSecondInstanceOfALiveWorkspaceIsAnOrphan() {
        UUID id = running("dave");
        Workspace w = bed.engine.get(id);
        ExoscaleClient exo = bed.client;
        exo.awaitOperation(VmTestBed.ZONE, exo.createInstanceOnce(VmTestBed.ZONE, CreateInstanceRequest.builder()
                .name("onramp-" + id).template(exo.findTemplate(VmTestBed.ZONE, bed.config.template()))
                .instanceType(exo.findInstanceType(VmTestBed.ZONE, "standard.medium")).diskSizeGiB(50)
                .label(ExoscaleClient.WORKSPACE_LABEL, id.toString()).build()));
        bed.sim.advance(Duration.ofMinutes(1));

        Drift second = one(dryRun(), d -> d.type() == DriftType.ORPHAN);
        assertEquals(id, second.workspaceId());
        assertEquals("dave", second.owner());
        assertTrue(second.detail().contains("second instance"), second.detail());
        assertTrue(!second.resource().contains(w.instanceId()), "not the one the workspace uses");
        reconcile.run(WorkspaceKind.VM, new ReconcileOptions(false, true), "root", ReconcileTrigger.ADMIN);
        bed.sim.advance(Duration.ofMinutes(2));
        assertEquals(List.of(w.instanceId()), bed.instancesOf(id).stream().map(SimulatedInstance::id).toList());
        assertEquals("running", state(w.instanceId()));
    }
}
