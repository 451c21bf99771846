package io.onramp.labs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Kinds a lab manifest may name, with their API group, served versions, plural and scope. */
public final class KubernetesKinds {

    /** One kind. */
    public record KindInfo(String kind, String group, List<String> versions, String plural, boolean namespaced) {
    }

    private static final Map<String, KindInfo> KINDS = Map.ofEntries(
            ns("Pod", "", "pods", "v1"),
            ns("Service", "", "services", "v1"),
            ns("ConfigMap", "", "configmaps", "v1"),
            ns("Secret", "", "secrets", "v1"),
            ns("ServiceAccount", "", "serviceaccounts", "v1"),
            ns("PersistentVolumeClaim", "", "persistentvolumeclaims", "v1"),
            ns("Endpoints", "", "endpoints", "v1"),
            ns("Event", "", "events", "v1"),
            ns("ResourceQuota", "", "resourcequotas", "v1"),
            ns("LimitRange", "", "limitranges", "v1"),
            ns("ReplicationController", "", "replicationcontrollers", "v1"),
            ns("PodTemplate", "", "podtemplates", "v1"),
            ns("Deployment", "apps", "deployments", "v1"),
            ns("ReplicaSet", "apps", "replicasets", "v1"),
            ns("StatefulSet", "apps", "statefulsets", "v1"),
            ns("DaemonSet", "apps", "daemonsets", "v1"),
            ns("ControllerRevision", "apps", "controllerrevisions", "v1"),
            ns("Job", "batch", "jobs", "v1"),
            ns("CronJob", "batch", "cronjobs", "v1"),
            ns("HorizontalPodAutoscaler", "autoscaling", "horizontalpodautoscalers", "v2", "v1"),
            ns("Ingress", "networking.k8s.io", "ingresses", "v1"),
            ns("NetworkPolicy", "networking.k8s.io", "networkpolicies", "v1"),
            ns("Role", "rbac.authorization.k8s.io", "roles", "v1"),
            ns("RoleBinding", "rbac.authorization.k8s.io", "rolebindings", "v1"),
            ns("PodDisruptionBudget", "policy", "poddisruptionbudgets", "v1"),
            ns("EndpointSlice", "discovery.k8s.io", "endpointslices", "v1"),
            ns("Lease", "coordination.k8s.io", "leases", "v1"),
            cluster("Namespace", "", "namespaces", "v1"),
            cluster("Node", "", "nodes", "v1"),
            cluster("PersistentVolume", "", "persistentvolumes", "v1"),
            cluster("ClusterRole", "rbac.authorization.k8s.io", "clusterroles", "v1"),
            cluster("ClusterRoleBinding", "rbac.authorization.k8s.io", "clusterrolebindings", "v1"),
            cluster("StorageClass", "storage.k8s.io", "storageclasses", "v1"),
            cluster("CSIDriver", "storage.k8s.io", "csidrivers", "v1"),
            cluster("IngressClass", "networking.k8s.io", "ingressclasses", "v1"),
            cluster("PriorityClass", "scheduling.k8s.io", "priorityclasses", "v1"),
            cluster("RuntimeClass", "node.k8s.io", "runtimeclasses", "v1"),
            cluster("CustomResourceDefinition", "apiextensions.k8s.io", "customresourcedefinitions", "v1"),
            cluster("ValidatingWebhookConfiguration", "admissionregistration.k8s.io",
                    "validatingwebhookconfigurations", "v1"),
            cluster("MutatingWebhookConfiguration", "admissionregistration.k8s.io", "mutatingwebhookconfigurations",
                    "v1"));

    private KubernetesKinds() {
    }

    public static Optional<KindInfo> of(String kind) {
        return Optional.ofNullable(KINDS.get(kind));
    }

    private static Map.Entry<String, KindInfo> ns(String kind, String group, String plural, String... versions) {
        return Map.entry(kind, new KindInfo(kind, group, List.of(versions), plural, true));
    }

    private static Map.Entry<String, KindInfo> cluster(String kind, String group, String plural, String... versions) {
        return Map.entry(kind, new KindInfo(kind, group, List.of(versions), plural, false));
    }
}
