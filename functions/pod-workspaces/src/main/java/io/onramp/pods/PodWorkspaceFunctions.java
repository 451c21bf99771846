package io.onramp.pods;

import io.onramp.edge.auth.Callers;
import io.onramp.edge.workspace.WorkspaceView;
import io.quarkus.funqy.Funq;

/** {@code POST /createPodWorkspace}: the pod function's own route; the shared operations live in the edge module. */
public class PodWorkspaceFunctions {

    private final PodWorkspaces pods;
    private final IsolationReports isolation;
    private final Callers callers;

    public PodWorkspaceFunctions(PodWorkspaces pods, IsolationReports isolation, Callers callers) {
        this.pods = pods;
        this.isolation = isolation;
        this.callers = callers;
    }

    /** Admins: {@code POST /isolationReport} with {@code {"owner": "alice"}}. */
    @Funq
    public IsolationReportView isolationReport(io.onramp.edge.workspace.WorkspaceRequests.ByOwner request) {
        return isolation.report(callers.current(), request == null ? null : request.owner);
    }

    @Funq
    public WorkspaceView createPodWorkspace(CreatePodWorkspaceInput input) {
        return WorkspaceView.of(pods.create(callers.current(), input).workspace());
    }
}
