package io.onramp.gateway.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.edge.workspace.AccessPassword;
import io.onramp.edge.workspace.OnboardingResultView;
import io.onramp.edge.workspace.WorkspaceEventView;
import io.onramp.edge.workspace.WorkspaceOperations;
import io.onramp.edge.workspace.WorkspacePage;
import io.onramp.edge.workspace.WorkspaceView;

/** The workspace operations shared by every kind. Mutations record the desired state and return at once. */
@GraphQLApi
public class WorkspaceApi {

    private final WorkspaceOperations operations;

    public WorkspaceApi(WorkspaceOperations operations) {
        this.operations = operations;
    }

    @Query
    @NonNull
    @Description("One workspace (its owner, an admin, or Coder's hooks for linked workspaces).")
    public WorkspaceView workspace(@NonNull @Id String id) {
        return operations.workspace(id);
    }

    @Query
    @NonNull
    @Description("Workspaces, oldest first. Developers see their own; admins everyone's (filter with owner). "
            + "Deleted workspaces show only when state: DELETED is asked for.")
    public WorkspacePage workspaces(String owner, WorkspaceState state, WorkspaceKind kind, Integer first, String after) {
        return operations.workspaces(owner, state, kind, first, after);
    }

    @Query
    @NonNull
    @Description("What happened to a workspace (Coder warnings such as out of disk or marked for deletion), newest first.")
    public List<@NonNull WorkspaceEventView> workspaceEvents(@NonNull @Id String workspaceId) {
        return operations.events(workspaceId);
    }

    @Mutation
    @NonNull
    @Description("Pause: pods scale to zero keeping the home volume; VMs stop. Idempotent.")
    public WorkspaceView pauseWorkspace(@NonNull @Id String id) {
        return operations.pause(id);
    }

    @Mutation
    @NonNull
    @Description("Resume a paused workspace (re-applies its guardrails). Idempotent; also retries a FAILED start.")
    public WorkspaceView resumeWorkspace(@NonNull @Id String id) {
        return operations.resume(id);
    }

    @Mutation
    @NonNull
    @Description("Delete a workspace and everything in it. Idempotent.")
    public WorkspaceView deleteWorkspace(@NonNull @Id String id) {
        return operations.delete(id);
    }

    @Mutation
    @NonNull
    @Description("The IDE password of a workspace (owner or admin). Audited; never part of list results.")
    public AccessPassword revealAccessPassword(@NonNull @Id String id) {
        return operations.revealAccessPassword(id);
    }

    @Mutation
    @NonNull
    @Description("Admins: create workspaces for a cohort; one result per owner, errors included. Safe to repeat.")
    public List<@NonNull OnboardingResultView> onboard(@NonNull OnboardInput input) {
        return operations.onboard(input.owners, input.kind, input.lab);
    }

    @Mutation
    @NonNull
    @Description("Admins: delete all of a developer's workspaces.")
    public List<@NonNull WorkspaceView> offboard(@NonNull String owner) {
        return operations.offboard(owner);
    }

    /** A cohort of new starters. */
    @Input("OnboardInput")
    public static class OnboardInput {
        @NonNull
        public List<@NonNull String> owners;
        @DefaultValue("POD")
        public WorkspaceKind kind;
        public String lab;
    }
}
