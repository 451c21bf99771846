package io.onramp.core.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.onramp.core.testing.ManualEngine;
import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.testing.MutableClock;
import io.onramp.core.testing.TestDataSource;

/**
 * Split mode's job ownership against a real PostgreSQL: a process claims only the jobs of the kinds whose group it
 * serves, and the {@code pods.jobs} / {@code vms.jobs} duties drain exactly their kind.
 */
class SplitClaimTest {

    DataSource db;
    MutableClock clock;
    ScriptedDriver pods;
    KindDriver vms;

    @BeforeEach
    void setUp() {
        db = TestDataSource.migrated();
        TestDataSource.truncateWorkspaces();
        clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        pods = new ScriptedDriver();
        vms = new KindDriver(WorkspaceKind.VM);
    }

    WorkspaceEngine engine(Set<WorkspaceKind> served) {
        return new WorkspaceEngine(db, new WorkspaceStore(), new JobQueue(), ManualEngine.of(3).withConcurrency(4),
                clock, List.of(pods, vms), served);
    }

    static NewWorkspace vm(String owner) {
        return new NewWorkspace(WorkspaceKind.VM, owner, null, null, null, null, "ch-gva-2", Map.of(), false);
    }

    @Test
    void aProcessClaimsOnlyTheKindsItServes() {
        WorkspaceEngine gateway = engine(EnumSet.noneOf(WorkspaceKind.class));
        UUID pod = gateway.create(WorkspaceEngineTest.pod("ann"), "ann", null, null).workspace().id();
        UUID vm = gateway.create(vm("ann"), "ann", null, null).workspace().id();

        assertEquals(List.of(), gateway.claimDueJobs(10), "the gateway records jobs but never runs them");
        assertEquals(0, gateway.drain(5));

        WorkspaceEngine podsFunction = engine(EnumSet.of(WorkspaceKind.POD));
        assertEquals(1, podsFunction.drain(5));
        assertEquals(WorkspaceState.RUNNING, podsFunction.get(pod).state());
        assertEquals(WorkspaceState.PROVISIONING, podsFunction.get(vm).state(), "a VM job is not the pods function's");
        assertTrue(vms.calls.isEmpty());
        assertEquals(List.of(), podsFunction.claimDueJobs(10, EnumSet.of(WorkspaceKind.VM)),
                "asking for a kind it does not serve claims nothing");

        WorkspaceEngine vmsFunction = engine(EnumSet.of(WorkspaceKind.VM));
        assertEquals(1, vmsFunction.drain(5));
        assertEquals(WorkspaceState.RUNNING, vmsFunction.get(vm).state());
    }

    @Test
    void theJobDutiesDrainTheirKindAndAreNamedForTheirGroup() {
        WorkspaceEngine all = engine(EnumSet.allOf(WorkspaceKind.class));
        DueJobsDuty podJobs = new DueJobsDuty.PodJobs(all);
        DueJobsDuty vmJobs = new DueJobsDuty.VmJobs(all);
        assertEquals("pods.jobs", podJobs.name());
        assertEquals(FunctionGroup.PODS, podJobs.group());
        assertEquals("vms.jobs", vmJobs.name());
        assertEquals(FunctionGroup.VMS, vmJobs.group());

        UUID a = all.create(WorkspaceEngineTest.pod("bea"), "bea", null, null).workspace().id();
        UUID b = all.create(WorkspaceEngineTest.pod("cid"), "cid", null, null).workspace().id();
        UUID v = all.create(vm("bea"), "bea", null, null).workspace().id();

        DutyReport report = podJobs.run(clock.instant());
        assertEquals(2, report.acted());
        assertEquals(WorkspaceState.RUNNING, all.get(a).state());
        assertEquals(WorkspaceState.RUNNING, all.get(b).state());
        assertEquals(WorkspaceState.PROVISIONING, all.get(v).state());
        assertEquals(0, podJobs.run(clock.instant()).acted(), "nothing due: nothing done");

        assertEquals(1, vmJobs.run(clock.instant()).acted());
        assertEquals(WorkspaceState.RUNNING, all.get(v).state());
    }

    @Test
    void workListenersHearTheKindOfEveryRecordedChange() {
        WorkspaceEngine gateway = engine(EnumSet.noneOf(WorkspaceKind.class));
        List<WorkspaceKind> heard = new ArrayList<>();
        gateway.onWorkFor(heard::add);
        UUID pod = gateway.create(WorkspaceEngineTest.pod("dan"), "dan", null, null).workspace().id();
        gateway.create(vm("dan"), "dan", null, null);
        gateway.pause(pod);
        assertEquals(List.of(WorkspaceKind.POD, WorkspaceKind.VM, WorkspaceKind.POD), heard);
    }

    /** A driver of another kind that reaches every desired state in one step. */
    static final class KindDriver implements WorkspaceDriver {
        final WorkspaceKind kind;
        final List<UUID> calls = new ArrayList<>();

        KindDriver(WorkspaceKind kind) {
            this.kind = kind;
        }

        @Override
        public WorkspaceKind kind() {
            return kind;
        }

        @Override
        public Convergence converge(Workspace w) {
            calls.add(w.id());
            return Convergence.reached(switch (w.desiredState()) {
                case RUNNING -> WorkspaceState.RUNNING;
                case PAUSED -> WorkspaceState.PAUSED;
                case DELETED -> WorkspaceState.DELETED;
            });
        }
    }
}
