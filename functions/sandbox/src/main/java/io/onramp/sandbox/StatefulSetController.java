package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * StatefulSet -> Pods {@code <name>-0 .. <name>-(n-1)}, Running and Ready, with a claim per volume claim template
 * ({@code <template>-<pod>}, kept when the set shrinks, as with the default retention policy). Pods of an older
 * template are replaced; status reports replicas, ready/current/updated/available replicas and revisions.
 */
final class StatefulSetController {

  static final String REVISION_LABEL = "controller-revision-hash";

  int reconcile(ControllerContext ctx) {
    List<StatefulSet> sets = ctx.client.apps().statefulSets().inAnyNamespace().list().getItems();
    List<Pod> pods = ctx.pods();
    int before = ctx.writes();
    ctx.each("statefulset-controller", sets, s -> reconcile(ctx, s, pods));
    return ctx.writes() - before;
  }

  private void reconcile(ControllerContext ctx, StatefulSet set, List<Pod> allPods) {
    if (ControllerContext.terminating(set)) {
      return;
    }
    String name = set.getMetadata().getName();
    String namespace = set.getMetadata().getNamespace();
    int desired = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
    String revision = name + "-" + TemplateHash.of(set.getSpec().getTemplate());
    Map<Integer, Pod> byOrdinal = new HashMap<>();
    for (Pod pod : Owners.controlledBy(set, allPods)) {
      Integer ordinal = ordinal(name, pod.getMetadata().getName());
      if (ordinal == null || ControllerContext.terminating(pod)) {
        continue;
      }
      if (ordinal >= desired) {
        ctx.delete(pod);
      } else if (!revision.equals(label(pod, REVISION_LABEL))) {
        ctx.delete(pod);
      } else {
        byOrdinal.put(ordinal, pod);
      }
    }
    for (int i = 0; i < desired; i++) {
      if (!byOrdinal.containsKey(i)) {
        byOrdinal.put(i, ctx.create(newPod(ctx, set, i, revision)));
      }
    }
    int ready = (int) byOrdinal.values().stream().filter(PodFactory::isReady).count();
    StatefulSetStatus status = new StatefulSetStatusBuilder()
        .withObservedGeneration(set.getMetadata().getGeneration())
        .withReplicas(byOrdinal.size())
        .withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .withCurrentReplicas(byOrdinal.size())
        .withUpdatedReplicas(byOrdinal.size())
        .withCurrentRevision(revision)
        .withUpdateRevision(revision)
        .withCollisionCount(0)
        .build();
    if (!SameJson.same(status, set.getStatus()) || !Simulated.isSimulated(set)) {
      set.setStatus(status);
      Simulated.mark(set.getMetadata());
      ctx.update(set);
    }
  }

  private Pod newPod(ControllerContext ctx, StatefulSet set, int ordinal, String revision) {
    String podName = set.getMetadata().getName() + "-" + ordinal;
    String namespace = set.getMetadata().getNamespace();
    PodTemplateSpec template = Json.MODEL.clone(set.getSpec().getTemplate());
    List<PersistentVolumeClaim> claimTemplates = set.getSpec().getVolumeClaimTemplates() == null ? List.of()
        : set.getSpec().getVolumeClaimTemplates();
    if (!claimTemplates.isEmpty()) {
      List<Volume> volumes = new ArrayList<>(template.getSpec().getVolumes() == null ? List.of()
          : template.getSpec().getVolumes());
      Set<String> existing = volumes.stream().map(Volume::getName).collect(Collectors.toSet());
      for (PersistentVolumeClaim claimTemplate : claimTemplates) {
        String claimName = claimTemplate.getMetadata().getName() + "-" + podName;
        ensureClaim(ctx, set, claimTemplate, claimName);
        if (!existing.contains(claimTemplate.getMetadata().getName())) {
          volumes.add(new VolumeBuilder().withName(claimTemplate.getMetadata().getName())
              .withNewPersistentVolumeClaim().withClaimName(claimName).endPersistentVolumeClaim().build());
        }
      }
      template.getSpec().setVolumes(volumes);
    }
    template.getSpec().setHostname(podName);
    if (set.getSpec().getServiceName() != null && !set.getSpec().getServiceName().isEmpty()) {
      template.getSpec().setSubdomain(set.getSpec().getServiceName());
    }
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put(REVISION_LABEL, revision);
    extra.put("statefulset.kubernetes.io/pod-name", podName);
    extra.put("apps.kubernetes.io/pod-index", Integer.toString(ordinal));
    return PodFactory.fromTemplate(template, namespace, podName, Owners.controllerRef(set), extra, ctx, false);
  }

  private void ensureClaim(ControllerContext ctx, StatefulSet set, PersistentVolumeClaim template, String claimName) {
    String namespace = set.getMetadata().getNamespace();
    if (ctx.client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get() != null) {
      return;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    if (set.getSpec().getSelector() != null && set.getSpec().getSelector().getMatchLabels() != null) {
      labels.putAll(set.getSpec().getSelector().getMatchLabels());
    }
    ctx.create(new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(claimName)
        .withNamespace(namespace)
        .withLabels(labels)
        .addToAnnotations(Simulated.ANNOTATION, "true")
        .endMetadata()
        .withSpec(Json.MODEL.clone(template.getSpec()))
        .build());
  }

  static Integer ordinal(String setName, String podName) {
    String prefix = setName + "-";
    if (!podName.startsWith(prefix)) {
      return null;
    }
    try {
      return Integer.parseInt(podName.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String label(Pod pod, String key) {
    return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(key);
  }
}
