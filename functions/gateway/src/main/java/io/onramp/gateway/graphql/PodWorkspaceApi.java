package io.onramp.gateway.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.onramp.edge.auth.Callers;
import io.onramp.edge.workspace.WorkspaceView;
import io.onramp.pods.CreatePodWorkspaceInput;
import io.onramp.pods.IsolationReportView;
import io.onramp.pods.IsolationReports;
import io.onramp.pods.PodWorkspaces;

/** Pod workspaces: one isolated namespace per developer, with code-server unless Coder brings its own IDE. */
@GraphQLApi
public class PodWorkspaceApi {

    private final PodWorkspaces pods;
    private final IsolationReports isolation;
    private final Callers callers;

    public PodWorkspaceApi(PodWorkspaces pods, IsolationReports isolation, Callers callers) {
        this.pods = pods;
        this.isolation = isolation;
        this.callers = callers;
    }

    @Query
    @NonNull
    @Description("Admins: who the developer's pods can reach and who can reach them, computed from live objects.")
    public IsolationReportView isolationReport(@NonNull String owner) {
        return isolation.report(callers.current(), owner);
    }

    @Mutation
    @NonNull
    @Description("Create the developer's pod workspace, or return the one they have. Returns at once (PROVISIONING); "
            + "poll workspace(id) until RUNNING.")
    public WorkspaceView createPodWorkspace(@NonNull CreatePodWorkspaceInput input) {
        return WorkspaceView.of(pods.create(callers.current(), input).workspace());
    }
}
