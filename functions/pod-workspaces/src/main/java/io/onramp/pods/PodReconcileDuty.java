package io.onramp.pods;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.reconcile.ReconcileService;
import io.onramp.core.schedule.Duty;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.workspace.WorkspaceKind;

/** {@code pods.reconcile}: every 5 minutes, repairs the safe drift of pod workspaces; never deletes orphans. */
@ApplicationScoped
public class PodReconcileDuty implements Duty {

    static final String NAME = "pods.reconcile";

    private final ReconcileService reconcile;

    public PodReconcileDuty(ReconcileService reconcile) {
        this.reconcile = reconcile;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionGroup group() {
        return FunctionGroup.PODS;
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(5);
    }

    @Override
    public DutyReport run(Instant now) {
        return reconcile.scheduled(WorkspaceKind.POD, NAME);
    }
}
