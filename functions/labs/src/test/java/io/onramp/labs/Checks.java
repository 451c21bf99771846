package io.onramp.labs;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Builds checks and tasks from YAML snippets in the lab.yaml format, for tests. */
final class Checks {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Checks() {
    }

    /** A check from YAML; fails the test with the problems when it is not well formed. */
    static Check of(String yaml) {
        List<LabProblem> problems = new ArrayList<>();
        try {
            Check c = LabReader.check("test", "task", YAML.readTree(yaml), 1, problems);
            if (c == null || !problems.isEmpty()) {
                throw new AssertionError("bad check: " + problems);
            }
            return c;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The problems of a check from YAML. */
    static List<LabProblem> problems(String yaml) {
        List<LabProblem> problems = new ArrayList<>();
        try {
            LabReader.check("test", "task", YAML.readTree(yaml), 1, problems);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return problems;
    }

    static Task task(Check... checks) {
        return new Task("task", "Task", "tasks/01-task.md", List.of(), List.of(checks));
    }

    /** Manifests from a multi-document YAML string. */
    static List<Manifest> manifests(String yaml) {
        return ManifestReader.read("test.yaml", yaml);
    }
}
