package io.onramp.gateway.graphql;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.edge.reconcile.DriftReportView;
import io.onramp.edge.reconcile.ReconcileOperations;

/** Admins: drift between what the functions own and the database, and reconciling it. */
@GraphQLApi
public class ReconcileApi {

    private final ReconcileOperations operations;

    public ReconcileApi(ReconcileOperations operations) {
        this.operations = operations;
    }

    @Query
    @NonNull
    @Description("Admins: the last reconcile report of a kind (from the scheduled duty or a reconcile), or with "
            + "fresh: true (or when there is none yet) a new dry run.")
    public DriftReportView drift(@NonNull WorkspaceKind kind, @DefaultValue("false") Boolean fresh) {
        return operations.drift(kind, fresh);
    }

    @Mutation
    @NonNull
    @Description("Admins: compare a kind's namespaces or VMs with the database and repair what is safe. A dry run "
            + "(the default) changes nothing; orphans are deleted only with deleteOrphans: true and dryRun: false. "
            + "Every repair and deletion is audited; safe to repeat.")
    public DriftReportView reconcile(@NonNull ReconcileInput input) {
        return operations.reconcile(input.kind, input.dryRun, input.deleteOrphans);
    }

    /** What to reconcile and how far to go. */
    @Input("ReconcileInput")
    public static class ReconcileInput {
        @NonNull
        public WorkspaceKind kind;
        @DefaultValue("true")
        public Boolean dryRun;
        @DefaultValue("false")
        public Boolean deleteOrphans;
    }
}
