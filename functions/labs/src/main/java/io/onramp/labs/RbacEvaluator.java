package io.onramp.labs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Structural RBAC evaluation (content/README.md section 4.6): is a namespaced request of a ServiceAccount granted by
 * the namespace's RoleBindings? A binding applies when a subject is the ServiceAccount (subject namespace equal to
 * the namespace or empty, meaning the binding's namespace), one of its groups ({@code system:serviceaccounts},
 * {@code system:serviceaccounts:<ns>}, {@code system:authenticated}) or its user name; {@code roleRef} to a Role of
 * the namespace, or to a ClusterRole the grader can read. Only RoleBindings count: Onramp's learners cannot create
 * ClusterRoleBindings, and grading a namespace must not depend on cluster-wide grants.
 */
public final class RbacEvaluator {

    private RbacEvaluator() {
    }

    public static boolean allows(AccessRule rule, NamespaceSnapshot snapshot) {
        String ns = snapshot.namespace();
        Set<String> groups = Set.of("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated");
        String user = "system:serviceaccount:" + ns + ":" + rule.serviceAccount();
        for (Map<String, Object> binding : snapshot.list(ResourceKind.ROLE_BINDING)) {
            if (!bindsSubject(binding, rule.serviceAccount(), ns, groups, user)) {
                continue;
            }
            Map<String, Object> ref = Trees.map(binding, "roleRef");
            String refName = Trees.text(ref, "name");
            if (refName == null) {
                continue;
            }
            Optional<Map<String, Object>> role = switch (String.valueOf(Trees.text(ref, "kind"))) {
                case "Role" -> snapshot.list(ResourceKind.ROLE).stream()
                        .filter(r -> refName.equals(Trees.text(Trees.map(r, "metadata"), "name"))).findFirst();
                case "ClusterRole" -> snapshot.clusterRole(refName);
                default -> Optional.empty();
            };
            if (role.isPresent() && grants(Trees.list(role.get(), "rules"), rule)) {
                return true;
            }
        }
        return false;
    }

    private static boolean bindsSubject(Map<String, Object> binding, String sa, String ns, Set<String> groups,
            String user) {
        for (Object s : Trees.list(binding, "subjects")) {
            String kind = Trees.text(s, "kind");
            String name = Trees.text(s, "name");
            if ("ServiceAccount".equals(kind) && sa.equals(name)) {
                String subjectNs = Trees.text(s, "namespace");
                if (subjectNs == null || subjectNs.isEmpty() || subjectNs.equals(ns)) {
                    return true;
                }
            } else if ("Group".equals(kind) && groups.contains(name)) {
                return true;
            } else if ("User".equals(kind) && user.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the rules grants the request. */
    public static boolean grants(List<?> rules, AccessRule rule) {
        for (Object r : rules) {
            if (ruleGrants(r, rule.group(), rule.resource(), rule.subresource(), rule.verb(), rule.resourceName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether one PolicyRule (as a tree) grants {@code verb} on {@code group/resource[/subresource]} (named
     * {@code resourceName}, may be null).
     */
    public static boolean ruleGrants(Object rule, String group, String resource, String subresource, String verb,
            String resourceName) {
        List<?> groups = Trees.list(rule, "apiGroups");
        List<?> resources = Trees.list(rule, "resources");
        List<?> verbs = Trees.list(rule, "verbs");
        List<?> names = Trees.list(rule, "resourceNames");
        if (!(groups.contains(group) || groups.contains("*"))) {
            return false;
        }
        String full = subresource == null ? resource : resource + "/" + subresource;
        boolean resourceMatches = resources.contains(full) || resources.contains("*")
                || subresource != null && resources.contains("*/" + subresource);
        if (!resourceMatches) {
            return false;
        }
        if (!(verbs.contains(verb) || verbs.contains("*"))) {
            return false;
        }
        if (!names.isEmpty()) {
            return resourceName != null && names.contains(resourceName);
        }
        return true;
    }
}
