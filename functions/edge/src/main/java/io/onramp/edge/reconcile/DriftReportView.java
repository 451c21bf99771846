package io.onramp.edge.reconcile;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.core.reconcile.DriftReport;
import io.onramp.core.reconcile.ReconcileTrigger;
import io.onramp.core.workspace.WorkspaceKind;

/** One reconcile run of one kind of workspaces. */
@Name("DriftReport")
@Description("What a reconcile of one kind of workspaces found and did.")
public record DriftReportView(
        @NonNull WorkspaceKind kind,
        @NonNull Instant at,
        @NonNull @Description("SCHEDULE (the duty), ADMIN (the reconcile mutation) or QUERY (drift with fresh).")
        ReconcileTrigger trigger,
        @NonNull @Description("The admin who ran it, or duty:<name>.") String actor,
        boolean dryRun,
        boolean deleteOrphans,
        @Description("Workspaces and resources looked at.") int examined,
        @Description("Drifts repaired by this run, deleted orphans included.") int repaired,
        @Description("Orphans deleted by this run.") int deleted,
        @NonNull List<@NonNull DriftView> drifts) {

    public static DriftReportView of(DriftReport r) {
        return new DriftReportView(r.kind(), r.at(), r.trigger(), r.actor(), r.dryRun(), r.deleteOrphans(),
                r.examined(), r.repaired(), r.deleted(), r.drifts().stream().map(DriftView::of).toList());
    }
}
