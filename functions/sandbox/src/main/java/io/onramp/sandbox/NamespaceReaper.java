package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Namespace deletion: the store deletes a namespace at once and keeps its objects. The reaper deletes every
 * namespaced object (built-in types and custom resources) of a namespace that was deleted through the API, that
 * disappeared since the last pass, or that is terminating (then it also drops the {@code kubernetes} finalizer so
 * the namespace goes away).
 */
final class NamespaceReaper {

  private static final System.Logger LOG = System.getLogger(SandboxControllers.class.getName());

  private final ApiCatalog catalog;
  private final ConcurrentLinkedQueue<String> deleted = new ConcurrentLinkedQueue<>();
  private final Set<String> known = new HashSet<>();

  NamespaceReaper(ApiCatalog catalog) {
    this.catalog = catalog;
  }

  /** Called (from any thread) with the name of a namespace deleted through the API. */
  void namespaceDeleted(String name) {
    deleted.add(name);
  }

  int reconcile(ControllerContext ctx) {
    List<Namespace> namespaces = ctx.client.namespaces().list().getItems();
    Set<String> active = new HashSet<>();
    Set<String> purge = new LinkedHashSet<>();
    List<Namespace> terminating = new ArrayList<>();
    for (Namespace ns : namespaces) {
      if (ControllerContext.terminating(ns)) {
        terminating.add(ns);
        purge.add(ns.getMetadata().getName());
      } else {
        active.add(ns.getMetadata().getName());
      }
    }
    for (String name; (name = deleted.poll()) != null;) {
      if (!active.contains(name)) {
        purge.add(name);
      }
    }
    for (String name : known) {
      if (!active.contains(name)) {
        purge.add(name);
      }
    }
    known.clear();
    known.addAll(active);
    int before = ctx.writes();
    for (String name : purge) {
      purgeNamespace(ctx, name);
    }
    ctx.each("namespace-reaper", terminating, ns -> finish(ctx, ns));
    return ctx.writes() - before;
  }

  private void purgeNamespace(ControllerContext ctx, String namespace) {
    for (ResourceDefinitionContext type : namespacedTypes(ctx)) {
      try {
        List<GenericKubernetesResource> items = ctx.client.genericKubernetesResources(type).inNamespace(namespace)
            .list().getItems();
        ctx.each("namespace-reaper", items, item -> {
          if (!ControllerContext.terminating(item)) {
            ctx.delete(item);
          }
        });
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "namespace-reaper: cannot clear " + type.getPlural() + " in " + namespace + ": "
            + e.getMessage());
      }
    }
  }

  private void finish(ControllerContext ctx, Namespace ns) {
    boolean changed = false;
    if (ns.getSpec() != null && ns.getSpec().getFinalizers() != null
        && ns.getSpec().getFinalizers().contains("kubernetes")) {
      ns.getSpec().setFinalizers(ns.getSpec().getFinalizers().stream().filter(f -> !"kubernetes".equals(f)).toList());
      changed = true;
    }
    if (ns.getMetadata().getFinalizers() != null && ns.getMetadata().getFinalizers().contains("kubernetes")) {
      ns.getMetadata().setFinalizers(ns.getMetadata().getFinalizers().stream().filter(f -> !"kubernetes".equals(f))
          .toList());
      changed = true;
    }
    if (changed) {
      ctx.update(ns);
    }
  }

  /** Built-in namespaced types plus the namespaced custom resources of stored definitions. */
  private List<ResourceDefinitionContext> namespacedTypes(ControllerContext ctx) {
    List<ResourceDefinitionContext> types = new ArrayList<>();
    for (ApiResourceType t : catalog.namespacedStorableTypes()) {
      types.add(context(t.group(), t.version(), t.plural(), t.kind(), true));
    }
    try {
      ctx.client.apiextensions().v1().customResourceDefinitions().list().getItems().forEach(crd -> {
        if (!"Namespaced".equals(crd.getSpec().getScope())) {
          return;
        }
        crd.getSpec().getVersions().stream().filter(v -> !Boolean.FALSE.equals(v.getServed())).forEach(v ->
            types.add(context(crd.getSpec().getGroup(), v.getName(), crd.getSpec().getNames().getPlural(),
                crd.getSpec().getNames().getKind(), true)));
      });
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "namespace-reaper: cannot list custom resource definitions", e);
    }
    return types;
  }

  static ResourceDefinitionContext context(String group, String version, String plural, String kind,
      boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withPlural(plural)
        .withKind(kind)
        .withNamespaced(namespaced)
        .build();
  }
}
