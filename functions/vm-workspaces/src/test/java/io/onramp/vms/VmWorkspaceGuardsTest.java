package io.onramp.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.workspace.CreateResult;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;

/** Cost caps, credentials and the password key: what stops a VM workspace, and how clearly. */
class VmWorkspaceGuardsTest {

    @Test
    void capsPerDeveloperAndOverallAtCreateAndOnResume() {
        try (VmTestBed bed = new VmTestBed(Map.of("onramp.vms.max-running-per-developer", "2",
                "onramp.vms.max-running", "3"), 3)) {
            UUID a = bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")).workspace().id();
            CreateVmWorkspaceInput second = VmTestBed.input("alice");
            second.idempotencyKey = "second";
            UUID b = bed.vms.create(VmTestBed.ALICE, second).workspace().id();

            OnrampException third = assertThrows(OnrampException.class,
                    () -> bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")));
            assertEquals(ErrorCode.QUOTA_EXCEEDED, third.code());
            assertTrue(third.getMessage().contains("onramp.vms.max-running-per-developer"), third.getMessage());

            // a repeat of a create that counted already gets its workspace back, even at the cap
            CreateResult again = bed.vms.create(VmTestBed.ALICE, second);
            assertFalse(again.created());
            assertEquals(b, again.workspace().id());

            bed.converge(a, WorkspaceState.RUNNING, 20);
            bed.converge(b, WorkspaceState.RUNNING, 20);
            bed.workspaces.pause(VmTestBed.ALICE, b.toString());
            bed.converge(b, WorkspaceState.PAUSED, 20);

            // paused VMs do not count: a new one fits
            UUID c = bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")).workspace().id();
            bed.converge(c, WorkspaceState.RUNNING, 20);

            // resuming b now would make three for alice: refused at once, nothing recorded, the VM stays stopped
            OnrampException resume = assertThrows(OnrampException.class,
                    () -> bed.workspaces.resume(VmTestBed.ALICE, b.toString()));
            assertEquals(ErrorCode.QUOTA_EXCEEDED, resume.code());
            assertTrue(resume.getMessage().contains("onramp.vms.max-running-per-developer"), resume.getMessage());
            Workspace refused = bed.engine.get(b);
            assertEquals(WorkspaceState.PAUSED, refused.state());
            assertEquals("stopped", bed.instancesOf(b).get(0).state());

            // overall: a (running), c (running) and one for bob = 3, the overall cap
            bed.vms.create(VmTestBed.BOB, VmTestBed.input("bob"));
            OnrampException full = assertThrows(OnrampException.class,
                    () -> bed.vms.create(VmTestBed.BOB, VmTestBed.input("bob")));
            assertEquals(ErrorCode.QUOTA_EXCEEDED, full.code());
            assertTrue(full.getMessage().contains("onramp.vms.max-running"), full.getMessage());

            // freeing a slot lets the resume through when asked again
            bed.workspaces.delete(VmTestBed.ALICE, c.toString());
            for (Workspace bobs : bed.engine.liveOf("bob")) {
                bed.workspaces.delete(VmTestBed.BOB, bobs.id().toString());
            }
            bed.converge(c, WorkspaceState.DELETED, 20);
            bed.workspaces.resume(VmTestBed.ALICE, b.toString());
            bed.converge(b, WorkspaceState.RUNNING, 20);
            assertEquals("running", bed.instancesOf(b).get(0).state());
        }
    }

    @Test
    void wrongCredentialsAnswerUnavailableAtCreate() {
        try (VmTestBed bed = new VmTestBed()) {
            bed.restart(bed.clientBuilder(VmTestBed.KEY, "not-the-secret-0123456789").build());
            OnrampException e = assertThrows(OnrampException.class,
                    () -> bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")));
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
            assertTrue(e.getMessage().contains("EXOSCALE_API_KEY"), e.getMessage());
            assertFalse(e.getMessage().contains("not-the-secret"), "never echoes the secret");
            assertEquals(0, bed.engine.list(new io.onramp.core.workspace.WorkspaceFilter(null, null, null, true,
                    io.onramp.core.page.PageRequest.of(10, null))).items().size(), "no workspace recorded");
        }
    }

    @Test
    void credentialsRevokedAfterCreateFailTheWorkspaceWithTheSameClearError() {
        try (VmTestBed bed = new VmTestBed(Map.of(), 2)) {
            UUID id = bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")).workspace().id();
            bed.restart(bed.clientBuilder(VmTestBed.KEY, "rotated-secret-0123456789").build());
            bed.converge(id, WorkspaceState.FAILED, 40);
            Workspace failed = bed.engine.get(id);
            assertTrue(failed.lastError().contains("EXOSCALE_API_KEY"), failed.lastError());
            assertTrue(bed.instancesOf(id).isEmpty());
        }
    }

    @Test
    void withoutCredentialsVmWorkspacesAreUnavailable() {
        try (VmTestBed bed = new VmTestBed()) {
            VmWorkspaces noCredentials = new VmWorkspaces(bed.workspaces, bed.config, ExoscaleAccess.using(null,
                    VmTestBed.ZONE), bed.capacity, lab -> java.util.Optional.empty(),
                    new io.onramp.core.audit.AuditLog(bed.db, bed.clock()));
            OnrampException e = assertThrows(OnrampException.class,
                    () -> noCredentials.create(VmTestBed.ALICE, VmTestBed.input("alice")));
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
            assertTrue(e.getMessage().startsWith("VM workspaces need EXOSCALE_API_KEY and EXOSCALE_API_SECRET"),
                    e.getMessage());
            ExoscaleAccess fromConfig = new ExoscaleAccess(VmsConfigs.onramp(Map.of()), bed.config);
            assertFalse(fromConfig.configured());
            assertEquals("ch-gva-2", fromConfig.defaultZone());
            assertEquals(ErrorCode.UNAVAILABLE, assertThrows(OnrampException.class, fromConfig::client).code());
            ExoscaleAccess configured = new ExoscaleAccess(VmsConfigs.onramp(Map.of(
                    "onramp.exoscale.api-key", "EXOabc", "onramp.exoscale.api-secret", "s3cr3t",
                    "onramp.exoscale.zone", "at-vie-1")), bed.config);
            assertTrue(configured.configured());
            assertEquals("at-vie-1", configured.defaultZone());
        }
    }

    @Test
    void withoutThePasswordKeyCreationNamesTheSetting() {
        try (VmTestBed bed = new VmTestBed(Map.of("onramp.vms.password-key", ""), 6)) {
            OnrampException e = assertThrows(OnrampException.class,
                    () -> bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")));
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
            assertTrue(e.getMessage().contains("onramp.vms.password-key"), e.getMessage());
        }
    }

    @Test
    void misconfigurationAnswersUnavailableNamingTheKey() {
        try (VmTestBed bed = new VmTestBed(Map.of("onramp.vms.instance-type", "standard.huge"), 6)) {
            CreateVmWorkspaceInput input = VmTestBed.input("alice");
            input.instanceType = "standard.medium";
            OnrampException config = assertThrows(OnrampException.class, () -> bed.vms.create(VmTestBed.ALICE, input));
            assertEquals(ErrorCode.UNAVAILABLE, config.code());
            assertTrue(config.getMessage().contains("onramp.vms.instance-type"), config.getMessage());
        }
    }

    @Test
    void anInstanceTypeExoscaleDoesNotOfferIsBadInput() {
        try (VmTestBed bed = new VmTestBed(Map.of("onramp.vms.allowed-instance-types",
                "standard.medium,standard.gigantic"), 6)) {
            CreateVmWorkspaceInput input = VmTestBed.input("alice");
            input.instanceType = "standard.gigantic";
            OnrampException e = assertThrows(OnrampException.class, () -> bed.vms.create(VmTestBed.ALICE, input));
            assertEquals(ErrorCode.BAD_USER_INPUT, e.code());
            assertTrue(e.getMessage().contains("offers no instance type standard.gigantic"), e.getMessage());
            assertEquals(WorkspaceKind.VM, bed.driver.kind());
        }
    }
}
