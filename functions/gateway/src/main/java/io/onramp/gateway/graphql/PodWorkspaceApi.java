package io.onramp.gateway.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.edge.auth.Callers;
import io.onramp.edge.workspace.WorkspaceView;
import io.onramp.pods.CreatePodWorkspaceInput;
import io.onramp.pods.PodWorkspaces;

/** Pod workspaces: one isolated namespace per developer, with code-server unless Coder brings its own IDE. */
@GraphQLApi
public class PodWorkspaceApi {

    private final PodWorkspaces pods;
    private final Callers callers;

    public PodWorkspaceApi(PodWorkspaces pods, Callers callers) {
        this.pods = pods;
        this.callers = callers;
    }

    @Mutation
    @NonNull
    @Description("Create the developer's pod workspace, or return the one they have. Returns at once (PROVISIONING); "
            + "poll workspace(id) until RUNNING.")
    public WorkspaceView createPodWorkspace(@NonNull CreatePodWorkspaceInput input) {
        return WorkspaceView.of(pods.create(callers.current(), input).workspace());
    }
}
