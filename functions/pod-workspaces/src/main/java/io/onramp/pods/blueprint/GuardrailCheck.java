package io.onramp.pods.blueprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Reconcile's view of the guardrails: which rendered objects are guardrails, and whether a live object still has
 * everything the blueprint sets, judged the way {@link BlueprintApplier} judges it before an update (server
 * defaults and extra fields are fine; quantities compare by value).
 */
public final class GuardrailCheck {

    private final KubernetesSerialization serialization;

    public GuardrailCheck(KubernetesSerialization serialization) {
        this.serialization = Objects.requireNonNull(serialization, "serialization");
    }

    /** Labelled {@code onramp.io/guardrail=true} and managed by Onramp. */
    public static boolean isGuardrail(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && "true".equals(labels.get(BlueprintLabels.GUARDRAIL))
                && BlueprintLabels.MANAGED_BY_VALUE.equals(labels.get(BlueprintLabels.MANAGED_BY));
    }

    /** The guardrails of a rendered blueprint (quota, LimitRange, NetworkPolicies, RoleBinding), in apply order. */
    public static List<HasMetadata> guardrails(List<HasMetadata> rendered) {
        List<HasMetadata> out = new ArrayList<>();
        for (HasMetadata object : rendered) {
            if (isGuardrail(object)) {
                out.add(object);
            }
        }
        return out;
    }

    /**
     * What of {@code wanted} the live object lacks: the first differing top-level field ({@code spec},
     * {@code subjects}, {@code roleRef}) or {@code labels}; empty when it has everything.
     */
    public Optional<String> difference(HasMetadata wanted, HasMetadata live) {
        JsonNode want = serialization.convertValue(wanted, JsonNode.class);
        JsonNode have = serialization.convertValue(live, JsonNode.class);
        for (Map.Entry<String, JsonNode> field : want.properties()) {
            String name = field.getKey();
            if (name.equals("metadata") || name.equals("status") || name.equals("apiVersion") || name.equals("kind")) {
                continue;
            }
            if (!JsonTrees.contains(have.get(name), field.getValue())) {
                return Optional.of(name);
            }
        }
        return labelsDiffer(wanted, live) ? Optional.of("labels") : Optional.empty();
    }

    /** The namespace's Pod Security and Onramp labels that differ from the blueprint's, e.g. {@code enforce}. */
    public static List<String> namespaceDifferences(Namespace wanted, Namespace live) {
        List<String> out = new ArrayList<>();
        Map<String, String> have = live.getMetadata().getLabels() == null ? Map.of() : live.getMetadata().getLabels();
        wanted.getMetadata().getLabels().forEach((key, value) -> {
            if (!value.equals(have.get(key))) {
                out.add(key + "=" + (have.get(key) == null ? "(missing)" : have.get(key)));
            }
        });
        return out;
    }

    private static boolean labelsDiffer(HasMetadata wanted, HasMetadata live) {
        Map<String, String> have = live.getMetadata().getLabels() == null ? Map.of() : live.getMetadata().getLabels();
        Map<String, String> want = wanted.getMetadata().getLabels() == null ? Map.of()
                : wanted.getMetadata().getLabels();
        return want.entrySet().stream().anyMatch(e -> !e.getValue().equals(have.get(e.getKey())));
    }
}
