package io.onramp.labs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The pod spec and containers of objects as JSON-like trees (content/README.md section 4.4). */
public final class PodSpecs {

    private PodSpecs() {
    }

    /**
     * {@code spec} for a Pod, {@code spec.template.spec} for Deployment, ReplicaSet, StatefulSet and Job,
     * {@code spec.jobTemplate.spec.template.spec} for CronJob; an empty map for other kinds or when missing.
     */
    public static Map<String, Object> of(ResourceKind kind, Map<String, Object> object) {
        Map<String, Object> spec = Trees.map(object, "spec");
        return switch (kind) {
            case POD -> spec;
            case DEPLOYMENT, REPLICA_SET, STATEFUL_SET, JOB -> Trees.map(Trees.map(spec, "template"), "spec");
            case CRON_JOB -> Trees.map(Trees.map(Trees.map(Trees.map(spec, "jobTemplate"), "spec"), "template"),
                    "spec");
            default -> Map.of();
        };
    }

    /** {@code containers} plus {@code initContainers} (native sidecars included). */
    public static List<Map<String, Object>> containers(Map<String, Object> podSpec) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String field : List.of("containers", "initContainers")) {
            for (Object c : Trees.list(podSpec, field)) {
                if (c instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> container = (Map<String, Object>) m;
                    out.add(container);
                }
            }
        }
        return out;
    }
}
