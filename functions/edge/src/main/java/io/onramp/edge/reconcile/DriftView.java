package io.onramp.edge.reconcile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.core.reconcile.Drift;
import io.onramp.core.reconcile.DriftType;
import io.onramp.core.reconcile.Remedy;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;

/** One difference a reconcile found and what it did about it, as admins see it. */
@Name("Drift")
@Description("A difference between what a function owns (namespaces, VMs) and the database, and what was done.")
public record DriftView(
        @NonNull WorkspaceKind kind,
        @Id @Description("The workspace concerned; for an orphan, the workspace its label names.") String workspaceId,
        String owner,
        @NonNull @Description("What drifted, e.g. 'NetworkPolicy onramp-alice/onramp-default-deny'.") String resource,
        @NonNull DriftType type,
        @NonNull String detail,
        @NonNull @Description("How it is repaired; orphans only with deleteOrphans and not dryRun.") Remedy remedy,
        @Description("The state recorded for the workspace by the repair, if any.") WorkspaceState correctedState,
        @Description("Whether it was repaired (or the orphan deleted) by this run.") boolean repaired,
        @NonNull @Description("What was done, or in a dry run what would be done.") String action) {

    public static DriftView of(Drift d) {
        return new DriftView(d.kind(), d.workspaceId() == null ? null : d.workspaceId().toString(), d.owner(),
                d.resource(), d.type(), d.detail(), d.remedy(), d.correctedState(), d.repaired(),
                d.action() == null ? "" : d.action());
    }
}
