package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Owner-reference garbage collection (background propagation): an object of a commonly owned type whose owners all
 * are gone (by uid) is deleted. Owners of types the catalog does not know (custom resources) are assumed alive.
 */
final class GarbageCollector {

  private static final System.Logger LOG = System.getLogger(SandboxControllers.class.getName());

  /** Types whose objects are checked for vanished owners. */
  private static final List<String> DEPENDENT_TYPES = List.of(
      "v1/pods", "apps/v1/replicasets", "batch/v1/jobs", "apps/v1/controllerrevisions", "v1/persistentvolumeclaims",
      "v1/services", "v1/endpoints", "v1/configmaps", "v1/secrets", "v1/serviceaccounts", "apps/v1/deployments",
      "apps/v1/statefulsets", "apps/v1/daemonsets", "networking.k8s.io/v1/ingresses",
      "networking.k8s.io/v1/networkpolicies", "rbac.authorization.k8s.io/v1/roles",
      "rbac.authorization.k8s.io/v1/rolebindings", "v1/resourcequotas", "v1/limitranges",
      "policy/v1/poddisruptionbudgets", "discovery.k8s.io/v1/endpointslices");

  private final ApiCatalog catalog;

  GarbageCollector(ApiCatalog catalog) {
    this.catalog = catalog;
  }

  int reconcile(ControllerContext ctx) {
    int before = ctx.writes();
    Map<String, Set<String>> uidsByType = new HashMap<>();
    for (String typeName : DEPENDENT_TYPES) {
      Optional<ApiResourceType> type = byName(typeName);
      if (type.isEmpty()) {
        continue;
      }
      List<GenericKubernetesResource> items;
      try {
        items = ctx.client.genericKubernetesResources(context(type.get())).inAnyNamespace().list().getItems();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "garbage-collector: cannot list " + typeName, e);
        continue;
      }
      ctx.each("garbage-collector", items, item -> {
        if (!ControllerContext.terminating(item) && orphaned(ctx, item, uidsByType)) {
          ctx.delete(item);
        }
      });
    }
    return ctx.writes() - before;
  }

  private boolean orphaned(ControllerContext ctx, GenericKubernetesResource item, Map<String, Set<String>> cache) {
    List<OwnerReference> owners = item.getMetadata().getOwnerReferences();
    if (owners == null || owners.isEmpty()) {
      return false;
    }
    for (OwnerReference owner : owners) {
      Optional<ApiResourceType> type = catalog.findByKind(owner.getApiVersion(), owner.getKind());
      if (type.isEmpty()) {
        return false; // unknown owner type: assume alive
      }
      String namespace = type.get().namespaced() ? item.getMetadata().getNamespace() : null;
      String key = type.get().apiVersion() + "/" + type.get().plural() + "@" + namespace;
      Set<String> uids = cache.computeIfAbsent(key, k -> uidsOf(ctx, type.get(), namespace));
      if (uids == null || uids.contains(owner.getUid())) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> uidsOf(ControllerContext ctx, ApiResourceType type, String namespace) {
    try {
      var op = ctx.client.genericKubernetesResources(context(type));
      List<GenericKubernetesResource> items = namespace == null ? op.list().getItems()
          : op.inNamespace(namespace).list().getItems();
      Set<String> uids = new HashSet<>();
      items.forEach(i -> uids.add(i.getMetadata().getUid()));
      return uids;
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "garbage-collector: cannot list owners " + type.plural(), e);
      return null; // unknown: treat owners as alive
    }
  }

  private Optional<ApiResourceType> byName(String typeName) {
    int last = typeName.lastIndexOf('/');
    String apiVersion = typeName.substring(0, last);
    String plural = typeName.substring(last + 1);
    return catalog.types().stream()
        .filter(t -> t.apiVersion().equals(apiVersion) && t.plural().equals(plural))
        .findFirst();
  }

  private static ResourceDefinitionContext context(ApiResourceType type) {
    return NamespaceReaper.context(type.group(), type.version(), type.plural(), type.kind(), type.namespaced());
  }
}
