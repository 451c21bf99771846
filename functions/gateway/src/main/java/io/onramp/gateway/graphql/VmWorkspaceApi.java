package io.onramp.gateway.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.edge.auth.Callers;
import io.onramp.edge.split.RemoteFunctions;
import io.onramp.edge.workspace.WorkspaceView;
import io.onramp.vms.CreateVmWorkspaceInput;
import io.onramp.vms.VmWorkspaceFunctions;
import io.onramp.vms.VmWorkspaces;

/** VM workspaces: an Exoscale instance per developer, bootstrapped with Docker, kind, kubectl and code-server. */
@GraphQLApi
public class VmWorkspaceApi {

    private final VmWorkspaces vms;
    private final Callers callers;
    private final RemoteFunctions remote;

    public VmWorkspaceApi(VmWorkspaces vms, Callers callers, RemoteFunctions remote) {
        this.vms = vms;
        this.callers = callers;
        this.remote = remote;
    }

    @Mutation
    @NonNull
    @Description("Create a VM workspace. Returns at once (PROVISIONING); Exoscale operations take minutes, poll "
            + "workspace(id) until RUNNING. Pause stops the VM, resume starts it, delete destroys it.")
    public WorkspaceView createVmWorkspace(@NonNull CreateVmWorkspaceInput input) {
        return VmWorkspaceFunctions.create(vms, remote, callers, input);
    }
}
