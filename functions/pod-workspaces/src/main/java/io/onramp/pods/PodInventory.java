package io.onramp.pods;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.onramp.pods.blueprint.BlueprintLabels;
import io.onramp.pods.blueprint.GuardrailCheck;

/**
 * What Onramp owns in the cluster, read with a fixed number of list requests whatever the number of workspaces:
 * the namespaces labelled as Onramp's, their guardrails (by the guardrail label), and their Deployments and
 * StatefulSets. Labels are checked here as well, since not every API server (the sandbox's mock server) honours every
 * selector. Where listing across namespaces is refused (RBAC), each namespace is listed on its own.
 */
final class PodInventory {

    /** Onramp's namespaces by name (being deleted ones included). */
    final Map<String, Namespace> namespaces;
    /** Per namespace: guardrail objects by {@code Kind/name}. */
    final Map<String, Map<String, HasMetadata>> guardrails = new HashMap<>();
    /** Per namespace: Deployments and StatefulSets. */
    final Map<String, List<HasMetadata>> workloads = new HashMap<>();

    private PodInventory(Map<String, Namespace> namespaces) {
        this.namespaces = namespaces;
    }

    static PodInventory load(KubernetesClient client) {
        Map<String, Namespace> namespaces = new LinkedHashMap<>();
        for (Namespace ns : client.namespaces().withLabel(BlueprintLabels.MANAGED_BY, BlueprintLabels.MANAGED_BY_VALUE)
                .list().getItems()) {
            Map<String, String> labels = ns.getMetadata().getLabels();
            if (labels != null && BlueprintLabels.MANAGED_BY_VALUE.equals(labels.get(BlueprintLabels.MANAGED_BY))) {
                namespaces.put(ns.getMetadata().getName(), ns);
            }
        }
        PodInventory inventory = new PodInventory(namespaces);
        Collection<String> names = namespaces.keySet();
        List<HasMetadata> guardrails = new ArrayList<>();
        guardrails.addAll(listed(names,
                () -> client.network().v1().networkPolicies().inAnyNamespace().withLabel(BlueprintLabels.GUARDRAIL, "true").list().getItems(),
                ns -> client.network().v1().networkPolicies().inNamespace(ns).withLabel(BlueprintLabels.GUARDRAIL, "true").list().getItems()));
        guardrails.addAll(listed(names,
                () -> client.resourceQuotas().inAnyNamespace().withLabel(BlueprintLabels.GUARDRAIL, "true").list().getItems(),
                ns -> client.resourceQuotas().inNamespace(ns).withLabel(BlueprintLabels.GUARDRAIL, "true").list().getItems()));
        guardrails.addAll(listed(names,
                () -> client.limitRanges().inAnyNamespace().withLabel(BlueprintLabels.GUARDRAIL, "true").list().getItems(),
                ns -> client.limitRanges().inNamespace(ns).withLabel(BlueprintLabels.GUARDRAIL, "true").list().getItems()));
        guardrails.addAll(listed(names,
                () -> client.rbac().roleBindings().inAnyNamespace().withLabel(BlueprintLabels.GUARDRAIL, "true").list().getItems(),
                ns -> client.rbac().roleBindings().inNamespace(ns).withLabel(BlueprintLabels.GUARDRAIL, "true").list().getItems()));
        for (HasMetadata object : guardrails) {
            String ns = object.getMetadata().getNamespace();
            if (namespaces.containsKey(ns) && GuardrailCheck.isGuardrail(object)) {
                inventory.guardrails.computeIfAbsent(ns, k -> new HashMap<>()).put(kindName(object), object);
            }
        }
        List<HasMetadata> workloads = new ArrayList<>();
        workloads.addAll(listed(names, () -> client.apps().deployments().inAnyNamespace().list().getItems(),
                ns -> client.apps().deployments().inNamespace(ns).list().getItems()));
        workloads.addAll(listed(names, () -> client.apps().statefulSets().inAnyNamespace().list().getItems(),
                ns -> client.apps().statefulSets().inNamespace(ns).list().getItems()));
        for (HasMetadata object : workloads) {
            String ns = object.getMetadata().getNamespace();
            if (namespaces.containsKey(ns)) {
                inventory.workloads.computeIfAbsent(ns, k -> new ArrayList<>()).add(object);
            }
        }
        return inventory;
    }

    Map<String, HasMetadata> guardrailsOf(String namespace) {
        return guardrails.getOrDefault(namespace, Map.of());
    }

    List<HasMetadata> workloadsOf(String namespace) {
        return workloads.getOrDefault(namespace, List.of());
    }

    static String kindName(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    private static <T extends HasMetadata> List<T> listed(Collection<String> namespaces, Supplier<List<T>> all,
            Function<String, List<T>> one) {
        if (namespaces.isEmpty()) {
            return List.of();
        }
        try {
            return all.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 401 && e.getCode() != 403) {
                throw e;
            }
        }
        List<T> out = new ArrayList<>();
        for (String ns : namespaces) {
            out.addAll(one.apply(ns));
        }
        return out;
    }
}
