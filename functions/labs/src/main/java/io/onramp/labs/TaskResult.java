package io.onramp.labs;

import java.util.List;

/** The result of grading one task: complete when every check passed; score = points of the passed checks. */
public record TaskResult(boolean passed, int score, int maxScore, List<CheckResult> checks) {

    public TaskResult {
        checks = List.copyOf(checks);
    }

    static TaskResult of(List<CheckResult> checks) {
        int score = checks.stream().filter(CheckResult::passed).mapToInt(CheckResult::points).sum();
        int max = checks.stream().mapToInt(CheckResult::points).sum();
        return new TaskResult(checks.stream().allMatch(CheckResult::passed), score, max, checks);
    }

    /** The {@code onramp-check} style report: one PASS/FAIL line per check, hints, then the score. */
    public String report() {
        StringBuilder s = new StringBuilder();
        for (CheckResult c : checks) {
            s.append(c.passed() ? "PASS  " : "FAIL  ").append(c.id()).append(" (").append(c.points()).append(")  ")
                    .append(c.description()).append('\n');
            if (c.hint() != null) {
                s.append("      hint: ").append(c.hint()).append('\n');
            }
        }
        return s.append("score ").append(score).append('/').append(maxScore).append('\n').toString();
    }
}
