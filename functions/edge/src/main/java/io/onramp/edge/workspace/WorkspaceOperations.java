package io.onramp.edge.workspace;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.page.Page;
import io.onramp.core.workspace.Onboarding;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.core.workspace.Workspaces;
import io.onramp.edge.auth.Callers;
import io.onramp.edge.platform.PageInfo;

/**
 * The workspace operations shared by every kind, for the current HTTP caller: what both the GraphQL resolvers and
 * the function routes call, so both apply the same checks.
 */
@ApplicationScoped
public class WorkspaceOperations {

    private final Workspaces workspaces;
    private final Onboarding onboarding;
    private final WorkspaceEvents events;
    private final Callers callers;

    public WorkspaceOperations(Workspaces workspaces, Onboarding onboarding, WorkspaceEvents events, Callers callers) {
        this.workspaces = workspaces;
        this.onboarding = onboarding;
        this.events = events;
        this.callers = callers;
    }

    /** The workspace's events, newest first (owner, admin, or Coder's hooks for linked workspaces). */
    public List<WorkspaceEventView> events(String id) {
        Workspace w = workspaces.get(callers.current(), id);
        return events.forWorkspace(w.id(), 100).stream().map(WorkspaceEventView::of).toList();
    }

    public WorkspaceView workspace(String id) {
        return WorkspaceView.of(workspaces.get(callers.current(), id));
    }

    public WorkspacePage workspaces(String owner, WorkspaceState state, WorkspaceKind kind, Integer first, String after) {
        Page<Workspace> page = workspaces.list(callers.current(), owner, state, kind, first, after);
        return new WorkspacePage(page.items().stream().map(WorkspaceView::of).toList(),
                new PageInfo(page.endCursor(), page.hasNextPage()));
    }

    public WorkspaceView pause(String id) {
        return WorkspaceView.of(workspaces.pause(callers.current(), id));
    }

    public WorkspaceView resume(String id) {
        return WorkspaceView.of(workspaces.resume(callers.current(), id));
    }

    public WorkspaceView delete(String id) {
        return WorkspaceView.of(workspaces.delete(callers.current(), id));
    }

    public AccessPassword revealAccessPassword(String id) {
        String password = workspaces.revealAccessPassword(callers.current(), id);
        return new AccessPassword(id, password);
    }

    public List<WorkspaceView> offboard(String owner) {
        return workspaces.offboard(callers.current(), owner).stream().map(WorkspaceView::of).toList();
    }

    public List<OnboardingResultView> onboard(List<String> owners, WorkspaceKind kind, String lab) {
        return onboarding.onboard(callers.current(), owners, kind, lab).stream().map(OnboardingResultView::of).toList();
    }
}
