package io.onramp.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.onramp.core.auth.Caller;
import io.onramp.core.auth.Role;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.page.PageRequest;
import io.onramp.core.workspace.Convergence;
import io.onramp.core.workspace.CreateResult;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceDriver;
import io.onramp.core.workspace.WorkspaceFilter;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.exoscale.simulator.Fault;
import io.onramp.exoscale.simulator.SimulatedInstance;

/** Lost answers, failing calls, concurrent creates and crashes: still one VM per workspace, and the row knows it. */
class VmWorkspaceFaultsTest {

    static final List<String> OWNERS = List.of("alice", "bob", "carol", "dave", "erin");

    @Test
    void everyScenarioConvergesWithThirtyPercentOfCallsFailing() {
        try (VmTestBed bed = new VmTestBed(Map.of(), 50)) {
            bed.sim.faults().randomly(0.3, 20260302L, Fault.status(500), Fault.status(502), Fault.status(503),
                    Fault.status(504), Fault.rateLimited(1), Fault.dropConnection(), Fault.lostResponse(),
                    Fault.lostResponse(502));
            List<UUID> ids = new ArrayList<>();
            int refusedCreates = 0;
            for (String owner : OWNERS) {
                CreateVmWorkspaceInput input = VmTestBed.input(owner);
                input.idempotencyKey = "onboarding-" + owner;
                input.sshKeyName = owner.equals("bob") ? "bob-key" : null;
                Caller caller = new Caller(owner, Set.of(Role.DEVELOPER));
                CreateResult result = null;
                for (int attempt = 0; attempt < 10 && result == null; attempt++) {
                    try { // what a client does with an UNAVAILABLE answer: retry with the same key
                        result = bed.vms.create(caller, input);
                    } catch (OnrampException e) {
                        assertEquals(ErrorCode.UNAVAILABLE, e.code(), e.getMessage());
                        refusedCreates++;
                    }
                }
                ids.add(result.workspace().id());
            }

            convergeAll(bed, ids, WorkspaceState.RUNNING);
            assertOneInstancePerWorkspace(bed, ids, "running");
            for (UUID id : ids) {
                Workspace w = bed.engine.get(id);
                assertEquals("https://" + w.publicIp() + ":8443", w.url());
            }

            ids.forEach(id -> bed.engine.pause(id));
            convergeAll(bed, ids, WorkspaceState.PAUSED);
            assertOneInstancePerWorkspace(bed, ids, "stopped");

            ids.forEach(id -> bed.engine.resume(id));
            convergeAll(bed, ids, WorkspaceState.RUNNING);
            assertOneInstancePerWorkspace(bed, ids, "running");

            ids.forEach(id -> bed.engine.delete(id));
            convergeAll(bed, ids, WorkspaceState.DELETED);
            int injected = bed.sim.faults().injectedCount();
            bed.sim.faults().clear();
            assertTrue(bed.sim.instances(VmTestBed.ZONE).isEmpty(), "left: " + bed.sim.instances(VmTestBed.ZONE));
            // the shared security groups were made once, each rule once
            assertEquals(2, bed.sim.securityGroups().size(), "ide and ssh groups: " + bed.sim.securityGroups());
            bed.sim.securityGroups().forEach(g -> assertEquals(1, g.rules().size(), g.toString()));
            assertTrue(injected > 30, "faults injected: " + injected);
            System.out.printf("VM workspaces under 30%% faults: %d faults injected, %d create answers UNAVAILABLE,"
                    + " %d POST /instance%n", injected, refusedCreates, bed.sim.callCount("POST", "/instance"));
        }
    }

    @Test
    void twentyConcurrentIdenticalCreatesMakeOneWorkspaceAndOneVm() throws Exception {
        try (VmTestBed bed = new VmTestBed()) {
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CreateResult>> results = new ArrayList<>();
            for (int t = 0; t < 20; t++) {
                results.add(pool.submit(() -> {
                    CreateVmWorkspaceInput input = VmTestBed.input("alice");
                    input.lab = VmTestBed.LAB;
                    input.idempotencyKey = "same-key";
                    go.await();
                    return bed.vms.create(VmTestBed.ALICE, input);
                }));
            }
            go.countDown();
            Set<UUID> ids = new HashSet<>();
            int created = 0;
            for (Future<CreateResult> f : results) {
                CreateResult r = f.get(60, TimeUnit.SECONDS);
                ids.add(r.workspace().id());
                created += r.created() ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(1, ids.size(), "one workspace for one key");
            assertEquals(1, created);
            List<Workspace> rows = bed.engine.list(new WorkspaceFilter("alice", null, WorkspaceKind.VM, true,
                    PageRequest.of(50, null))).items();
            assertEquals(1, rows.size());

            UUID id = ids.iterator().next();
            bed.converge(id, WorkspaceState.RUNNING, 20);
            assertEquals(1, bed.sim.instances(VmTestBed.ZONE).size());
            assertEquals(1, bed.sim.callCount("POST", "/instance"));
            assertEquals(bed.sim.instances(VmTestBed.ZONE).get(0).id(), bed.engine.get(id).instanceId());
        }
    }

    @Test
    void crashAfterTheInstanceIsCreatedButBeforeTheRowKnowsIt() {
        try (VmTestBed bed = new VmTestBed()) {
            AtomicInteger crashes = new AtomicInteger(1);
            bed.wrapDriver = crashing(crashes);
            bed.restart();
            UUID id = bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")).workspace().id();
            bed.sim.faults().crashAfterCreateInstance(1, true); // and the answer to POST /instance is lost

            assertThrows(ProcessKilled.class, () -> bed.engine.runDueJobs(10));
            assertEquals(1, bed.instancesOf(id).size(), "the VM exists");
            assertEquals(null, bed.engine.get(id).instanceId(), "the row does not know it");

            bed.wrapDriver = d -> d;
            bed.restart(); // a fresh engine, driver and client
            bed.sim.advance(Duration.ofMinutes(6)); // the dead worker's lease runs out
            bed.converge(id, WorkspaceState.RUNNING, 20);
            List<SimulatedInstance> vms = bed.instancesOf(id);
            assertEquals(1, vms.size());
            assertEquals(vms.get(0).id(), bed.engine.get(id).instanceId());
            assertEquals(1, bed.sim.callCount("POST", "/instance"), "never created twice");
        }
    }

    @Test
    void crashWhileTheAnswerToPostInstanceIsLost() {
        try (VmTestBed bed = new VmTestBed()) {
            // the first client dies in the pause after the lost answer, before it can look the instance up
            bed.restart(bed.clientBuilder(VmTestBed.KEY, VmTestBed.SECRET).sleeper(d -> {
                if (bed.sim.callCount("POST", "/instance") > 0) {
                    throw new ProcessKilled();
                }
                bed.sim.advance(d);
            }).build());
            UUID id = bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")).workspace().id();
            bed.sim.faults().crashAfterCreateInstance(1, true);
            assertThrows(ProcessKilled.class, () -> bed.engine.runDueJobs(10));
            assertEquals(1, bed.instancesOf(id).size());
            assertEquals(null, bed.engine.get(id).instanceId());

            bed.restart();
            bed.sim.advance(Duration.ofMinutes(6));
            bed.converge(id, WorkspaceState.RUNNING, 20);
            List<SimulatedInstance> vms = bed.instancesOf(id);
            assertEquals(1, vms.size());
            assertEquals(vms.get(0).id(), bed.engine.get(id).instanceId());
            assertEquals(1, bed.sim.callCount("POST", "/instance"));
        }
    }

    @Test
    void aFailedCreateOperationIsRetriedWithoutLeavingAnInstance() {
        try (VmTestBed bed = new VmTestBed()) {
            UUID first = bed.vms.create(VmTestBed.ALICE, VmTestBed.input("alice")).workspace().id();
            bed.converge(first, WorkspaceState.RUNNING, 20); // the security groups exist from here on
            UUID id = bed.vms.create(VmTestBed.BOB, VmTestBed.input("bob")).workspace().id();
            bed.sim.faults().failNextOperations(1); // Exoscale fails the create operation and rolls it back
            bed.engine.runDueJobs(10);
            assertTrue(bed.instancesOf(id).isEmpty());
            assertTrue(bed.engine.get(id).lastError() != null, "the failure is recorded");
            bed.converge(id, WorkspaceState.RUNNING, 30);
            assertEquals(1, bed.instancesOf(id).size());
            assertEquals(bed.instancesOf(id).get(0).id(), bed.engine.get(id).instanceId());
            assertEquals(2, bed.sim.callCount("POST", "/instance") - 1, "bob's VM was created twice, kept once");
        }
    }

    /** Stands for the process dying: not a RuntimeException, so nothing in the engine catches it. */
    static final class ProcessKilled extends Error {
        ProcessKilled() {
            super("process killed", null, false, false);
        }
    }

    /** A driver whose process dies right after a converge step did its work, before the engine writes it down. */
    static UnaryOperator<WorkspaceDriver> crashing(AtomicInteger crashes) {
        return d -> new WorkspaceDriver() {
            @Override
            public WorkspaceKind kind() {
                return d.kind();
            }

            @Override
            public Convergence converge(Workspace w) {
                Convergence step = d.converge(w);
                if (crashes.getAndDecrement() > 0) {
                    throw new ProcessKilled();
                }
                return step;
            }

            @Override
            public Optional<String> accessPassword(Workspace w) {
                return d.accessPassword(w);
            }
        };
    }

    static void convergeAll(VmTestBed bed, List<UUID> ids, WorkspaceState until) {
        for (int round = 0; round < 300; round++) {
            bed.engine.runDueJobs(50);
            boolean all = true;
            for (UUID id : ids) {
                Workspace w = bed.engine.get(id);
                assertTrue(w.state() != WorkspaceState.FAILED, "failed: " + w);
                all &= w.state() == until && w.converged();
            }
            if (all) {
                return;
            }
            bed.sim.advance(Duration.ofSeconds(15));
        }
        throw new AssertionError("not all " + until + ": " + ids.stream().map(bed.engine::get).toList());
    }

    static void assertOneInstancePerWorkspace(VmTestBed bed, List<UUID> ids, String state) {
        for (UUID id : ids) {
            List<SimulatedInstance> mine = bed.instancesOf(id);
            assertEquals(1, mine.size(), id + ": " + mine);
            assertEquals(state, mine.get(0).state());
            Workspace w = bed.engine.get(id);
            assertEquals(mine.get(0).id(), w.instanceId());
            assertEquals(mine.get(0).publicIp(), w.publicIp());
        }
        assertEquals(ids.size(), bed.sim.instances(VmTestBed.ZONE).size());
    }
}
