package io.onramp.labs;

/**
 * A problem found in lab content, with as much context as known (null = not applicable): lab, task and check ids,
 * the file (relative to the lab folder) and a message saying what is wrong.
 */
public record LabProblem(String labId, String taskId, String checkId, String file, String message) {

    public static LabProblem lab(String labId, String file, String message) {
        return new LabProblem(labId, null, null, file, message);
    }

    public static LabProblem task(String labId, String taskId, String message) {
        return new LabProblem(labId, taskId, null, "lab.yaml", message);
    }

    public static LabProblem check(String labId, String taskId, String checkId, String message) {
        return new LabProblem(labId, taskId, checkId, "lab.yaml", message);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append("lab ").append(labId);
        if (taskId != null) {
            s.append(" / task ").append(taskId);
        }
        if (checkId != null) {
            s.append(" / check ").append(checkId);
        }
        if (file != null) {
            s.append(" (").append(file).append(")");
        }
        return s.append(": ").append(message).toString();
    }
}
