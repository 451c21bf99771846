package io.onramp.labs.api;

import java.util.List;

import io.onramp.edge.auth.Callers;
import io.onramp.labs.Domain;
import io.onramp.labs.Level;
import io.onramp.labs.api.LabViews.LabView;
import io.onramp.labs.api.LabViews.ProgressView;
import io.onramp.labs.api.LabViews.StartView;
import io.onramp.labs.api.LabViews.TaskResultView;
import io.onramp.labs.api.LabViews.TourView;
import io.quarkus.funqy.Funq;

/** The labs function routes: the same operations and checks as GraphQL. */
public class LabFunctions {

    private final LabOperations labs;
    private final Callers callers;

    public LabFunctions(LabOperations labs, Callers callers) {
        this.labs = labs;
        this.callers = callers;
    }

    /** {@code {"domain": ..., "level": ...}}, both optional. */
    public static class LabFilter {
        public Domain domain;
        public Level level;
    }

    /** {@code {"labId", "workspaceId", "taskId", "name", "owner"}} as each operation needs. */
    public static class LabRequest {
        public String labId;
        public String workspaceId;
        public String taskId;
        public String name;
        public String owner;

        /** The input of {@code startLab} / {@code checkTask}, as the split gateway sends it to the labs function. */
        public static LabRequest of(String labId, String workspaceId, String taskId) {
            LabRequest r = new LabRequest();
            r.labId = labId;
            r.workspaceId = workspaceId;
            r.taskId = taskId;
            return r;
        }
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
        return labs.progress(callers.current(), r == null ? null : r.owner);
    }
}
