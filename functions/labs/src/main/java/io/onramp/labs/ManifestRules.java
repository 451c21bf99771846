package io.onramp.labs;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rules for one starter or solution object (content/README.md sections 6 and 7 invariant 6): a known, namespaced kind
 * in a served API version, no {@code metadata.namespace}, creatable with the developer role, Roles that grant no more
 * than the developer holds, no storage class, no {@code stringData}, no NodePort/LoadBalancer Service, no DaemonSet,
 * no self-deleting Job.
 */
final class ManifestRules {

    private ManifestRules() {
    }

    static void check(Manifest m, Guardrails guardrails, Consumer<String> problems) {
        String kind = m.kind();
        String apiVersion = m.apiVersion();
        if (kind == null || apiVersion == null || m.name() == null) {
            problems.accept("every object needs apiVersion, kind and metadata.name");
            return;
        }
        if (m.namespace() != null) {
            problems.accept(m.key() + " sets metadata.namespace; objects never name the namespace");
        }
        var info = KubernetesKinds.of(kind);
        if (info.isEmpty()) {
            problems.accept(m.key() + ": unknown kind " + kind);
            return;
        }
        var k = info.get();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
        if (!group.equals(k.group()) || !k.versions().contains(version)) {
            problems.accept(m.key() + ": apiVersion " + apiVersion + " is not served for " + kind + " (use "
                    + (k.group().isEmpty() ? "" : k.group() + "/") + k.versions().get(0) + ")");
        }
        if (!k.namespaced()) {
            problems.accept(m.key() + " is cluster-scoped; the developer role only covers the namespace");
            return;
        }
        if (!guardrails.developerMay("create", k.group(), k.plural(), null)) {
            problems.accept(m.key() + ": the developer role may not create " + k.plural()
                    + (k.group().isEmpty() ? "" : "." + k.group()));
        }
        Map<String, Object> spec = Trees.map(m.object(), "spec");
        switch (kind) {
            case "Role" -> roleRules(m, guardrails, problems);
            case "Service" -> {
                String type = Trees.text(spec, "type");
                if ("NodePort".equals(type) || "LoadBalancer".equals(type)) {
                    problems.accept(m.key() + " is of type " + type + "; the quota allows no NodePort or "
                            + "LoadBalancer Services");
                }
            }
            case "PersistentVolumeClaim" -> {
                if (spec.containsKey("storageClassName")) {
                    problems.accept(m.key() + " names a storage class; labs use the cluster default");
                }
            }
            case "StatefulSet" -> {
                for (Object t : Trees.list(spec, "volumeClaimTemplates")) {
                    if (Trees.map(t, "spec").containsKey("storageClassName")) {
                        problems.accept(m.key() + " names a storage class in a volume claim template");
                    }
                }
            }
            case "Secret" -> {
                if (m.object().containsKey("stringData")) {
                    problems.accept(m.key() + " uses stringData; use base64 data (the sandbox does not convert "
                            + "stringData)");
                }
            }
            case "Job" -> {
                if (spec.containsKey("ttlSecondsAfterFinished")) {
                    problems.accept(m.key() + " sets ttlSecondsAfterFinished; graded objects must not disappear "
                            + "by themselves");
                }
            }
            default -> {
            }
        }
    }

    private static void roleRules(Manifest m, Guardrails guardrails, Consumer<String> problems) {
        for (Object rule : Trees.list(m.object(), "rules")) {
            List<?> groups = Trees.list(rule, "apiGroups");
            List<?> resources = Trees.list(rule, "resources");
            List<?> verbs = Trees.list(rule, "verbs");
            if (groups.isEmpty() || resources.isEmpty() || verbs.isEmpty()) {
                problems.accept(m.key() + ": every rule needs apiGroups, resources and verbs");
                continue;
            }
            for (Object g : groups) {
                for (Object r : resources) {
                    for (Object v : verbs) {
                        String res = String.valueOf(r);
                        String sub = null;
                        if (res.contains("/")) {
                            sub = res.substring(res.indexOf('/') + 1);
                            res = res.substring(0, res.indexOf('/'));
                        }
                        if ("*".equals(g) || "*".equals(res) || "*".equals(v)
                                || !guardrails.developerMay(String.valueOf(v), String.valueOf(g), res, sub)) {
                            problems.accept(m.key() + " grants " + v + " on " + r
                                    + (String.valueOf(g).isEmpty() ? "" : "." + g) + ", which the developer role "
                                    + "does not hold; the API server refuses to create Roles that escalate");
                        }
                    }
                }
            }
        }
    }
}
