package io.onramp.labs;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Evaluates {@code relation} assertions on one selected object (content/README.md section 4.4). */
final class Relations {

    private Relations() {
    }

    static boolean holds(Relation relation, ResourceKind kind, Map<String, Object> object,
            NamespaceSnapshot snapshot) {
        return switch (relation.type()) {
            case SELECTS_PODS -> selectedPods(kind, object, snapshot) >= relation.min();
            case MOUNTS_CONFIGMAP, MOUNTS_SECRET, MOUNTS_PVC -> mounts(relation, kind, object);
            case ENV_FROM_CONFIGMAP, ENV_FROM_SECRET -> envFrom(relation, PodSpecs.of(kind, object));
            case USES_SERVICE_ACCOUNT -> {
                Map<String, Object> spec = PodSpecs.of(kind, object);
                yield relation.name().equals(Trees.text(spec, "serviceAccountName"))
                        || relation.name().equals(Trees.text(spec, "serviceAccount"));
            }
            case BACKEND_SERVICE -> backendService(relation, object);
        };
    }

    /** The selector of a Service, NetworkPolicy or workload; null when it selects nothing. */
    static LabelSelector selector(ResourceKind kind, Map<String, Object> object) {
        Map<String, Object> spec = Trees.map(object, "spec");
        switch (kind) {
            case SERVICE -> {
                Map<String, Object> pairs = Trees.map(spec, "selector");
                return pairs.isEmpty() ? null : LabelSelector.fromMap(pairs);
            }
            case NETWORK_POLICY -> {
                return LabelSelector.fromObject(spec.get("podSelector"));
            }
            case DEPLOYMENT, REPLICA_SET, STATEFUL_SET, POD_DISRUPTION_BUDGET -> {
                Object selector = spec.get("selector");
                if (!(selector instanceof Map<?, ?>)) {
                    return null;
                }
                try {
                    return LabelSelector.fromObject(selector);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
            default -> {
                return null;
            }
        }
    }

    static int selectedPods(ResourceKind kind, Map<String, Object> object, NamespaceSnapshot snapshot) {
        LabelSelector selector = selector(kind, object);
        if (selector == null) {
            return 0;
        }
        int n = 0;
        for (Map<String, Object> pod : snapshot.list(ResourceKind.POD)) {
            if (selector.matches(Trees.stringMap(Trees.map(pod, "metadata"), "labels"))) {
                n++;
            }
        }
        return n;
    }

    private static boolean mounts(Relation relation, ResourceKind kind, Map<String, Object> object) {
        Map<String, Object> spec = PodSpecs.of(kind, object);
        Set<String> volumes = new HashSet<>();
        for (Object v : Trees.list(spec, "volumes")) {
            if (refersTo(relation, v)) {
                volumes.add(Trees.text(v, "name"));
            }
        }
        if (relation.type() == RelationType.MOUNTS_PVC && kind == ResourceKind.STATEFUL_SET) {
            for (Object t : Trees.list(Trees.map(object, "spec"), "volumeClaimTemplates")) {
                if (relation.name().equals(Trees.text(Trees.map(t, "metadata"), "name"))) {
                    volumes.add(relation.name());
                }
            }
        }
        volumes.remove(null);
        if (volumes.isEmpty()) {
            return false;
        }
        for (Map<String, Object> c : PodSpecs.containers(spec)) {
            for (Object m : Trees.list(c, "volumeMounts")) {
                if (volumes.contains(Trees.text(m, "name"))
                        && (relation.mountPath() == null || relation.mountPath().equals(Trees.text(m, "mountPath")))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean refersTo(Relation relation, Object volume) {
        String name = relation.name();
        switch (relation.type()) {
            case MOUNTS_CONFIGMAP -> {
                if (name.equals(Trees.text(Trees.map(volume, "configMap"), "name"))) {
                    return true;
                }
                return projected(volume, "configMap", name);
            }
            case MOUNTS_SECRET -> {
                if (name.equals(Trees.text(Trees.map(volume, "secret"), "secretName"))) {
                    return true;
                }
                return projected(volume, "secret", name);
            }
            case MOUNTS_PVC -> {
                return name.equals(Trees.text(Trees.map(volume, "persistentVolumeClaim"), "claimName"));
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean projected(Object volume, String source, String name) {
        for (Object s : Trees.list(Trees.map(volume, "projected"), "sources")) {
            if (name.equals(Trees.text(Trees.map(s, source), "name"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean envFrom(Relation relation, Map<String, Object> spec) {
        boolean configMap = relation.type() == RelationType.ENV_FROM_CONFIGMAP;
        String refField = configMap ? "configMapRef" : "secretRef";
        String keyRefField = configMap ? "configMapKeyRef" : "secretKeyRef";
        boolean specific = relation.key() != null || relation.env() != null;
        for (Map<String, Object> c : PodSpecs.containers(spec)) {
            if (!specific) {
                for (Object e : Trees.list(c, "envFrom")) {
                    if (relation.name().equals(Trees.text(Trees.map(e, refField), "name"))) {
                        return true;
                    }
                }
            }
            for (Object e : Trees.list(c, "env")) {
                Map<String, Object> ref = Trees.map(Trees.map(e, "valueFrom"), keyRefField);
                if (!relation.name().equals(Trees.text(ref, "name"))) {
                    continue;
                }
                if (relation.key() != null && !relation.key().equals(Trees.text(ref, "key"))) {
                    continue;
                }
                if (relation.env() != null && !relation.env().equals(Trees.text(e, "name"))) {
                    continue;
                }
                return true;
            }
        }
        return false;
    }

    private static boolean backendService(Relation relation, Map<String, Object> object) {
        Map<String, Object> spec = Trees.map(object, "spec");
        List<Object> backends = new java.util.ArrayList<>();
        if (spec.get("defaultBackend") != null) {
            backends.add(spec.get("defaultBackend"));
        }
        for (Object rule : Trees.list(spec, "rules")) {
            for (Object path : Trees.list(Trees.map(rule, "http"), "paths")) {
                backends.add(Trees.map(path, "backend"));
            }
        }
        for (Object b : backends) {
            Map<String, Object> service = Trees.map(b, "service");
            if (!relation.name().equals(Trees.text(service, "name"))) {
                continue;
            }
            Map<String, Object> port = Trees.map(service, "port");
            if (relation.port() == null) {
                return true;
            }
            if (relation.port() instanceof Integer number) {
                if (Values.equal(number, port.get("number"))) {
                    return true;
                }
            } else if (Objects.equals(relation.port(), Trees.text(port, "name"))) {
                return true;
            }
        }
        return false;
    }
}
