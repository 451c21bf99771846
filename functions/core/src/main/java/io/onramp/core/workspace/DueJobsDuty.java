package io.onramp.core.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.schedule.Duty;
import io.onramp.core.schedule.DutyReport;

/**
 * Drains the due converge jobs of one workspace kind: what a PingSource (or the split gateway's wake-up call) asks
 * the kind's function to do, since a function scaled to zero runs no background worker. Runs rounds of claims until
 * nothing is due or the time budget is spent; jobs left over wait for the next run or the in-process worker.
 */
public abstract class DueJobsDuty implements Duty {

    static final int BATCH = 20;
    static final int MAX_ROUNDS = 50;
    /** Wall time one run may take: well inside Knative's request timeout (300 s by default). */
    static final Duration BUDGET = Duration.ofSeconds(50);

    private final WorkspaceEngine engine;
    private final WorkspaceKind kind;

    protected DueJobsDuty(WorkspaceEngine engine, WorkspaceKind kind) {
        this.engine = engine;
        this.kind = kind;
    }

    /** {@code pods.jobs} for POD, {@code vms.jobs} for VM. */
    public static String nameFor(WorkspaceKind kind) {
        return kind.group().name().toLowerCase(java.util.Locale.ROOT) + ".jobs";
    }

    @Override
    public String name() {
        return nameFor(kind);
    }

    @Override
    public FunctionGroup group() {
        return kind.group();
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public DutyReport run(Instant now) {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int ran = 0;
        int rounds = 0;
        while (rounds < MAX_ROUNDS && System.nanoTime() - deadline < 0) {
            int round = engine.runDueJobs(BATCH, kind);
            if (round == 0) {
                break;
            }
            ran += round;
            rounds++;
        }
        return new DutyReport(name(), ran, ran, ran == 0 ? List.of()
                : List.of(ran + " converge step(s) of " + kind + " workspaces in " + rounds + " round(s)"));
    }

    /** {@code pods.jobs}: the pod workspaces' converge steps, run by the pods function. */
    @jakarta.inject.Singleton
    public static class PodJobs extends DueJobsDuty {
        public PodJobs(WorkspaceEngine engine) {
            super(engine, WorkspaceKind.POD);
        }
    }

    /** {@code vms.jobs}: the VM workspaces' converge steps, run by the vms function (the holder of the Exoscale keys). */
    @jakarta.inject.Singleton
    public static class VmJobs extends DueJobsDuty {
        public VmJobs(WorkspaceEngine engine) {
            super(engine, WorkspaceKind.VM);
        }
    }
}
