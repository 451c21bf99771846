package io.onramp.edge.workspace;

import java.util.List;

import io.onramp.core.error.OnrampException;
import io.quarkus.funqy.Funq;

/**
 * The shared workspace operations as function routes ({@code POST /pauseWorkspace} with {@code {"id": "..."}}, ...).
 * Same service, same checks and same errors as GraphQL.
 */
public class WorkspaceFunctions {

    private final WorkspaceOperations operations;

    public WorkspaceFunctions(WorkspaceOperations operations) {
        this.operations = operations;
    }

    @Funq
    public WorkspaceView workspace(WorkspaceRequests.ById request) {
        return operations.workspace(id(request));
    }

    @Funq
    public List<WorkspaceEventView> workspaceEvents(WorkspaceRequests.ById request) {
        return operations.events(id(request));
    }

    @Funq
    public WorkspacePage workspaces(WorkspaceRequests.Filter filter) {
        WorkspaceRequests.Filter f = filter == null ? new WorkspaceRequests.Filter() : filter;
        return operations.workspaces(f.owner, f.state, f.kind, f.first, f.after);
    }

    @Funq
    public WorkspaceView pauseWorkspace(WorkspaceRequests.ById request) {
        return operations.pause(id(request));
    }

    @Funq
    public WorkspaceView resumeWorkspace(WorkspaceRequests.ById request) {
        return operations.resume(id(request));
    }

    @Funq
    public WorkspaceView deleteWorkspace(WorkspaceRequests.ById request) {
        return operations.delete(id(request));
    }

    @Funq
    public AccessPassword revealAccessPassword(WorkspaceRequests.ById request) {
        return operations.revealAccessPassword(id(request));
    }

    @Funq
    public List<WorkspaceView> offboard(WorkspaceRequests.ByOwner request) {
        return operations.offboard(request == null ? null : request.owner);
    }

    @Funq
    public List<OnboardingResultView> onboard(WorkspaceRequests.Cohort cohort) {
        if (cohort == null) {
            throw OnrampException.badInput("Send {\"owners\": [...], \"kind\": \"POD\", \"lab\": null}.");
        }
        return operations.onboard(cohort.owners, cohort.kind, cohort.lab);
    }

    private static String id(WorkspaceRequests.ById request) {
        if (request == null || request.id == null) {
            throw OnrampException.badInput("Send {\"id\": \"<workspace id>\"}.");
        }
        return request.id;
    }
}
