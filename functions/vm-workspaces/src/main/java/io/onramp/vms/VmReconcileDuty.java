package io.onramp.vms;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.reconcile.ReconcileService;
import io.onramp.core.schedule.Duty;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.workspace.WorkspaceKind;

/**
 * {@code vms.reconcile}: every 5 minutes, repairs the safe drift of VM workspaces; never deletes orphans. Does
 * nothing where Exoscale is not configured.
 */
@ApplicationScoped
public class VmReconcileDuty implements Duty {

    static final String NAME = "vms.reconcile";

    private final ReconcileService reconcile;
    private final ExoscaleAccess exoscale;

    public VmReconcileDuty(ReconcileService reconcile, ExoscaleAccess exoscale) {
        this.reconcile = reconcile;
        this.exoscale = exoscale;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionGroup group() {
        return FunctionGroup.VMS;
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(5);
    }

    @Override
    public DutyReport run(Instant now) {
        if (!exoscale.configured()) {
            return DutyReport.nothing(NAME);
        }
        return reconcile.scheduled(WorkspaceKind.VM, NAME);
    }
}
