package io.onramp.edge.workspace;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.page.Page;
import io.onramp.core.workspace.Onboarding;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.core.workspace.Workspaces;
import io.onramp.edge.auth.Callers;
import io.onramp.edge.platform.PageInfo;
import io.onramp.edge.split.RemoteFunctions;

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
    private final RemoteFunctions remote;

    public WorkspaceOperations(Workspaces workspaces, Onboarding onboarding, WorkspaceEvents events, Callers callers,
            RemoteFunctions remote) {
        this.workspaces = workspaces;
        this.onboarding = onboarding;
        this.events = events;
        this.callers = callers;
        this.remote = remote;
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

    /**
     * The IDE password lives with the workspace's function (a pod workspace's in a Secret of its namespace, a VM's
     * encrypted under a key only the vms function holds): in a split deployment the call goes there.
     */
    public AccessPassword revealAccessPassword(String id) {
        Optional<WorkspaceKind> kind = workspaces.kindOf(id);
        if (kind.isPresent() && remote.isRemote(kind.get().group())) {
            WorkspaceRequests.ById request = new WorkspaceRequests.ById();
            request.id = id;
            return remote.call(kind.get().group(), "revealAccessPassword", request, AccessPassword.class);
        }
        String password = workspaces.revealAccessPassword(callers.current(), id);
        return new AccessPassword(id, password);
    }

    public List<WorkspaceView> offboard(String owner) {
        return workspaces.offboard(callers.current(), owner).stream().map(WorkspaceView::of).toList();
    }

    /**
     * A VM cohort is created by the vms function (each create checks the Exoscale credentials and seals a password
     * with the vms key); a pod cohort is only validated and recorded, here.
     */
    public List<OnboardingResultView> onboard(List<String> owners, WorkspaceKind kind, String lab) {
        if (kind == WorkspaceKind.VM && remote.isRemote(FunctionGroup.VMS)) {
            WorkspaceRequests.Cohort cohort = new WorkspaceRequests.Cohort();
            cohort.owners = owners;
            cohort.kind = kind;
            cohort.lab = lab;
            return remote.call(FunctionGroup.VMS, "onboard", cohort, new TypeReference<List<OnboardingResultView>>() {
            });
        }
        return onboarding.onboard(callers.current(), owners, kind, lab).stream().map(OnboardingResultView::of).toList();
    }
}
