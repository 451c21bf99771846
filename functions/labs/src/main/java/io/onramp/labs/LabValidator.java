package io.onramp.labs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.onramp.core.podsecurity.RestrictedPodSecurity;
import io.onramp.core.podsecurity.Violation;

/**
 * Checks lab content without a cluster: everything {@link LabCatalog} rejects at load time, plus task text shape,
 * starter and solution manifests (parse, Pod Security {@code restricted}, developer rights, quota and lab budget,
 * no namespace), API-default expectations and YAML 1.1/1.2 ambiguities. Invariants that need a cluster (fails on
 * empty, passes cumulatively, each check can fail alone) are checked by the content tests against the sandbox.
 */
public final class LabValidator {

    private final Guardrails guardrails;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    public LabValidator() {
        this(Guardrails.defaults());
    }

    public LabValidator(Guardrails guardrails) {
        this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    }

    /** Loads and validates a labs folder. */
    public List<LabProblem> validate(Path labsDir) {
        return validate(LabCatalog.load(labsDir));
    }

    /** Every problem of a catalog: load-time rejections and the deeper checks of accepted labs. */
    public List<LabProblem> validate(LabCatalog catalog) {
        List<LabProblem> out = new ArrayList<>(catalog.problems());
        for (Lab lab : catalog.labs()) {
            out.addAll(validate(catalog, lab));
        }
        return out;
    }

    /** The deeper checks of one accepted lab. */
    public List<LabProblem> validate(LabCatalog catalog, Lab lab) {
        List<LabProblem> out = new ArrayList<>();
        LabFolder folder = catalog.folder(lab.id()).orElseThrow();
        String id = lab.id();

        // task texts and stray files
        Set<String> texts = new HashSet<>();
        Set<String> solutions = new HashSet<>();
        int position = 0;
        for (Task task : lab.tasks()) {
            position++;
            texts.add(task.text());
            solutions.add(LabFolder.solutionPath(task.id()));
            for (String p : TaskMarkdown.problems(folder.files().get(task.text()), position, id, task.id())) {
                out.add(new LabProblem(id, task.id(), null, task.text(), p));
            }
        }
        for (String f : folder.files().keySet()) {
            if (f.startsWith("tasks/") && !texts.contains(f)) {
                out.add(LabProblem.lab(id, f, "task text that no task refers to"));
            }
            if (f.startsWith(LabFolder.SOLUTION_DIR) && !solutions.contains(f)) {
                out.add(LabProblem.lab(id, f, "solution file of no task"));
            }
            if (f.equals(LabFolder.LAB_YAML) || f.startsWith(LabFolder.STARTER_DIR) && f.endsWith(".yaml")
                    || f.startsWith(LabFolder.SOLUTION_DIR) && f.endsWith(".yaml")) {
                for (YamlScalars.Finding a : YamlScalars.ambiguous(folder.files().get(f))) {
                    out.add(LabProblem.lab(id, f, "line " + a.line() + ": unquoted '" + a.value() + "' is read "
                            + "differently by YAML 1.1 (kubectl) and YAML 1.2; quote it (a number: write it in decimal)"));
                }
            }
            if (f.startsWith(LabFolder.STARTER_DIR) && !f.endsWith(".yaml")) {
                out.add(LabProblem.lab(id, f, "starter files must end in .yaml"));
            }
        }

        // manifests
        List<Manifest> starter;
        try {
            starter = catalog.starter(id);
        } catch (IllegalArgumentException e) {
            out.add(LabProblem.lab(id, null, e.getMessage()));
            return out;
        }
        Map<String, List<Manifest>> solutionByTask = new LinkedHashMap<>();
        for (Task task : lab.tasks()) {
            try {
                List<Manifest> docs = catalog.solution(id, task.id());
                if (docs.isEmpty()) {
                    out.add(new LabProblem(id, task.id(), null, LabFolder.solutionPath(task.id()),
                            "the reference solution has no object"));
                }
                solutionByTask.put(task.id(), docs);
            } catch (IllegalArgumentException e) {
                out.add(new LabProblem(id, task.id(), null, LabFolder.solutionPath(task.id()), e.getMessage()));
                return out;
            }
        }
        for (Manifest m : starter) {
            ManifestRules.check(m, guardrails, msg -> out.add(LabProblem.lab(id, m.file(), msg)));
        }
        solutionByTask.forEach((taskId, docs) -> {
            Set<String> keys = new HashSet<>();
            for (Manifest m : docs) {
                ManifestRules.check(m, guardrails, msg -> out.add(new LabProblem(id, taskId, null, m.file(), msg)));
                if (!keys.add(m.key())) {
                    out.add(new LabProblem(id, taskId, null, m.file(), m.key() + " appears twice"));
                }
            }
        });

        // final state, role bindings, Pod Security
        Map<String, Manifest> state = new LinkedHashMap<>();
        Map<String, String> firstTaskOf = new HashMap<>();
        starter.forEach(m -> state.put(m.key(), m));
        for (var e : solutionByTask.entrySet()) {
            for (Manifest m : e.getValue()) {
                checkRoleBinding(lab, e.getKey(), m, state, out);
                state.put(m.key(), m);
                firstTaskOf.putIfAbsent(m.key(), e.getKey());
            }
        }
        Set<String> checkedKeys = checkedObjects(lab);
        for (Manifest m : starter) {
            List<Violation> v = podSecurity(m);
            if (v.isEmpty()) {
                continue;
            }
            boolean fixed = state.get(m.key()) != m && checkedKeys.contains(m.key());
            if (!fixed) {
                out.add(LabProblem.lab(id, m.file(), m.key() + " violates Pod Security restricted: " + v
                        + (state.get(m.key()) == m ? " (and no solution fixes it)" : " (no check grades the fix)")));
            }
        }
        solutionByTask.forEach((taskId, docs) -> {
            for (Manifest m : docs) {
                List<Violation> v = podSecurity(m);
                if (!v.isEmpty()) {
                    out.add(new LabProblem(id, taskId, null, m.file(), m.key() + " violates Pod Security "
                            + "restricted: " + v));
                }
            }
        });
        budget(lab, List.copyOf(state.values()), out);

        // checks
        for (Task task : lab.tasks()) {
            for (Check check : task.checks()) {
                if (check.form() == AssertionForm.EXPECT) {
                    boolean allDefault = check.expect().stream()
                            .allMatch(e -> ApiDefaults.satisfiedByDefault(check.resource().kind(), e));
                    if (allDefault) {
                        out.add(LabProblem.check(id, task.id(), check.id(), "every expect entry holds on the API "
                                + "server's default value (" + check.expect() + "), so the check passes on a real "
                                + "cluster without the learner setting it"));
                    }
                }
            }
        }
        return out;
    }

    private void budget(Lab lab, List<Manifest> finalState, List<LabProblem> out) {
        List<String> containerProblems = new ArrayList<>();
        ResourceTotals used = WorkloadBudget.of(finalState, guardrails.containerLimits(), containerProblems::add);
        for (String p : containerProblems) {
            out.add(LabProblem.lab(lab.id(), null, p));
        }
        ResourceTotals room = guardrails.quota().minus(guardrails.workspace());
        compare(lab, "the quota left next to the workspace", room, used, out);
        compare(lab, "the lab budget", guardrails.labBudget(), used, out);
    }

    private static void compare(Lab lab, String what, ResourceTotals limit, ResourceTotals used,
            List<LabProblem> out) {
        over(lab, what, "CPU requests", limit.requestsCpu(), used.requestsCpu(), out);
        over(lab, what, "memory requests", limit.requestsMemory(), used.requestsMemory(), out);
        over(lab, what, "CPU limits", limit.limitsCpu(), used.limitsCpu(), out);
        over(lab, what, "memory limits", limit.limitsMemory(), used.limitsMemory(), out);
        over(lab, what, "storage", limit.storage(), used.storage(), out);
        count(lab, what, "pods", limit.pods(), used.pods(), out);
        count(lab, what, "PVCs", limit.pvcs(), used.pvcs(), out);
        count(lab, what, "Services", limit.services(), used.services(), out);
    }

    private static void over(Lab lab, String what, String name, java.math.BigDecimal limit,
            java.math.BigDecimal used, List<LabProblem> out) {
        if (limit != null && used.compareTo(limit) > 0) {
            out.add(LabProblem.lab(lab.id(), null, "the final state needs " + amount(name, used) + " of " + name
                    + ", more than " + what + " (" + amount(name, limit) + ")"));
        }
    }

    /** CPU in cores, memory and storage in Mi. */
    private static String amount(String name, java.math.BigDecimal value) {
        if (name.startsWith("CPU")) {
            return value.stripTrailingZeros().toPlainString() + " CPU";
        }
        return value.divide(java.math.BigDecimal.valueOf(1024L * 1024), 1, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "Mi";
    }

    private static void count(Lab lab, String what, String name, int limit, int used, List<LabProblem> out) {
        if (limit >= 0 && used > limit) {
            out.add(LabProblem.lab(lab.id(), null, "the final state needs " + used + " " + name + ", more than "
                    + what + " (" + limit + ")"));
        }
    }

    private void checkRoleBinding(Lab lab, String taskId, Manifest m, Map<String, Manifest> stateBefore,
            List<LabProblem> out) {
        if (!"RoleBinding".equals(m.kind())) {
            return;
        }
        Map<String, Object> ref = Trees.map(m.object(), "roleRef");
        String kind = Trees.text(ref, "kind");
        String name = Trees.text(ref, "name");
        if ("Role".equals(kind)) {
            if (!stateBefore.containsKey("Role/" + name)) {
                out.add(new LabProblem(lab.id(), taskId, null, m.file(), m.key() + " refers to Role " + name
                        + ", which is not created before it (the API server checks the Role's rights on create)"));
            }
        } else if ("ClusterRole".equals(kind)) {
            if (!guardrails.bindableClusterRoles().contains(name)) {
                out.add(new LabProblem(lab.id(), taskId, null, m.file(), m.key() + " binds ClusterRole " + name
                        + "; the developer may only bind roles whose rights they hold, which cannot be verified"));
            }
        } else {
            out.add(new LabProblem(lab.id(), taskId, null, m.file(), m.key() + " has roleRef kind " + kind));
        }
        for (Object s : Trees.list(m.object(), "subjects")) {
            String ns = Trees.text(s, "namespace");
            if (ns != null && !ns.isEmpty()) {
                out.add(new LabProblem(lab.id(), taskId, null, m.file(), m.key() + " names namespace " + ns
                        + " in a subject; leave it out (it means the binding's namespace)"));
            }
        }
    }

    /** Objects checks select by name, as {@code Kind/name}. */
    private static Set<String> checkedObjects(Lab lab) {
        Set<String> out = new HashSet<>();
        for (Task t : lab.tasks()) {
            for (Check c : t.checks()) {
                if (c.resource() != null && c.resource().name() != null) {
                    out.add(c.resource().kind().kind() + "/" + c.resource().name());
                }
            }
        }
        return out;
    }

    private List<Violation> podSecurity(Manifest m) {
        try {
            Object typed = serialization.unmarshal(serialization.asJson(m.object()));
            if (typed instanceof HasMetadata h) {
                return RestrictedPodSecurity.check(h);
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return List.of();
    }
}
