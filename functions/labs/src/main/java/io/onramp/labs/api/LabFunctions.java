package io.onramp.labs.api;

import java.util.List;

import io.onramp.edge.auth.Callers;
import io.onramp.labs.Domain;
import io.onramp.labs.Level;
import io.onramp.labs.api.ExamViews.CohortView;
import io.onramp.labs.api.ExamViews.ExamView;
import io.onramp.labs.api.LabViews.LabView;
import io.onramp.labs.api.LabViews.ProgressView;
import io.onramp.labs.api.LabViews.StartView;
import io.onramp.labs.api.LabViews.TaskResultView;
import io.onramp.labs.api.LabViews.TourView;
import io.quarkus.funqy.Funq;

/** The labs function routes: the same operations and checks as GraphQL. */
public class LabFunctions {

    private final LabOperations labs;
    private final ExamOperations exams;
    private final Callers callers;

    public LabFunctions(LabOperations labs, ExamOperations exams, Callers callers) {
        this.labs = labs;
        this.exams = exams;
        this.callers = callers;
    }

    /** {@code {"domain": ..., "level": ...}}, both optional. */
    public static class LabFilter {
        public Domain domain;
        public Level level;
    }

    /** {@code {"labId", "workspaceId", "taskId", "name", "owner", "cohort"}} as each operation needs. */
    public static class LabRequest {
        public String labId;
        public String workspaceId;
        public String taskId;
        public String name;
        public String owner;
        public String cohort;

        /** The input of {@code startLab} / {@code checkTask}, as the split gateway sends it to the labs function. */
        public static LabRequest of(String labId, String workspaceId, String taskId) {
            LabRequest r = new LabRequest();
            r.labId = labId;
            r.workspaceId = workspaceId;
            r.taskId = taskId;
            return r;
        }
    }

    /** {@code {"examId"}} (or {@code "id"}) for one exam, {@code {"owner"}} for a list. */
    public static class ExamRequest {
        public String examId;
        public String id;
        public String owner;

        String exam() {
            return examId != null ? examId : id;
        }
    }

    /** {@code {"name", "owners"}}. */
    public static class CohortRequest {
        public String name;
        public List<String> owners;
    }

    @Funq
    public List<LabView> labs(LabFilter filter) {
        return labs.labs(callers.current(), filter == null ? null : filter.domain, filter == null ? null : filter.level);
    }

    @Funq
    public LabView lab(LabRequest r) {
        return labs.lab(callers.current(), r == null ? null : r.labId);
    }

    @Funq
    public TourView tour(LabRequest r) {
        return labs.tour(callers.current(), r == null ? null : r.labId, r == null ? null : r.name);
    }

    @Funq
    public StartView startLab(LabRequest r) {
        return labs.startLab(callers.current(), r == null ? null : r.labId, r == null ? null : r.workspaceId);
    }

    @Funq
    public TaskResultView checkTask(LabRequest r) {
        return labs.checkTask(callers.current(), r == null ? null : r.workspaceId, r == null ? null : r.labId,
                r == null ? null : r.taskId);
    }

    @Funq
    public List<ProgressView> labProgress(LabRequest r) {
        return labs.progress(callers.current(), r == null ? null : r.owner, r == null ? null : r.cohort);
    }

    /** The CSV as a JSON string. */
    @Funq
    public String labProgressCsv(LabRequest r) {
        return labs.progressCsv(callers.current(), r == null ? null : r.owner, r == null ? null : r.cohort);
    }

    @Funq
    public CohortView setCohort(CohortRequest r) {
        return labs.setCohort(callers.current(), r == null ? null : r.name, r == null ? null : r.owners);
    }

    @Funq
    public List<CohortView> cohorts() {
        return labs.cohorts(callers.current());
    }

    @Funq
    public ExamView startExam(StartExamInput input) {
        return exams.startExam(callers.current(), input);
    }

    @Funq
    public ExamView submitExam(ExamRequest r) {
        return exams.submitExam(callers.current(), r == null ? null : r.exam());
    }

    @Funq
    public ExamView exam(ExamRequest r) {
        return exams.exam(callers.current(), r == null ? null : r.exam());
    }

    @Funq
    public List<ExamView> exams(ExamRequest r) {
        return exams.exams(callers.current(), r == null ? null : r.owner);
    }
}
