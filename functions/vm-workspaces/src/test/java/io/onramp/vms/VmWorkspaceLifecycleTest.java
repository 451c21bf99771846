package io.onramp.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.workspace.CreateResult;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.exoscale.ExoscaleClient;
import io.onramp.exoscale.SecurityGroup;
import io.onramp.exoscale.simulator.SimulatedInstance;

/** Create, pause, resume, delete and password reveal of VM workspaces against the Exoscale simulator. */
class VmWorkspaceLifecycleTest {

    VmTestBed bed;

    @BeforeEach
    void setUp() {
        bed = new VmTestBed();
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void createPauseResumeDelete() {
        CreateVmWorkspaceInput input = VmTestBed.input("alice");
        input.lab = VmTestBed.LAB;
        CreateResult created = bed.vms.create(VmTestBed.ALICE, input);
        assertTrue(created.created());
        Workspace w = created.workspace();
        UUID id = w.id();
        assertEquals(WorkspaceKind.VM, w.kind());
        assertEquals(WorkspaceState.PROVISIONING, w.state());
        assertEquals(VmTestBed.ZONE, w.zone());
        assertNull(w.namespace());
        assertEquals("standard.medium", w.spec(VmSpec.INSTANCE_TYPE));
        assertEquals("50", w.spec(VmSpec.DISK_GB));
        assertEquals("Linux Ubuntu 24.04 LTS 64-bit", w.spec(VmSpec.TEMPLATE));
        assertNotNull(w.spec(VmSpec.PASSWORD_CIPHERTEXT));
        assertEquals(0, bed.sim.instances(VmTestBed.ZONE).size(), "create returns before any VM exists");

        // create -> RUNNING
        bed.converge(id, WorkspaceState.RUNNING, 20);
        Workspace running = bed.engine.get(id);
        List<SimulatedInstance> vms = bed.instancesOf(id);
        assertEquals(1, vms.size());
        SimulatedInstance vm = vms.get(0);
        assertEquals("running", vm.state());
        assertEquals(vm.id(), running.instanceId());
        assertEquals(vm.publicIp(), running.publicIp());
        assertNotNull(running.publicIp());
        assertEquals("https://" + vm.publicIp() + ":8443", running.url());
        assertNotNull(running.readyAt());
        assertEquals("standard.medium", vm.instanceTypeName());
        assertEquals(50, vm.diskSize());
        assertEquals("onramp-" + id, vm.name());
        assertTrue(vm.sshKeys().isEmpty());

        // the VM got the IDE security group only (no SSH key asked for), with the code-server port open
        SecurityGroup ide = bed.client.findSecurityGroupByName(VmTestBed.ZONE, "onramp-workspaces").orElseThrow();
        assertEquals(List.of(ide.id()), vm.securityGroupIds());
        assertEquals(1, ide.rules().size());
        assertEquals(8443, ide.rules().get(0).startPort());
        assertEquals("0.0.0.0/0", ide.rules().get(0).network());
        assertTrue(bed.client.findSecurityGroupByName(VmTestBed.ZONE, "onramp-workspaces-ssh").isEmpty());

        // the user-data: cloud-config with the lab URL, never the password
        String userData = new String(Base64.getDecoder().decode(vm.userData()), StandardCharsets.UTF_8);
        assertTrue(userData.startsWith("#cloud-config\n"));
        assertTrue(userData.contains("https://onramp.example.com/labs/pods-and-labels/workspace.tar.gz"));
        assertTrue(userData.contains("$argon2id$v=19$"));
        String password = bed.workspaces.revealAccessPassword(VmTestBed.ALICE, id.toString());
        assertFalse(userData.contains(password));

        // pause -> PAUSED with the instance stopped
        assertEquals(WorkspaceState.PAUSING, bed.workspaces.pause(VmTestBed.ALICE, id.toString()).state());
        bed.converge(id, WorkspaceState.PAUSED, 20);
        assertEquals("stopped", bed.instancesOf(id).get(0).state());
        assertEquals(1, bed.sim.callCount("PUT", "/instance/{id}:stop"));

        // resume -> RUNNING, same instance
        assertEquals(WorkspaceState.RESUMING, bed.workspaces.resume(VmTestBed.ALICE, id.toString()).state());
        bed.converge(id, WorkspaceState.RUNNING, 20);
        assertEquals(1, bed.instancesOf(id).size());
        assertEquals("running", bed.instancesOf(id).get(0).state());
        assertEquals(vm.id(), bed.engine.get(id).instanceId());
        assertEquals(1, bed.sim.callCount("PUT", "/instance/{id}:start"));

        // delete -> gone
        assertEquals(WorkspaceState.DELETING, bed.workspaces.delete(VmTestBed.ALICE, id.toString()).state());
        bed.converge(id, WorkspaceState.DELETED, 20);
        assertTrue(bed.instancesOf(id).isEmpty());
        assertTrue(bed.sim.instances(VmTestBed.ZONE).isEmpty());
        OnrampException gone = assertThrows(OnrampException.class,
                () -> bed.workspaces.revealAccessPassword(VmTestBed.ALICE, id.toString()));
        assertEquals(ErrorCode.NOT_FOUND, gone.code());
    }

    @Test
    void revealAccessPasswordDecryptsTheGeneratedPassword() {
        UUID id = bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")).workspace().id();
        Workspace w = bed.engine.get(id);
        String password = bed.workspaces.revealAccessPassword(VmTestBed.ALICE, id.toString());
        assertEquals(CodeServerPasswords.LENGTH, password.length());
        assertTrue(password.matches("[A-Za-z0-9]+"));
        String sealed = w.spec(VmSpec.PASSWORD_CIPHERTEXT);
        assertNotEquals(password, sealed);
        assertFalse(sealed.contains(password));
        assertFalse(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1).contains(password));
        assertFalse(w.spec().values().stream().anyMatch(v -> v.contains(password)), "no spec value holds it");
        assertEquals(password, bed.workspaces.revealAccessPassword(VmTestBed.ADMIN, id.toString()), "stable");

        // the VM's code-server accepts exactly that password
        bed.converge(id, WorkspaceState.RUNNING, 20);
        String userData = new String(Base64.getDecoder().decode(bed.instancesOf(id).get(0).userData()),
                StandardCharsets.UTF_8);
        java.util.regex.Matcher hash = java.util.regex.Pattern
                .compile("\\$argon2id\\$v=19\\$m=\\d+,t=\\d+,p=\\d+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+").matcher(userData);
        assertTrue(hash.find());
        assertTrue(CodeServerPasswords.matches(password, hash.group()));
        assertFalse(CodeServerPasswords.matches(password + "x", hash.group()));

        // another developer may not see it
        OnrampException refused = assertThrows(OnrampException.class,
                () -> bed.workspaces.revealAccessPassword(VmTestBed.BOB, id.toString()));
        assertEquals(ErrorCode.FORBIDDEN, refused.code());
    }

    @Test
    void sshKeyAddsTheSshGroupAndTheKey() {
        CreateVmWorkspaceInput input = VmTestBed.input("alice");
        input.sshKeyName = "alice-laptop";
        input.instanceType = "Standard.Large";
        input.diskGb = 80;
        UUID id = bed.vms.create(VmTestBed.ALICE, input).workspace().id();
        bed.converge(id, WorkspaceState.RUNNING, 20);
        SimulatedInstance vm = bed.instancesOf(id).get(0);
        assertEquals(List.of("alice-laptop"), vm.sshKeys());
        assertEquals("standard.large", vm.instanceTypeName());
        assertEquals(80, vm.diskSize());
        SecurityGroup ssh = bed.client.findSecurityGroupByName(VmTestBed.ZONE, "onramp-workspaces-ssh").orElseThrow();
        assertTrue(vm.securityGroupIds().contains(ssh.id()));
        assertEquals(2, vm.securityGroupIds().size());
        assertEquals(22, bed.client.getSecurityGroup(VmTestBed.ZONE, ssh.id()).orElseThrow().rules().get(0).startPort());
    }

    @Test
    void invalidInputIsRefusedBeforeAnythingHappens() {
        assertBadInput(i -> i.zone = "mars-1", "Unknown Exoscale zone");
        assertBadInput(i -> i.instanceType = "gpu3.huge", "instanceType must be one of");
        assertBadInput(i -> i.instanceType = "standard", "instanceType must be one of");
        assertBadInput(i -> i.instanceType = "standard.medium; rm -rf /", "instanceType must be one of");
        assertBadInput(i -> i.diskGb = 9, "diskGb must be between 10 and 400");
        assertBadInput(i -> i.diskGb = 401, "diskGb must be between 10 and 400");
        assertBadInput(i -> i.lab = "no-such-lab", "There is no lab");
        assertBadInput(i -> i.lab = "../etc", "There is no lab");
        assertBadInput(i -> i.sshKeyName = "-dash", "sshKeyName");
        assertBadInput(i -> i.sshKeyName = "has space", "sshKeyName");
        assertBadInput(i -> i.sshKeyName = "k".repeat(256), "sshKeyName");
        assertBadInput(i -> i.owner = "eve\nroot", "owner must be");
        assertEquals(0, bed.sim.calls().size(), "no Exoscale call for invalid input");
        assertEquals(0, bed.engine.queueDepth().total());
    }

    @Test
    void developersCreateOnlyForThemselves() {
        OnrampException e = assertThrows(OnrampException.class,
                () -> bed.vms.create(VmTestBed.BOB, VmTestBed.input("alice")));
        assertEquals(ErrorCode.FORBIDDEN, e.code());
        assertEquals(0, bed.sim.calls().size());
        Workspace forAlice = bed.vms.create(VmTestBed.ADMIN, VmTestBed.input("alice")).workspace();
        assertEquals("alice", forAlice.owner());
        Workspace own = bed.vms.create(VmTestBed.BOB, VmTestBed.input(null)).workspace();
        assertEquals("bob", own.owner());
    }

    @Test
    void defaultsComeFromTheConfiguration() {
        CreateVmWorkspaceInput input = new CreateVmWorkspaceInput();
        Workspace w = bed.vms.create(VmTestBed.ALICE, input).workspace();
        assertEquals("alice", w.owner());
        assertEquals(VmTestBed.ZONE, w.zone(), "onramp.exoscale.zone");
        assertEquals("standard.medium", w.spec(VmSpec.INSTANCE_TYPE));
        assertEquals("50", w.spec(VmSpec.DISK_GB));
        assertNull(w.spec(VmSpec.SSH_KEY_NAME));
        Workspace byDefault = bed.vms.createDefault(VmTestBed.ADMIN, "bob", VmTestBed.LAB).workspace();
        assertEquals("bob", byDefault.owner());
        assertEquals(VmTestBed.LAB, byDefault.lab());
        assertEquals(WorkspaceKind.VM, bed.vms.kind());
    }

    @Test
    void pausingBeforeTheVmExistsNeedsNoVmAndResumingMakesIt() {
        UUID id = bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")).workspace().id();
        bed.workspaces.pause(VmTestBed.ALICE, id.toString());
        bed.converge(id, WorkspaceState.PAUSED, 5);
        assertTrue(bed.instancesOf(id).isEmpty());
        bed.workspaces.resume(VmTestBed.ALICE, id.toString());
        bed.converge(id, WorkspaceState.RUNNING, 20);
        assertEquals(1, bed.instancesOf(id).size());
    }

    @Test
    void anInstanceDeletedBehindOnrampsBackIsMadeAgain() {
        UUID id = bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")).workspace().id();
        bed.converge(id, WorkspaceState.RUNNING, 20);
        String first = bed.engine.get(id).instanceId();
        bed.client.ensureDeleted(VmTestBed.ZONE, first);
        bed.workspaces.pause(VmTestBed.ALICE, id.toString());
        bed.converge(id, WorkspaceState.PAUSED, 5);
        bed.workspaces.resume(VmTestBed.ALICE, id.toString());
        bed.converge(id, WorkspaceState.RUNNING, 20);
        Workspace w = bed.engine.get(id);
        assertNotEquals(first, w.instanceId());
        assertEquals(List.of(w.instanceId()), bed.instancesOf(id).stream().map(SimulatedInstance::id).toList());
    }

    @Test
    void deleteAlsoRemovesAnInstanceTheRowNeverLearntAbout() {
        UUID id = bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")).workspace().id();
        bed.converge(id, WorkspaceState.RUNNING, 20);
        // an extra instance with the workspace's label (e.g. a create that Exoscale finished after a lookup)
        bed.client.createInstanceOnce(VmTestBed.ZONE, io.onramp.exoscale.CreateInstanceRequest.builder()
                .name("stray").templateId(bed.sim.instances(VmTestBed.ZONE).get(0).templateId())
                .instanceTypeId(bed.sim.instances(VmTestBed.ZONE).get(0).instanceTypeId()).diskSizeGiB(10)
                .label(ExoscaleClient.WORKSPACE_LABEL, id.toString()).build());
        bed.sim.advance(java.time.Duration.ofMinutes(1));
        assertEquals(2, bed.instancesOf(id).size());
        bed.workspaces.delete(VmTestBed.ALICE, id.toString());
        bed.converge(id, WorkspaceState.DELETED, 30);
        assertTrue(bed.instancesOf(id).isEmpty());
    }

    private void assertBadInput(java.util.function.Consumer<CreateVmWorkspaceInput> change, String message) {
        CreateVmWorkspaceInput input = VmTestBed.input("alice");
        change.accept(input);
        OnrampException e = assertThrows(OnrampException.class, () -> bed.vms.create(VmTestBed.ALICE, input));
        assertEquals(ErrorCode.BAD_USER_INPUT, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
