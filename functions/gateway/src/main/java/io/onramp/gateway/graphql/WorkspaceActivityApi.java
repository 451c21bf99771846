package io.onramp.gateway.graphql;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Source;

import io.onramp.core.activity.ActivityRecord;
import io.onramp.core.activity.ActivityStore;
import io.onramp.edge.workspace.WorkspaceView;

/**
 * {@code Workspace.lastActivityAt}: what the idle check last saw of the workspace's IDE. Resolved for a whole list
 * of workspaces with one query; the workspaces themselves were already checked for access by the field that returned
 * them.
 */
@GraphQLApi
public class WorkspaceActivityApi {

    private final ActivityStore activity;

    public WorkspaceActivityApi(ActivityStore activity) {
        this.activity = activity;
    }

    @Description("The last sign of use Onramp saw in the workspace's IDE (code-server's heartbeat), checked by the "
            + "idle pause; null until one was seen.")
    public List<Instant> lastActivityAt(@Source List<WorkspaceView> workspaces) {
        Map<UUID, ActivityRecord> known = activity.find(workspaces.stream().map(w -> UUID.fromString(w.id())).toList());
        return workspaces.stream().map(w -> {
            ActivityRecord r = known.get(UUID.fromString(w.id()));
            return r == null ? null : r.lastActivityAt();
        }).toList();
    }
}
