package io.onramp.labs.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.auth.Caller;
import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.error.OnrampException;
import io.onramp.labs.LabService;
import io.onramp.labs.api.ExamViews.ExamView;
import io.onramp.labs.exam.Exam;
import io.onramp.labs.exam.ExamService;
import io.onramp.edge.split.RemoteFunctions;

/**
 * The exam operations for a caller, shared by GraphQL and the function routes: start and submit in one's own
 * running pod workspace; reports for their owner and admins only ({@link ExamService} applies the checks).
 */
@ApplicationScoped
public class ExamOperations {

    private final ExamService exams;
    private final LabService labs;
    private final RemoteFunctions remote;

    public ExamOperations(ExamService exams, LabService labs, RemoteFunctions remote) {
        this.exams = exams;
        this.labs = labs;
        this.remote = remote;
    }

    /** Start and submit reset and grade the developer's namespace: in a split deployment the labs function does it. */
    private boolean labsElsewhere() {
        return remote.isRemote(FunctionGroup.LABS);
    }

    public ExamView startExam(Caller caller, StartExamInput input) {
        if (input == null) {
            throw OnrampException.badInput("Give the exam: {labIds, workspaceId, minutes}.");
        }
        if (labsElsewhere()) {
            return remote.call(FunctionGroup.LABS, "startExam", input, ExamView.class);
        }
        return view(exams.start(caller, input.labIds, input.workspaceId, input.minutes));
    }

    public ExamView submitExam(Caller caller, String examId) {
        if (labsElsewhere()) {
            LabFunctions.ExamRequest request = new LabFunctions.ExamRequest();
            request.examId = examId;
            return remote.call(FunctionGroup.LABS, "submitExam", request, ExamView.class);
        }
        return view(exams.submit(caller, examId));
    }

    public ExamView exam(Caller caller, String examId) {
        return view(exams.get(caller, examId));
    }

    public List<ExamView> exams(Caller caller, String owner) {
        return exams.list(caller, owner).stream().map(this::view).toList();
    }

    private ExamView view(Exam e) {
        return ExamView.of(e, labs, exams.now());
    }
}
