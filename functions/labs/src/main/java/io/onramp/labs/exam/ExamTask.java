package io.onramp.labs.exam;

/**
 * One task of an exam as stored: the lab version it was set from, its maximum, the score and pass at closing (null
 * while the exam is open), and how often the developer ran checkTask on it during the exam.
 */
public record ExamTask(int position, String labId, int labVersion, String taskId, int maxScore, Integer score,
        Boolean passed, int checkRuns) {
}
