package io.onramp.labs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Grades a task against a learner's namespace through the Kubernetes API only (no exec, no files): lists the kinds
 * the task's checks select (once per kind per run), selects objects by name or by a label selector evaluated here,
 * and evaluates each check's assertion (content/README.md sections 3-5). Stateless and thread-safe.
 */
public final class Grader {

    private final AccessEvaluation access;

    public Grader() {
        this(AccessEvaluation.AUTO);
    }

    public Grader(AccessEvaluation access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    /** Grades {@code task} in {@code namespace}; hints of failed checks only when {@code showHints}. */
    public TaskResult grade(KubernetesClient client, String namespace, Task task, boolean showHints) {
        return grade(NamespaceSnapshot.of(client, namespace), task, showHints);
    }

    /** Grades {@code task} on a snapshot (one snapshot = one grading run). */
    public TaskResult grade(NamespaceSnapshot snapshot, Task task, boolean showHints) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : task.checks()) {
            boolean passed = evaluate(snapshot, check).passed();
            results.add(new CheckResult(check.id(), check.description(), passed, check.points(),
                    !passed && showHints ? check.hint() : null));
        }
        return TaskResult.of(results);
    }

    /** Evaluates one check, with the reason (for logs, tools and tests). */
    public Verdict evaluate(NamespaceSnapshot snapshot, Check check) {
        if (check.form() == AssertionForm.ACCESS) {
            return access(snapshot, check.access());
        }
        ResourceRef ref = check.resource();
        List<Map<String, Object>> selected = new ArrayList<>();
        for (Map<String, Object> o : snapshot.list(ref.kind())) {
            Map<String, Object> meta = Trees.map(o, "metadata");
            if (ref.selects(Trees.text(meta, "name"), Trees.stringMap(meta, "labels"))) {
                selected.add(o);
            }
        }
        if (selected.isEmpty()) {
            return Verdict.fail("no " + ref + " in namespace " + snapshot.namespace());
        }
        return switch (check.form()) {
            case EXPECT -> expect(check, selected);
            case COUNT -> check.count().contains(selected.size())
                    ? Verdict.pass(selected.size() + " " + ref.kind() + " selected")
                    : Verdict.fail(selected.size() + " " + ref.kind() + " selected, expected " + check.count());
            case RELATION -> relation(check, selected, snapshot);
            case STATUS -> {
                for (Map<String, Object> o : selected) {
                    if (Statuses.holds(check.status(), o)) {
                        yield Verdict.pass(name(o) + " is " + check.status());
                    }
                }
                yield Verdict.fail("no selected " + ref.kind() + " is " + check.status());
            }
            case ACCESS -> throw new IllegalStateException("handled above");
        };
    }

    private static Verdict expect(Check check, List<Map<String, Object>> selected) {
        List<Map<String, Object>> satisfying = new ArrayList<>();
        String firstFailure = null;
        for (Map<String, Object> o : selected) {
            Expectation failed = null;
            for (Expectation e : check.expect()) {
                if (!e.holds(o)) {
                    failed = e;
                    break;
                }
            }
            if (failed == null) {
                satisfying.add(o);
            } else if (firstFailure == null) {
                firstFailure = name(o) + ": " + failed.path() + " is " + Values.describe(
                        failed.path().resolve(o).stream().findFirst().orElse(null)) + ", expected " + failed;
            }
        }
        if (check.count() != null) {
            return check.count().contains(satisfying.size())
                    ? Verdict.pass(satisfying.size() + " objects satisfy every entry")
                    : Verdict.fail(satisfying.size() + " objects satisfy every entry, expected " + check.count()
                            + (firstFailure == null ? "" : "; " + firstFailure));
        }
        if (check.all()) {
            return satisfying.size() == selected.size() ? Verdict.pass("all " + selected.size() + " objects satisfy")
                    : Verdict.fail(firstFailure);
        }
        return satisfying.isEmpty() ? Verdict.fail(firstFailure) : Verdict.pass(name(satisfying.get(0)) + " satisfies");
    }

    private static Verdict relation(Check check, List<Map<String, Object>> selected, NamespaceSnapshot snapshot) {
        for (Map<String, Object> o : selected) {
            if (Relations.holds(check.relation(), check.resource().kind(), o, snapshot)) {
                return Verdict.pass(name(o) + " has " + check.relation());
            }
        }
        return Verdict.fail("no selected " + check.resource().kind() + " has " + check.relation());
    }

    private Verdict access(NamespaceSnapshot snapshot, AccessRule rule) {
        boolean structural = access == AccessEvaluation.STRUCTURAL
                || access == AccessEvaluation.AUTO && snapshot.isSandbox();
        Optional<Boolean> allowed = Optional.empty();
        String how = "RoleBindings";
        if (!structural) {
            allowed = snapshot.accessReview(rule);
            how = "SubjectAccessReview";
        }
        if (allowed.isEmpty()) {
            allowed = Optional.of(RbacEvaluator.allows(rule, snapshot));
            how = "RoleBindings";
        }
        if (rule.allowed()) {
            return allowed.get() ? Verdict.pass(rule + " (" + how + ")")
                    : Verdict.fail("not allowed: " + rule + " (" + how + ")");
        }
        boolean exists = snapshot.list(ResourceKind.SERVICE_ACCOUNT).stream()
                .anyMatch(sa -> rule.serviceAccount().equals(Trees.text(Trees.map(sa, "metadata"), "name")));
        if (!exists) {
            return Verdict.fail("ServiceAccount " + rule.serviceAccount() + " does not exist");
        }
        return allowed.get() ? Verdict.fail("allowed, but must not be: " + rule + " (" + how + ")")
                : Verdict.pass(rule + " (" + how + ")");
    }

    private static String name(Map<String, Object> o) {
        return o.get("kind") + " " + Trees.text(Trees.map(o, "metadata"), "name");
    }
}
