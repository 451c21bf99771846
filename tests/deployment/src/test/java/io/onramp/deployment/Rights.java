package io.onramp.deployment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;

/**
 * What a ServiceAccount may do according to the kustomization's RBAC, as atomic grants: one verb on one resource of
 * one API group, optionally for one name only, cluster-wide or in one namespace. Wildcards are not expanded (the
 * manifests must not use them, {@link FunctionRightsTest#noRoleUsesWildcards}).
 */
public final class Rights {

    /** Scope of a grant given by a ClusterRoleBinding. */
    public static final String CLUSTER = "<cluster>";

    /** One atomic grant; {@code name} null means any name. */
    public record Grant(String scope, String group, String resource, String verb, String name)
            implements Comparable<Grant> {

        @Override
        public int compareTo(Grant o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return (scope.equals(CLUSTER) ? "" : scope + ": ") + verb + " " + (group.isEmpty() ? "" : group + "/")
                    + resource + (name == null ? "" : " [" + name + "]");
        }
    }

    private final Set<Grant> grants;

    private Rights(Set<Grant> grants) {
        this.grants = grants;
    }

    public Set<Grant> grants() {
        return grants;
    }

    /** The rights of ServiceAccount {@code namespace/name} from the bindings of the kustomization. */
    public static Rights of(Kustomization k, String namespace, String serviceAccount) {
        Set<Grant> out = new TreeSet<>();
        for (ClusterRoleBinding b : k.all(ClusterRoleBinding.class)) {
            if (binds(b.getSubjects(), namespace, serviceAccount, null)) {
                out.addAll(expand(CLUSTER, rulesOf(k, b.getRoleRef(), null)));
            }
        }
        for (RoleBinding b : k.all(RoleBinding.class)) {
            String ns = b.getMetadata().getNamespace();
            if (binds(b.getSubjects(), namespace, serviceAccount, ns)) {
                out.addAll(expand(ns, rulesOf(k, b.getRoleRef(), ns)));
            }
        }
        return new Rights(out);
    }

    /** Grants built from a compact table: {@code grant("", "namespaces", "get,list")}. */
    public static Rights table(List<Grant> grants) {
        return new Rights(new TreeSet<>(grants));
    }

    /** Cluster-wide grants of every verb in {@code verbs} (comma-separated) on {@code group/resource}. */
    public static List<Grant> grant(String group, String resource, String verbs) {
        return named(group, resource, null, verbs);
    }

    /** Cluster-wide grants of every verb in {@code verbs} on one named object of {@code group/resource}. */
    public static List<Grant> named(String group, String resource, String name, String verbs) {
        List<Grant> out = new ArrayList<>();
        for (String verb : verbs.split(",")) {
            out.add(new Grant(CLUSTER, group, resource, verb.trim(), name));
        }
        return out;
    }

    /** Whether {@code verb} on {@code group/resource} named {@code name} (null: unnamed, e.g. create, list) is allowed. */
    public boolean allows(String verb, String group, String resource, String name, String namespace) {
        for (Grant g : grants) {
            if (g.verb().equals(verb) && g.group().equals(group) && g.resource().equals(resource)
                    && (g.name() == null || g.name().equals(name))
                    && (g.scope().equals(CLUSTER) || g.scope().equals(namespace))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code verb} is granted on {@code group/resource} for any name (not only for some names). */
    public boolean allowsAnyName(String verb, String group, String resource) {
        return grants.stream().anyMatch(g -> g.verb().equals(verb) && g.group().equals(group)
                && g.resource().equals(resource) && g.name() == null);
    }

    private static boolean binds(List<Subject> subjects, String namespace, String serviceAccount, String bindingNs) {
        if (subjects == null) {
            return false;
        }
        for (Subject s : subjects) {
            String subjectNs = s.getNamespace() == null || s.getNamespace().isEmpty() ? bindingNs : s.getNamespace();
            if ("ServiceAccount".equals(s.getKind()) && serviceAccount.equals(s.getName())
                    && namespace.equals(subjectNs)) {
                return true;
            }
            if ("Group".equals(s.getKind()) && (s.getName().equals("system:serviceaccounts")
                    || s.getName().equals("system:serviceaccounts:" + namespace)
                    || s.getName().equals("system:authenticated"))) {
                return true;
            }
            if ("User".equals(s.getKind())
                    && s.getName().equals("system:serviceaccount:" + namespace + ":" + serviceAccount)) {
                return true;
            }
        }
        return false;
    }

    private static List<PolicyRule> rulesOf(Kustomization k, RoleRef ref, String namespace) {
        if ("ClusterRole".equals(ref.getKind())) {
            ClusterRole role = k.require(ClusterRole.class, ref.getName());
            return role.getRules() == null ? List.of() : role.getRules();
        }
        Role role = k.all(Role.class).stream()
                .filter(r -> ref.getName().equals(r.getMetadata().getName())
                        && namespace.equals(r.getMetadata().getNamespace()))
                .findFirst().orElseThrow(() -> new AssertionError("no Role " + namespace + "/" + ref.getName()));
        return role.getRules() == null ? List.of() : role.getRules();
    }

    /** Every (group, resource, verb, name) combination of the rules. */
    public static Set<Grant> expand(String scope, List<PolicyRule> rules) {
        Set<Grant> out = new LinkedHashSet<>();
        for (PolicyRule rule : rules) {
            List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                    ? Arrays.asList((String) null)
                    : rule.getResourceNames();
            for (String group : nonNull(rule.getApiGroups())) {
                for (String resource : nonNull(rule.getResources())) {
                    for (String verb : nonNull(rule.getVerbs())) {
                        for (String name : names) {
                            out.add(new Grant(scope, group, resource, verb, name));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<String> nonNull(List<String> list) {
        return list == null ? List.of() : list;
    }

    @Override
    public String toString() {
        return grants.toString();
    }
}
