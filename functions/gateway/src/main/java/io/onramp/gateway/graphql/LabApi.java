package io.onramp.gateway.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.onramp.edge.auth.Callers;
import io.onramp.labs.Domain;
import io.onramp.labs.Level;
import io.onramp.labs.api.LabOperations;
import io.onramp.labs.api.LabViews.LabView;
import io.onramp.labs.api.LabViews.ProgressView;
import io.onramp.labs.api.LabViews.StartView;
import io.onramp.labs.api.LabViews.TaskResultView;
import io.onramp.labs.api.LabViews.TourView;

/** CKAD-style labs: the catalog, CodeTour guides, grading against the workspace, and progress. */
@GraphQLApi
public class LabApi {

    private final LabOperations labs;
    private final Callers callers;

    public LabApi(LabOperations labs, Callers callers) {
        this.labs = labs;
        this.callers = callers;
    }

    @Query
    @NonNull
    @Description("The lab catalog, optionally by CKAD domain and level.")
    public List<@NonNull LabView> labs(Domain domain, Level level) {
        return labs.labs(callers.current(), domain, level);
    }

    @Query
    @NonNull
    public LabView lab(@NonNull String id) {
        return labs.lab(callers.current(), id);
    }

    @Query
    @NonNull
    @Description("A lab's CodeTour guide by name, file name or title.")
    public TourView tour(@NonNull String labId, @NonNull String name) {
        return labs.tour(callers.current(), labId, name);
    }

    @Mutation
    @NonNull
    @Description("Start a lab in a running pod workspace: records the start and creates the lab's starter objects "
            + "(existing objects are left alone, so starting again is safe).")
    public StartView startLab(@NonNull String labId, @NonNull @Id String workspaceId) {
        return labs.startLab(callers.current(), labId, workspaceId);
    }

    @Mutation
    @NonNull
    @Description("Grade one task against the workspace's namespace; stored as progress with the lab's version.")
    public TaskResultView checkTask(@NonNull @Id String workspaceId, @NonNull String labId, @NonNull String taskId) {
        return labs.checkTask(callers.current(), workspaceId, labId, taskId);
    }

    @Query
    @NonNull
    @Description("Best score, attempts and last check per lab and task. Developers see their own; admins anyone's "
            + "(omit owner for everyone: the instructor view).")
    public List<@NonNull ProgressView> labProgress(String owner) {
        return labs.progress(callers.current(), owner);
    }

    @Query
    @NonNull
    @Description("Admins: everyone's progress as CSV.")
    public String labProgressCsv() {
        return labs.progressCsv(callers.current());
    }
}
