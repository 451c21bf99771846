package io.onramp.vms;

import io.onramp.edge.auth.Callers;
import io.onramp.edge.workspace.WorkspaceView;
import io.quarkus.funqy.Funq;

/** {@code POST /createVmWorkspace}: the VM function's own route; the shared operations live in the edge module. */
public class VmWorkspaceFunctions {

    private final VmWorkspaces vms;
    private final Callers callers;

    public VmWorkspaceFunctions(VmWorkspaces vms, Callers callers) {
        this.vms = vms;
        this.callers = callers;
    }

    @Funq
    public WorkspaceView createVmWorkspace(CreateVmWorkspaceInput input) {
        return WorkspaceView.of(vms.create(callers.current(), input).workspace());
    }
}
