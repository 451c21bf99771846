package io.onramp.labs.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.auth.Caller;
import io.onramp.core.error.OnrampException;
import io.onramp.labs.LabService;
import io.onramp.labs.api.ExamViews.ExamView;
import io.onramp.labs.exam.Exam;
import io.onramp.labs.exam.ExamService;

/**
 * The exam operations for a caller, shared by GraphQL and the function routes: start and submit in one's own
 * running pod workspace; reports for their owner and admins only ({@link ExamService} applies the checks).
 */
@ApplicationScoped
public class ExamOperations {

    private final ExamService exams;
    private final LabService labs;

    public ExamOperations(ExamService exams, LabService labs) {
        this.exams = exams;
        this.labs = labs;
    }

    public ExamView startExam(Caller caller, StartExamInput input) {
        if (input == null) {
            throw OnrampException.badInput("Give the exam: {labIds, workspaceId, minutes}.");
        }
        return view(exams.start(caller, input.labIds, input.workspaceId, input.minutes));
    }

    public ExamView submitExam(Caller caller, String examId) {
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
