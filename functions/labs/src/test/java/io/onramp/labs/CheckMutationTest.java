package io.onramp.labs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariant 3 of content/README.md section 7: every check tests something the reference solution sets. For each
 * check, the state after the solutions through its task is mutated where the check looks (see {@link Mutations}) until
 * exactly that check fails and the task's other checks still pass (count and status checks may take other checks of
 * the same objects with them). A check no mutation isolates is a content defect: it is reported (test output and
 * the summary printed at the end) and the case is aborted through an assumption with the reason.
 */
class CheckMutationTest {

    private static LabSandbox sandbox;
    private static final Grader GRADER = new Grader();
    private static final LabCatalog CATALOG = ContentFixtures.CATALOG;
    private static final Map<String, String> SUMMARY = new ConcurrentSkipListMap<>();

    @BeforeAll
    static void start() {
        sandbox = new LabSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        StringBuilder s = new StringBuilder("\n=== CheckMutationTest summary (lab / task / check -> result) ===\n");
        long defects = SUMMARY.values().stream().filter(v -> v.startsWith("DEFECT")).count();
        SUMMARY.forEach((k, v) -> s.append(v.startsWith("DEFECT") ? "!! " : "   ").append(k).append(" -> ")
                .append(v).append('\n'));
        s.append(SUMMARY.size()).append(" checks, ").append(defects).append(" cannot be made to fail on their own\n");
        System.out.println(s);
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @MethodSource("io.onramp.labs.ContentFixtures#checks")
    void eachCheckCanFailOnItsOwn(String labId, String taskId, String checkId) {
        Task task = CATALOG.require(labId).task(taskId).orElseThrow();
        Check check = task.check(checkId).orElseThrow();
        List<Manifest> state = CATALOG.cumulativeState(labId, taskId);
        boolean collateralAllowed = check.form() == AssertionForm.COUNT || check.form() == AssertionForm.STATUS;
        List<String> attempts = new ArrayList<>();
        for (Mutations.Mutation mutation : Mutations.forCheck(check)) {
            List<Map<String, Object>> trees = new ArrayList<>();
            state.forEach(m -> trees.add(m.copy()));
            if (!mutation.apply().test(trees)) {
                attempts.add(mutation.description() + ": nothing to change");
                continue;
            }
            String ns = sandbox.namespace("mut-" + labId);
            try {
                sandbox.createTrees(ns, trees);
                sandbox.reconcile();
                NamespaceSnapshot snapshot = NamespaceSnapshot.of(sandbox.client(), ns);
                Verdict target = GRADER.evaluate(snapshot, check);
                List<String> collateral = new ArrayList<>();
                for (Check other : task.checks()) {
                    if (other != check && !GRADER.evaluate(snapshot, other).passed()) {
                        collateral.add(other.id());
                    }
                }
                if (!target.passed() && (collateral.isEmpty() || collateralAllowed)) {
                    SUMMARY.put(labId + " / " + taskId + " / " + checkId, "ok: " + mutation.description()
                            + (collateral.isEmpty() ? "" : " (also fails " + collateral + ")"));
                    return;
                }
                attempts.add(mutation.description() + ": " + (target.passed()
                        ? "the check still passes (" + target.reason() + ")"
                        : "it also fails " + collateral));
            } finally {
                sandbox.drop(ns);
            }
        }
        String message = "content defect: no mutation makes " + labId + " / " + taskId + " / " + checkId
                + " fail on its own; attempts: " + attempts;
        SUMMARY.put(labId + " / " + taskId + " / " + checkId, "DEFECT " + attempts);
        System.out.println(message);
        Assumptions.abort(message);
    }
}
