package io.onramp.pods;

import io.onramp.edge.auth.Callers;
import io.onramp.edge.workspace.WorkspaceView;
import io.quarkus.funqy.Funq;

/** {@code POST /createPodWorkspace}: the pod function's own route; the shared operations live in the edge module. */
public class PodWorkspaceFunctions {

    private final PodWorkspaces pods;
    private final Callers callers;

    public PodWorkspaceFunctions(PodWorkspaces pods, Callers callers) {
        this.pods = pods;
        this.callers = callers;
    }

    @Funq
    public WorkspaceView createPodWorkspace(CreatePodWorkspaceInput input) {
        return WorkspaceView.of(pods.create(callers.current(), input).workspace());
    }
}
