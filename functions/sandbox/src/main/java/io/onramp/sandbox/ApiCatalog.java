package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The built-in resource types of the sandbox API server and the discovery documents kubectl reads before any request
 * ({@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/<group>/<version>}).
 */
public final class ApiCatalog {

  private static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list",
      "patch", "update", "watch");
  private static final List<String> NO_COLLECTION_DELETE = List.of("create", "delete", "get", "list", "patch",
      "update", "watch");
  private static final List<String> CREATE_ONLY = List.of("create");
  private static final List<String> GET_PATCH_UPDATE = List.of("get", "patch", "update");

  private static final ApiCatalog STANDARD = new ApiCatalog(standardTypes());

  private final List<ApiResourceType> types;

  private ApiCatalog(List<ApiResourceType> types) {
    this.types = List.copyOf(types);
  }

  /** The catalog of the sandbox: core, apps, batch, networking, RBAC, policy, storage, authorization and more. */
  public static ApiCatalog standard() {
    return STANDARD;
  }

  public List<ApiResourceType> types() {
    return types;
  }

  /** Namespaced types that can be listed and deleted, in catalog order. */
  public List<ApiResourceType> namespacedStorableTypes() {
    return types.stream().filter(t -> t.namespaced() && t.supports("list") && t.supports("delete")).toList();
  }

  public Optional<ApiResourceType> find(String group, String version, String plural) {
    return types.stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
        .findFirst();
  }

  /** Finds a type by {@code apiVersion} ({@code v1}, {@code apps/v1}) and kind. */
  public Optional<ApiResourceType> findByKind(String apiVersion, String kind) {
    return types.stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
  }

  /** Group versions in announcement order, e.g. {@code [v1, apps/v1, ...]}. */
  public List<String> groupVersions() {
    return types.stream().map(ApiResourceType::apiVersion).distinct().toList();
  }

  public boolean servesGroupVersion(String group, String version) {
    return types.stream().anyMatch(t -> t.group().equals(group) && t.version().equals(version));
  }

  public boolean servesGroup(String group) {
    return types.stream().anyMatch(t -> t.group().equals(group));
  }

  /** The {@code /api} document. */
  public APIVersions legacyApiVersions(String serverAddress) {
    return new APIVersionsBuilder()
        .withVersions("v1")
        .addNewServerAddressByClientCIDR()
        .withClientCIDR("0.0.0.0/0")
        .withServerAddress(serverAddress)
        .endServerAddressByClientCIDR()
        .build();
  }

  /** The {@code /apis} document, plus the given extra groups (e.g. from custom resource definitions). */
  public APIGroupList apiGroupList(List<APIGroup> extraGroups) {
    List<APIGroup> groups = new ArrayList<>();
    for (String group : groupNames()) {
      groups.add(apiGroup(group));
    }
    for (APIGroup extra : extraGroups) {
      if (groups.stream().noneMatch(g -> g.getName().equals(extra.getName()))) {
        groups.add(extra);
      }
    }
    return new APIGroupListBuilder().withGroups(groups).build();
  }

  /** The {@code /apis/<group>} document. */
  public APIGroup apiGroup(String group) {
    List<GroupVersionForDiscovery> versions = types.stream()
        .filter(t -> t.group().equals(group))
        .map(ApiResourceType::version)
        .distinct()
        .map(v -> new GroupVersionForDiscoveryBuilder().withGroupVersion(group + "/" + v).withVersion(v).build())
        .toList();
    return new APIGroupBuilder()
        .withName(group)
        .withVersions(versions)
        .withPreferredVersion(versions.get(0))
        .build();
  }

  /** The {@code /api/v1} or {@code /apis/<group>/<version>} document. */
  public APIResourceList apiResourceList(String group, String version) {
    List<APIResource> resources = new ArrayList<>();
    for (ApiResourceType type : types) {
      if (!type.group().equals(group) || !type.version().equals(version)) {
        continue;
      }
      resources.add(new APIResourceBuilder()
          .withName(type.plural())
          .withSingularName(type.singular())
          .withNamespaced(type.namespaced())
          .withKind(type.kind())
          .withVerbs(type.verbs())
          .withShortNames(type.shortNames().isEmpty() ? null : type.shortNames())
          .withCategories(type.categories().isEmpty() ? null : type.categories())
          .build());
      for (ApiResourceType.Subresource sub : type.subresources()) {
        resources.add(new APIResourceBuilder()
            .withName(type.plural() + "/" + sub.name())
            .withSingularName("")
            .withNamespaced(type.namespaced())
            .withGroup(sub.group().isEmpty() ? null : sub.group())
            .withVersion(sub.version().isEmpty() ? null : sub.version())
            .withKind(sub.kind())
            .withVerbs(sub.verbs())
            .build());
      }
    }
    return new APIResourceListBuilder()
        .withGroupVersion(group.isEmpty() ? version : group + "/" + version)
        .withResources(resources)
        .build();
  }

  private List<String> groupNames() {
    return types.stream().map(ApiResourceType::group).filter(g -> !g.isEmpty()).distinct().toList();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The standard catalog

  private static List<ApiResourceType> standardTypes() {
    List<ApiResourceType> t = new ArrayList<>();
    // core/v1
    t.add(type("v1", "bindings", "binding", "Binding", true, CREATE_ONLY, ""));
    t.add(type("v1", "configmaps", "configmap", "ConfigMap", true, ALL_VERBS, "cm"));
    t.add(type("v1", "endpoints", "endpoints", "Endpoints", true, ALL_VERBS, "ep"));
    t.add(type("v1", "events", "event", "Event", true, ALL_VERBS, "ev"));
    t.add(type("v1", "limitranges", "limitrange", "LimitRange", true, ALL_VERBS, "limits"));
    t.add(type("v1", "namespaces", "namespace", "Namespace", false, NO_COLLECTION_DELETE, "ns",
        status("Namespace"), sub("finalize", "Namespace", List.of("update"))));
    t.add(type("v1", "nodes", "node", "Node", false, ALL_VERBS, "no",
        status("Node"), sub("proxy", "NodeProxyOptions", List.of("create", "delete", "get", "patch", "update"))));
    t.add(type("v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, ALL_VERBS,
        "pvc", status("PersistentVolumeClaim")));
    t.add(type("v1", "persistentvolumes", "persistentvolume", "PersistentVolume", false, ALL_VERBS, "pv",
        status("PersistentVolume")));
    t.add(withCategories(type("v1", "pods", "pod", "Pod", true, ALL_VERBS, "po",
        status("Pod"),
        sub("attach", "PodAttachOptions", List.of("create", "get")),
        sub("binding", "Binding", CREATE_ONLY),
        sub("ephemeralcontainers", "Pod", GET_PATCH_UPDATE),
        new ApiResourceType.Subresource("eviction", "policy", "v1", "Eviction", CREATE_ONLY),
        sub("exec", "PodExecOptions", List.of("create", "get")),
        sub("log", "Pod", List.of("get")),
        sub("portforward", "PodPortForwardOptions", List.of("create", "get")),
        sub("proxy", "PodProxyOptions", List.of("create", "delete", "get", "patch", "update"))), "all"));
    t.add(type("v1", "podtemplates", "podtemplate", "PodTemplate", true, ALL_VERBS, ""));
    t.add(withCategories(type("v1", "replicationcontrollers", "replicationcontroller", "ReplicationController", true,
        ALL_VERBS, "rc", status("ReplicationController"), scale()), "all"));
    t.add(type("v1", "resourcequotas", "resourcequota", "ResourceQuota", true, ALL_VERBS, "quota",
        status("ResourceQuota")));
    t.add(type("v1", "secrets", "secret", "Secret", true, ALL_VERBS, ""));
    t.add(type("v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, ALL_VERBS, "sa",
        new ApiResourceType.Subresource("token", "authentication.k8s.io", "v1", "TokenRequest", CREATE_ONLY)));
    t.add(withCategories(type("v1", "services", "service", "Service", true, NO_COLLECTION_DELETE, "svc",
        status("Service"), sub("proxy", "ServiceProxyOptions", List.of("create", "delete", "get", "patch", "update"))),
        "all"));
    // apps/v1
    t.add(type("apps/v1", "controllerrevisions", "controllerrevision", "ControllerRevision", true, ALL_VERBS, ""));
    t.add(withCategories(type("apps/v1", "daemonsets", "daemonset", "DaemonSet", true, ALL_VERBS, "ds",
        status("DaemonSet")), "all"));
    t.add(withCategories(type("apps/v1", "deployments", "deployment", "Deployment", true, ALL_VERBS, "deploy",
        status("Deployment"), scale()), "all"));
    t.add(withCategories(type("apps/v1", "replicasets", "replicaset", "ReplicaSet", true, ALL_VERBS, "rs",
        status("ReplicaSet"), scale()), "all"));
    t.add(withCategories(type("apps/v1", "statefulsets", "statefulset", "StatefulSet", true, ALL_VERBS, "sts",
        status("StatefulSet"), scale()), "all"));
    // events.k8s.io/v1
    t.add(type("events.k8s.io/v1", "events", "event", "Event", true, ALL_VERBS, "ev"));
    // authentication.k8s.io/v1
    t.add(type("authentication.k8s.io/v1", "selfsubjectreviews", "selfsubjectreview", "SelfSubjectReview", false,
        CREATE_ONLY, ""));
    t.add(type("authentication.k8s.io/v1", "tokenreviews", "tokenreview", "TokenReview", false, CREATE_ONLY, ""));
    // authorization.k8s.io/v1
    t.add(type("authorization.k8s.io/v1", "localsubjectaccessreviews", "localsubjectaccessreview",
        "LocalSubjectAccessReview", true, CREATE_ONLY, ""));
    t.add(type("authorization.k8s.io/v1", "selfsubjectaccessreviews", "selfsubjectaccessreview",
        "SelfSubjectAccessReview", false, CREATE_ONLY, ""));
    t.add(type("authorization.k8s.io/v1", "selfsubjectrulesreviews", "selfsubjectrulesreview",
        "SelfSubjectRulesReview", false, CREATE_ONLY, ""));
    t.add(type("authorization.k8s.io/v1", "subjectaccessreviews", "subjectaccessreview", "SubjectAccessReview",
        false, CREATE_ONLY, ""));
    // autoscaling/v2
    t.add(withCategories(type("autoscaling/v2", "horizontalpodautoscalers", "horizontalpodautoscaler",
        "HorizontalPodAutoscaler", true, ALL_VERBS, "hpa", status("HorizontalPodAutoscaler")), "all"));
    // batch/v1
    t.add(withCategories(type("batch/v1", "cronjobs", "cronjob", "CronJob", true, ALL_VERBS, "cj",
        status("CronJob")), "all"));
    t.add(withCategories(type("batch/v1", "jobs", "job", "Job", true, ALL_VERBS, "", status("Job")), "all"));
    // networking.k8s.io/v1
    t.add(type("networking.k8s.io/v1", "ingressclasses", "ingressclass", "IngressClass", false, ALL_VERBS, ""));
    t.add(type("networking.k8s.io/v1", "ingresses", "ingress", "Ingress", true, ALL_VERBS, "ing",
        status("Ingress")));
    t.add(type("networking.k8s.io/v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, ALL_VERBS,
        "netpol"));
    // policy/v1
    t.add(type("policy/v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, ALL_VERBS,
        "pdb", status("PodDisruptionBudget")));
    // rbac.authorization.k8s.io/v1
    t.add(type("rbac.authorization.k8s.io/v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding",
        false, ALL_VERBS, ""));
    t.add(type("rbac.authorization.k8s.io/v1", "clusterroles", "clusterrole", "ClusterRole", false, ALL_VERBS, ""));
    t.add(type("rbac.authorization.k8s.io/v1", "rolebindings", "rolebinding", "RoleBinding", true, ALL_VERBS, ""));
    t.add(type("rbac.authorization.k8s.io/v1", "roles", "role", "Role", true, ALL_VERBS, ""));
    // storage.k8s.io/v1
    t.add(type("storage.k8s.io/v1", "storageclasses", "storageclass", "StorageClass", false, ALL_VERBS, "sc"));
    // apiextensions.k8s.io/v1
    t.add(type("apiextensions.k8s.io/v1", "customresourcedefinitions", "customresourcedefinition",
        "CustomResourceDefinition", false, ALL_VERBS, "crd,crds", status("CustomResourceDefinition")));
    // scheduling.k8s.io/v1
    t.add(type("scheduling.k8s.io/v1", "priorityclasses", "priorityclass", "PriorityClass", false, ALL_VERBS, "pc"));
    // coordination.k8s.io/v1
    t.add(type("coordination.k8s.io/v1", "leases", "lease", "Lease", true, ALL_VERBS, ""));
    // discovery.k8s.io/v1
    t.add(type("discovery.k8s.io/v1", "endpointslices", "endpointslice", "EndpointSlice", true, ALL_VERBS, ""));
    return Collections.unmodifiableList(t);
  }

  private static ApiResourceType type(String apiVersion, String plural, String singular, String kind,
      boolean namespaced, List<String> verbs, String shortNames, ApiResourceType.Subresource... subresources) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    List<String> shorts = shortNames.isEmpty() ? List.of() : Arrays.asList(shortNames.split(","));
    return new ApiResourceType(group, version, plural, singular, kind, namespaced, verbs, shorts, List.of(),
        Arrays.asList(subresources));
  }

  private static ApiResourceType withCategories(ApiResourceType t, String... categories) {
    return new ApiResourceType(t.group(), t.version(), t.plural(), t.singular(), t.kind(), t.namespaced(), t.verbs(),
        t.shortNames(), Arrays.asList(categories), t.subresources());
  }

  private static ApiResourceType.Subresource status(String kind) {
    return sub("status", kind, GET_PATCH_UPDATE);
  }

  private static ApiResourceType.Subresource scale() {
    return new ApiResourceType.Subresource("scale", "autoscaling", "v1", "Scale", GET_PATCH_UPDATE);
  }

  private static ApiResourceType.Subresource sub(String name, String kind, List<String> verbs) {
    return new ApiResourceType.Subresource(name, "", "", kind, verbs);
  }
}
