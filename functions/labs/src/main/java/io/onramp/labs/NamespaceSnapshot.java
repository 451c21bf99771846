package io.onramp.labs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.onramp.core.error.OnrampException;

/**
 * What one grading run sees of a learner's namespace: objects per kind as JSON-like trees, listed at most once per
 * kind (objects being deleted are left out), plus the cluster facts access checks need. Not thread-safe; make one per
 * grading run.
 */
public abstract class NamespaceSnapshot {

    private final String namespace;
    private final Map<ResourceKind, List<Map<String, Object>>> lists = new EnumMap<>(ResourceKind.class);
    private final Map<String, Optional<Map<String, Object>>> clusterRoles = new HashMap<>();
    private Boolean sandbox;

    protected NamespaceSnapshot(String namespace) {
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    /** The objects of a kind in the namespace, without those that have a deletionTimestamp. */
    public List<Map<String, Object>> list(ResourceKind kind) {
        return lists.computeIfAbsent(kind, k -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> o : fetch(k)) {
                if (Trees.map(o, "metadata").get("deletionTimestamp") == null) {
                    out.add(o);
                }
            }
            return List.copyOf(out);
        });
    }

    /** A ClusterRole's rules holder, when it exists and may be read; else empty. */
    public Optional<Map<String, Object>> clusterRole(String name) {
        return clusterRoles.computeIfAbsent(name, this::fetchClusterRole);
    }

    /** Whether the API server is the Onramp sandbox (its SubjectAccessReviews always allow). */
    public boolean isSandbox() {
        if (sandbox == null) {
            sandbox = detectSandbox();
        }
        return sandbox;
    }

    /** The API server's answer to the access question, or empty when it cannot be asked. */
    public abstract Optional<Boolean> accessReview(AccessRule rule);

    protected abstract List<Map<String, Object>> fetch(ResourceKind kind);

    protected abstract Optional<Map<String, Object>> fetchClusterRole(String name);

    protected abstract boolean detectSandbox();

    /** A snapshot read through the API server. */
    public static NamespaceSnapshot of(KubernetesClient client, String namespace) {
        return new Live(client, namespace);
    }

    /**
     * A snapshot of objects in memory (each a JSON-like tree with {@code kind}); for tools and tests. Access reviews
     * are not available, ClusterRoles are looked up among {@code clusterRoles}.
     */
    public static NamespaceSnapshot ofObjects(String namespace, Collection<Map<String, Object>> objects,
            Collection<Map<String, Object>> clusterRoles) {
        return new InMemory(namespace, objects, clusterRoles);
    }

    private static final class Live extends NamespaceSnapshot {

        /** What each API server is, asked once per client: it does not change while the client lives. */
        private static final Map<KubernetesClient, Boolean> SANDBOXES =
                java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

        private final KubernetesClient client;

        Live(KubernetesClient client, String namespace) {
            super(namespace);
            this.client = client;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected List<Map<String, Object>> fetch(ResourceKind kind) {
            try {
                List<GenericKubernetesResource> items = client.genericKubernetesResources(kind.context())
                        .inNamespace(namespace()).list().getItems();
                List<Map<String, Object>> out = new ArrayList<>(items.size());
                for (GenericKubernetesResource item : items) {
                    Map<String, Object> tree = client.getKubernetesSerialization().convertValue(item, Map.class);
                    tree.putIfAbsent("apiVersion", kind.apiVersion());
                    tree.putIfAbsent("kind", kind.kind()); // list items may come without kind
                    out.add(tree);
                }
                return out;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return List.of(); // the kind is not served: nothing of it exists
                }
                throw OnrampException.unavailable("Cannot read " + kind.plural() + " in namespace " + namespace()
                        + " (HTTP " + e.getCode() + ").");
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Optional<Map<String, Object>> fetchClusterRole(String name) {
            try {
                ClusterRole role = client.rbac().clusterRoles().withName(name).get();
                return role == null ? Optional.empty()
                        : Optional.of(client.getKubernetesSerialization().convertValue(role, Map.class));
            } catch (KubernetesClientException e) {
                return Optional.empty(); // not readable: grants nothing (content/README.md section 4.6)
            }
        }

        @Override
        protected boolean detectSandbox() {
            Boolean known = SANDBOXES.get(client);
            if (known != null) {
                return known;
            }
            try {
                VersionInfo version = client.getKubernetesVersion();
                boolean sandbox = version != null && version.getGitVersion() != null
                        && version.getGitVersion().contains("onramp-sandbox");
                SANDBOXES.put(client, sandbox);
                return sandbox;
            } catch (KubernetesClientException e) {
                return false; // not remembered: asked again next time
            }
        }

        @Override
        public Optional<Boolean> accessReview(AccessRule rule) {
            String ns = namespace();
            SubjectAccessReview review = new SubjectAccessReviewBuilder()
                    .withNewSpec()
                    .withUser("system:serviceaccount:" + ns + ":" + rule.serviceAccount())
                    .withGroups("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated")
                    .withNewResourceAttributes()
                    .withNamespace(ns)
                    .withVerb(rule.verb())
                    .withGroup(rule.group())
                    .withResource(rule.resource())
                    .withSubresource(rule.subresource())
                    .withName(rule.resourceName())
                    .endResourceAttributes()
                    .endSpec()
                    .build();
            try {
                SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(review);
                if (answer == null || answer.getStatus() == null) {
                    return Optional.empty();
                }
                return Optional.of(Boolean.TRUE.equals(answer.getStatus().getAllowed()));
            } catch (KubernetesClientException e) {
                return Optional.empty();
            }
        }
    }

    private static final class InMemory extends NamespaceSnapshot {

        private final List<Map<String, Object>> objects;
        private final List<Map<String, Object>> clusterRoles;

        InMemory(String namespace, Collection<Map<String, Object>> objects,
                Collection<Map<String, Object>> clusterRoles) {
            super(namespace);
            this.objects = List.copyOf(objects);
            this.clusterRoles = clusterRoles == null ? List.of() : List.copyOf(clusterRoles);
        }

        @Override
        protected List<Map<String, Object>> fetch(ResourceKind kind) {
            return objects.stream().filter(o -> kind.kind().equals(o.get("kind"))).toList();
        }

        @Override
        protected Optional<Map<String, Object>> fetchClusterRole(String name) {
            return clusterRoles.stream().filter(r -> name.equals(Trees.text(Trees.map(r, "metadata"), "name")))
                    .findFirst();
        }

        @Override
        protected boolean detectSandbox() {
            return false;
        }

        @Override
        public Optional<Boolean> accessReview(AccessRule rule) {
            return Optional.empty();
        }
    }
}
