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
import io.onramp.labs.api.ExamOperations;
import io.onramp.labs.api.ExamViews.CohortView;
import io.onramp.labs.api.ExamViews.ExamView;
import io.onramp.labs.api.LabOperations;
import io.onramp.labs.api.StartExamInput;
import io.onramp.labs.api.LabViews.LabView;
import io.onramp.labs.api.LabViews.ProgressView;
import io.onramp.labs.api.LabViews.StartView;
import io.onramp.labs.api.LabViews.TaskResultView;
import io.onramp.labs.api.LabViews.TourView;

/** CKAD-style labs: the catalog, CodeTour guides, grading against the workspace, progress, cohorts and exams. */
@GraphQLApi
public class LabApi {

    private final LabOperations labs;
    private final ExamOperations exams;
    private final Callers callers;

    public LabApi(LabOperations labs, ExamOperations exams, Callers callers) {
        this.labs = labs;
        this.exams = exams;
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
    @Description("Grade one task against the workspace's namespace; stored as progress with the lab's version. "
            + "While an exam runs on the workspace: no hints, not stored as progress, no effect on the exam's score "
            + "(examId is set). After an exam's deadline the exam is graded and closed first.")
    public TaskResultView checkTask(@NonNull @Id String workspaceId, @NonNull String labId, @NonNull String taskId) {
        return labs.checkTask(callers.current(), workspaceId, labId, taskId);
    }

    @Query
    @NonNull
    @Description("Best score, attempts and last check per lab and task. Developers see their own; admins anyone's "
            + "(omit owner for everyone: the instructor view), or a cohort's.")
    public List<@NonNull ProgressView> labProgress(String owner, String cohort) {
        return labs.progress(callers.current(), owner, cohort);
    }

    @Query
    @NonNull
    @Description("Admins: progress as CSV, of everyone, one developer (owner) or a cohort.")
    public String labProgressCsv(String owner, String cohort) {
        return labs.progressCsv(callers.current(), owner, cohort);
    }

    @Mutation("setCohort") // named explicitly: SmallRye would drop the "set" prefix
    @NonNull
    @Description("Admins: make owners exactly the members of the cohort (they leave any other cohort; an empty list "
            + "dissolves it). Safe to repeat.")
    public CohortView setCohort(@NonNull String name, @NonNull List<@NonNull String> owners) {
        return labs.setCohort(callers.current(), name, owners);
    }

    @Query
    @NonNull
    @Description("Admins: the cohorts and their members.")
    public List<@NonNull CohortView> cohorts() {
        return labs.cohorts(callers.current());
    }

    @Mutation
    @NonNull
    @Description("Start a timed exam in a running pod workspace: the namespace is reset (the developer's objects go; "
            + "guardrails and the IDE stay), the labs' starters are applied, hints are hidden until it closes. "
            + "The same request while it is open returns the same exam; other labs or minutes are a CONFLICT.")
    public ExamView startExam(@NonNull StartExamInput input) {
        return exams.startExam(callers.current(), input);
    }

    @Mutation
    @NonNull
    @Description("Hand in an exam: every task is graded once against the namespace as it is and the exam closes. "
            + "Submitting a closed exam returns its report.")
    public ExamView submitExam(@NonNull @Id String examId) {
        return exams.submitExam(callers.current(), examId);
    }

    @Query
    @NonNull
    @Description("An exam and, once closed, its report. Its owner and admins only.")
    public ExamView exam(@NonNull @Id String id) {
        return exams.exam(callers.current(), id);
    }

    @Query
    @NonNull
    @Description("Exams, newest first: developers see their own; admins anyone's (omit owner for everyone's).")
    public List<@NonNull ExamView> exams(String owner) {
        return exams.exams(callers.current(), owner);
    }
}
