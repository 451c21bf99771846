package io.onramp.vms;

import io.onramp.core.deploy.FunctionGroup;
import io.onramp.edge.auth.Callers;
import io.onramp.edge.split.RemoteFunctions;
import io.onramp.edge.workspace.WorkspaceView;
import io.quarkus.funqy.Funq;

/** {@code POST /createVmWorkspace}: the VM function's own route; the shared operations live in the edge module. */
public class VmWorkspaceFunctions {

    private final VmWorkspaces vms;
    private final Callers callers;
    private final RemoteFunctions remote;

    public VmWorkspaceFunctions(VmWorkspaces vms, Callers callers, RemoteFunctions remote) {
        this.vms = vms;
        this.callers = callers;
        this.remote = remote;
    }

    @Funq
    public WorkspaceView createVmWorkspace(CreateVmWorkspaceInput input) {
        return create(vms, remote, callers, input);
    }

    /**
     * Creating a VM workspace checks the Exoscale credentials and seals its password with the vms key: in a split
     * deployment only the vms function holds both, so the call goes there. GraphQL and this route both come here.
     */
    public static WorkspaceView create(VmWorkspaces vms, RemoteFunctions remote, Callers callers,
            CreateVmWorkspaceInput input) {
        if (remote.isRemote(FunctionGroup.VMS)) {
            return remote.call(FunctionGroup.VMS, "createVmWorkspace", input, WorkspaceView.class);
        }
        return WorkspaceView.of(vms.create(callers.current(), input).workspace());
    }
}
