package io.onramp.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The authoring invariants that need a cluster (content/README.md section 7: 1 fails on empty, 2 passes cumulatively,
 * 10 later tasks stay later), for every lab and task, in the sandbox with Onramp's real namespace baseline.
 */
class ReferenceSolutionTest {

    private static LabSandbox sandbox;
    private static final Grader GRADER = new Grader();
    private static final LabCatalog CATALOG = ContentFixtures.CATALOG;

    @BeforeAll
    static void start() {
        sandbox = new LabSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theCatalogHasLabs() {
        assertFalse(CATALOG.labs().isEmpty(), "no labs loaded from " + LabCatalog.defaultDirectory());
    }

    /** Invariant 2: starter + solutions 1..N applied, every check of tasks 1..N passes (full marks). */
    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("io.onramp.labs.ContentFixtures#tasks")
    void cumulativeSolutionsEarnFullMarks(String labId, String taskId) {
        Lab lab = CATALOG.require(labId);
        String ns = sandbox.baselineNamespace(labId);
        try {
            sandbox.create(ns, CATALOG.cumulativeState(labId, taskId));
            sandbox.reconcile();
            NamespaceSnapshot snapshot = NamespaceSnapshot.of(sandbox.client(), ns);
            List<String> failures = new ArrayList<>();
            for (Task t : lab.tasks()) {
                TaskResult r = GRADER.grade(snapshot, t, true);
                if (!r.passed() || r.score() != r.maxScore()) {
                    failures.add(t.id() + " " + r.score() + "/" + r.maxScore() + ":\n"
                            + ContentFixtures.explain(GRADER, snapshot, t));
                }
                if (t.id().equals(taskId)) {
                    break;
                }
            }
            assertTrue(failures.isEmpty(), "after the solutions through " + taskId + " of " + labId
                    + ", tasks do not earn full marks:\n" + String.join("\n", failures));
        } finally {
            sandbox.drop(ns);
        }
    }

    /** Invariant 1: on the baseline namespace every task scores zero, and every failed check offers a hint. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.onramp.labs.ContentFixtures#labs")
    void emptyNamespaceScoresZeroWithHints(String labId) {
        Lab lab = CATALOG.require(labId);
        String ns = sandbox.baselineNamespace(labId);
        try {
            sandbox.reconcile();
            NamespaceSnapshot snapshot = NamespaceSnapshot.of(sandbox.client(), ns);
            List<String> failures = new ArrayList<>();
            for (Task t : lab.tasks()) {
                TaskResult r = GRADER.grade(snapshot, t, true);
                if (r.score() != 0) {
                    failures.add(t.id() + " scores " + r.score() + " on an empty namespace:\n"
                            + ContentFixtures.explain(GRADER, snapshot, t));
                }
                for (CheckResult c : r.checks()) {
                    if (!c.passed() && (c.hint() == null || c.hint().isBlank())) {
                        failures.add(t.id() + " / " + c.id() + " fails without a hint");
                    }
                }
                TaskResult exam = GRADER.grade(snapshot, t, false);
                assertTrue(exam.checks().stream().allMatch(c -> c.hint() == null), "exam mode shows hints");
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            sandbox.drop(ns);
        }
    }

    /**
     * Invariant 1 with a starter: baseline + starter fails every check (troubleshooting-style labs: the faults are not
     * pre-fixed). For labs without a starter this is the baseline alone, per check.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.onramp.labs.ContentFixtures#labs")
    void starterAloneFailsEveryCheck(String labId) {
        Lab lab = CATALOG.require(labId);
        List<Manifest> starter = CATALOG.starter(labId);
        String ns = sandbox.baselineNamespace(labId);
        try {
            sandbox.create(ns, starter);
            sandbox.reconcile();
            NamespaceSnapshot snapshot = NamespaceSnapshot.of(sandbox.client(), ns);
            List<String> failures = new ArrayList<>();
            for (Task t : lab.tasks()) {
                for (Check c : t.checks()) {
                    Verdict v = GRADER.evaluate(snapshot, c);
                    if (v.passed()) {
                        failures.add(t.id() + " / " + c.id() + " passes on the starter: " + v.reason());
                    }
                }
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            sandbox.drop(ns);
        }
    }

    /** Invariant 10: after the solutions of tasks 1..N-1 no check of task N passes. */
    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("io.onramp.labs.ContentFixtures#tasks")
    void laterTasksAreNotPreSolved(String labId, String taskId) {
        Lab lab = CATALOG.require(labId);
        Task task = lab.task(taskId).orElseThrow();
        String previous = ContentFixtures.previousTask(lab, taskId);
        String ns = sandbox.baselineNamespace(labId);
        try {
            sandbox.create(ns, CATALOG.cumulativeState(labId, previous));
            sandbox.reconcile();
            NamespaceSnapshot snapshot = NamespaceSnapshot.of(sandbox.client(), ns);
            TaskResult r = GRADER.grade(snapshot, task, true);
            assertEquals(0, r.score(), taskId + " is partly solved by the earlier solutions"
                    + (previous == null ? " (the starter)" : " (through " + previous + ")") + ":\n"
                    + ContentFixtures.explain(GRADER, snapshot, task));
        } finally {
            sandbox.drop(ns);
        }
    }
}
