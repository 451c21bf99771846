package io.onramp.labs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Removes what a developer created in their namespace (exam mode: a clean start), keeping what Onramp and
 * Kubernetes put there: objects labelled {@code onramp.io/guardrail=true} (NetworkPolicies, RoleBinding, quota,
 * LimitRange) or {@code app.kubernetes.io/managed-by=onramp} (code-server Deployment, pods, Service, Secret, lab
 * ConfigMap, Ingress, {@code developer} ServiceAccount), the {@code default} and {@code developer} ServiceAccounts, the
 * {@code kube-root-ca.crt} ConfigMap, the {@code code-server}/{@code code-server-tls} Secrets, the
 * {@code code-server-home} PVC, ReplicaSets owned by kept Deployments, and service-account token Secrets of kept
 * ServiceAccounts. Deletes with background propagation, so controllers' pods and jobs follow.
 */
public final class NamespaceReset {

    public static final String GUARDRAIL = "onramp.io/guardrail";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_ONRAMP = "onramp";

    /** Kinds a developer can create (DeveloperClusterRole), in deletion order: controllers before what they own. */
    static final List<ResourceKind> KINDS = List.of(ResourceKind.CRON_JOB, ResourceKind.JOB,
            ResourceKind.HORIZONTAL_POD_AUTOSCALER, ResourceKind.DEPLOYMENT, ResourceKind.STATEFUL_SET,
            ResourceKind.REPLICA_SET, ResourceKind.POD, ResourceKind.INGRESS, ResourceKind.SERVICE,
            ResourceKind.CONFIG_MAP, ResourceKind.SECRET, ResourceKind.PERSISTENT_VOLUME_CLAIM,
            ResourceKind.NETWORK_POLICY, ResourceKind.ROLE_BINDING, ResourceKind.ROLE, ResourceKind.SERVICE_ACCOUNT);

    private static final Set<String> KEPT_SERVICE_ACCOUNTS = Set.of("default", "developer");
    private static final Set<String> KEPT_SECRETS = Set.of("code-server", "code-server-tls");

    private NamespaceReset() {
    }

    /** Deletes the developer's objects; returns what was deleted as {@code Kind/name}. */
    public static List<String> reset(KubernetesClient client, String namespace) {
        NamespaceSnapshot snapshot = NamespaceSnapshot.of(client, namespace);
        Set<String> keptDeployments = new HashSet<>();
        for (Map<String, Object> d : snapshot.list(ResourceKind.DEPLOYMENT)) {
            if (kept(ResourceKind.DEPLOYMENT, d, Set.of())) {
                keptDeployments.add(uid(d));
            }
        }
        List<String> deleted = new ArrayList<>();
        for (ResourceKind kind : KINDS) {
            for (Map<String, Object> o : snapshot.list(kind)) {
                if (kept(kind, o, keptDeployments)) {
                    continue;
                }
                String name = Trees.text(Trees.map(o, "metadata"), "name");
                try {
                    client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name)
                            .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                    deleted.add(kind.kind() + "/" + name);
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404) {
                        throw e;
                    }
                }
            }
        }
        return deleted;
    }

    /** Whether an object stays. */
    static boolean kept(ResourceKind kind, Map<String, Object> object, Set<String> keptOwners) {
        Map<String, Object> meta = Trees.map(object, "metadata");
        Map<String, String> labels = Trees.stringMap(meta, "labels");
        String name = Trees.text(meta, "name");
        if ("true".equals(labels.get(GUARDRAIL)) || MANAGED_BY_ONRAMP.equals(labels.get(MANAGED_BY))) {
            return true;
        }
        for (Object ref : Trees.list(meta, "ownerReferences")) {
            if (keptOwners.contains(Trees.text(ref, "uid"))) {
                return true;
            }
        }
        return switch (kind) {
            case SERVICE_ACCOUNT -> KEPT_SERVICE_ACCOUNTS.contains(name);
            case CONFIG_MAP -> "kube-root-ca.crt".equals(name);
            case PERSISTENT_VOLUME_CLAIM -> "code-server-home".equals(name);
            case SECRET -> KEPT_SECRETS.contains(name)
                    || "kubernetes.io/service-account-token".equals(Trees.text(object, "type"))
                            && KEPT_SERVICE_ACCOUNTS.contains(Trees.stringMap(meta, "annotations")
                                    .get("kubernetes.io/service-account.name"));
            default -> false;
        };
    }

    private static String uid(Map<String, Object> o) {
        return Trees.text(Trees.map(o, "metadata"), "uid");
    }
}
