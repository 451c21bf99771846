package io.onramp.labs;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/** The repository's lab catalog (content/labs, or -Donramp.labs.dir) and parameter sources over it. */
final class ContentFixtures {

    static final LabCatalog CATALOG = LabCatalog.loadDefault();

    private ContentFixtures() {
    }

    static Stream<Arguments> labs() {
        return CATALOG.labs().stream().map(l -> Arguments.of(l.id()));
    }

    static Stream<Arguments> tasks() {
        List<Arguments> out = new ArrayList<>();
        for (Lab lab : CATALOG.labs()) {
            for (Task t : lab.tasks()) {
                out.add(Arguments.of(lab.id(), t.id()));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> checks() {
        List<Arguments> out = new ArrayList<>();
        for (Lab lab : CATALOG.labs()) {
            for (Task t : lab.tasks()) {
                for (Check c : t.checks()) {
                    out.add(Arguments.of(lab.id(), t.id(), c.id()));
                }
            }
        }
        return out.stream();
    }

    /** The task before {@code taskId} in its lab, or null for the first. */
    static String previousTask(Lab lab, String taskId) {
        String previous = null;
        for (Task t : lab.tasks()) {
            if (t.id().equals(taskId)) {
                return previous;
            }
            previous = t.id();
        }
        throw new IllegalArgumentException(taskId);
    }

    /** Explains every check of a task in a namespace: "PASS/FAIL id: reason" lines. */
    static String explain(Grader grader, NamespaceSnapshot snapshot, Task task) {
        StringBuilder s = new StringBuilder();
        for (Check c : task.checks()) {
            Verdict v = grader.evaluate(snapshot, c);
            s.append(v.passed() ? "  PASS " : "  FAIL ").append(c.id()).append(": ").append(v.reason()).append('\n');
        }
        return s.toString();
    }
}
