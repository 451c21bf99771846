package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deployment -> ReplicaSet: one replica set per pod template (named {@code <deployment>-<pod-template-hash>}),
 * scaled to {@code spec.replicas}; replica sets of older templates are scaled to 0 at once (an instant rollout).
 * Reports replicas, updated/ready/available replicas, observedGeneration and the Available and Progressing
 * conditions.
 */
final class DeploymentController {

  static final String HASH_LABEL = "pod-template-hash";
  static final String REVISION = "deployment.kubernetes.io/revision";

  int reconcile(ControllerContext ctx) {
    List<Deployment> deployments = ctx.client.apps().deployments().inAnyNamespace().list().getItems();
    List<ReplicaSet> replicaSets = ctx.client.apps().replicaSets().inAnyNamespace().list().getItems();
    List<Pod> pods = ctx.pods();
    int before = ctx.writes();
    ctx.each("deployment-controller", deployments, d -> reconcile(ctx, d, replicaSets, pods));
    return ctx.writes() - before;
  }

  private void reconcile(ControllerContext ctx, Deployment d, List<ReplicaSet> allReplicaSets, List<Pod> allPods) {
    if (ControllerContext.terminating(d)) {
      return;
    }
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    PodTemplateSpec template = d.getSpec().getTemplate();
    String hash = TemplateHash.of(template);
    List<ReplicaSet> owned = Owners.controlledBy(d, allReplicaSets);
    ReplicaSet current = owned.stream()
        .filter(rs -> rs.getMetadata().getLabels() != null
            && hash.equals(rs.getMetadata().getLabels().get(HASH_LABEL)))
        .findFirst().orElse(null);
    boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
    if (current == null && !paused) {
      current = ctx.create(newReplicaSet(d, template, hash, desired, nextRevision(owned)));
    } else if (current != null && !paused && !Objects.equals(current.getSpec().getReplicas(), desired)) {
      current.getSpec().setReplicas(desired);
      current = ctx.update(current);
    }
    for (ReplicaSet old : owned) {
      if (current != null && old.getMetadata().getUid().equals(current.getMetadata().getUid())) {
        continue;
      }
      if (!paused && (old.getSpec().getReplicas() == null || old.getSpec().getReplicas() != 0)) {
        old.getSpec().setReplicas(0);
        ctx.update(old);
      }
    }
    updateStatus(ctx, d, desired, current, owned, allPods);
  }

  private static ReplicaSet newReplicaSet(Deployment d, PodTemplateSpec template, String hash, int replicas,
      int revision) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put(HASH_LABEL, hash);
    PodTemplateSpec rsTemplate = new PodTemplateSpecBuilder(Json.MODEL.clone(template))
        .editOrNewMetadata().withLabels(labels).endMetadata()
        .build();
    LabelSelector base = d.getSpec().getSelector() != null ? Json.MODEL.clone(d.getSpec().getSelector())
        : new LabelSelectorBuilder().withMatchLabels(template.getMetadata() == null ? null
            : template.getMetadata().getLabels()).build();
    LabelSelector selector = new LabelSelectorBuilder(base)
        .addToMatchLabels(HASH_LABEL, hash)
        .build();
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(d.getMetadata().getName() + "-" + hash)
        .withNamespace(d.getMetadata().getNamespace())
        .withLabels(labels)
        .addToAnnotations(REVISION, Integer.toString(revision))
        .addToAnnotations("deployment.kubernetes.io/desired-replicas", Integer.toString(replicas))
        .addToAnnotations("deployment.kubernetes.io/max-replicas", Integer.toString(replicas + 1))
        .addToAnnotations(Simulated.ANNOTATION, "true")
        .withOwnerReferences(Owners.controllerRef(d))
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withMinReadySeconds(d.getSpec().getMinReadySeconds())
        .withSelector(selector)
        .withTemplate(rsTemplate)
        .endSpec()
        .build();
  }

  private static int nextRevision(List<ReplicaSet> owned) {
    int max = 0;
    for (ReplicaSet rs : owned) {
      Map<String, String> annotations = rs.getMetadata().getAnnotations();
      if (annotations != null && annotations.get(REVISION) != null) {
        try {
          max = Math.max(max, Integer.parseInt(annotations.get(REVISION)));
        } catch (NumberFormatException e) {
          // ignore
        }
      }
    }
    return max + 1;
  }

  private static void updateStatus(ControllerContext ctx, Deployment d, int desired, ReplicaSet current,
      List<ReplicaSet> owned, List<Pod> allPods) {
    int total = 0;
    int ready = 0;
    int updated = 0;
    for (ReplicaSet rs : owned) {
      List<Pod> pods = Owners.controlledBy(rs, allPods).stream().filter(p -> !ControllerContext.terminating(p))
          .toList();
      total += pods.size();
      int readyHere = (int) pods.stream().filter(PodFactory::isReady).count();
      ready += readyHere;
      if (current != null && rs.getMetadata().getUid().equals(current.getMetadata().getUid())) {
        updated = pods.size();
      }
    }
    boolean complete = current != null && updated == desired && total == desired && ready == desired;
    DeploymentStatus previous = d.getStatus();
    List<DeploymentCondition> conditions = new ArrayList<>();
    conditions.add(condition(previous, "Available", ready >= desired ? "True" : "False",
        ready >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
        ready >= desired ? "Deployment has minimum availability."
            : "Deployment does not have minimum availability."));
    String rsName = current == null ? d.getMetadata().getName() : current.getMetadata().getName();
    conditions.add(condition(previous, "Progressing", "True",
        complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
        complete ? "ReplicaSet \"" + rsName + "\" has successfully progressed."
            : "ReplicaSet \"" + rsName + "\" is progressing."));
    DeploymentStatusBuilder status = new DeploymentStatusBuilder()
        .withObservedGeneration(d.getMetadata().getGeneration())
        .withReplicas(total)
        .withUpdatedReplicas(updated)
        .withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .withConditions(conditions);
    if (total - ready > 0) {
      status.withUnavailableReplicas(total - ready);
    }
    DeploymentStatus next = status.build();
    if (!SameJson.same(next, previous) || !Simulated.isSimulated(d)) {
      d.setStatus(next);
      Simulated.mark(d.getMetadata());
      ctx.update(d);
    }
  }

  /** A condition that keeps its timestamps when nothing about it changed. */
  private static DeploymentCondition condition(DeploymentStatus previous, String type, String status, String reason,
      String message) {
    String now = Simulated.now();
    DeploymentCondition old = previous == null || previous.getConditions() == null ? null
        : previous.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    boolean unchanged = old != null && status.equals(old.getStatus()) && reason.equals(old.getReason())
        && message.equals(old.getMessage());
    return new DeploymentConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastUpdateTime(unchanged ? old.getLastUpdateTime() : now)
        .withLastTransitionTime(old != null && status.equals(old.getStatus()) ? old.getLastTransitionTime() : now)
        .build();
  }
}
