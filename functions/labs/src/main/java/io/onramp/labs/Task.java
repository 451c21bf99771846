package io.onramp.labs;

import java.util.List;
import java.util.Optional;

/** One task of a lab: its text file, general hints and checks. */
public record Task(String id, String title, String text, List<String> hints, List<Check> checks) {

    public Task {
        hints = List.copyOf(hints);
        checks = List.copyOf(checks);
    }

    /** Sum of all check points. */
    public int maxScore() {
        return checks.stream().mapToInt(Check::points).sum();
    }

    public Optional<Check> check(String checkId) {
        return checks.stream().filter(c -> c.id().equals(checkId)).findFirst();
    }
}
