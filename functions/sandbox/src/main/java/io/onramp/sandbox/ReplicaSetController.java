package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ReplicaSet -> Pods: keeps {@code spec.replicas} Running pods owned by each replica set and reports status. */
final class ReplicaSetController {

  int reconcile(ControllerContext ctx) {
    List<ReplicaSet> replicaSets = ctx.client.apps().replicaSets().inAnyNamespace().list().getItems();
    List<Pod> pods = ctx.pods();
    int before = ctx.writes();
    ctx.each("replicaset-controller", replicaSets, rs -> reconcile(ctx, rs, pods));
    return ctx.writes() - before;
  }

  private void reconcile(ControllerContext ctx, ReplicaSet rs, List<Pod> allPods) {
    if (ControllerContext.terminating(rs)) {
      return;
    }
    int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    List<Pod> owned = new ArrayList<>(Owners.controlledBy(rs, allPods).stream()
        .filter(p -> !ControllerContext.terminating(p)).toList());
    while (owned.size() < desired) {
      Pod pod = PodFactory.fromTemplate(rs.getSpec().getTemplate(), rs.getMetadata().getNamespace(),
          rs.getMetadata().getName() + "-" + ControllerContext.randomSuffix(), Owners.controllerRef(rs), Map.of(),
          ctx, false);
      owned.add(ctx.create(pod));
    }
    while (owned.size() > desired) {
      Pod newest = owned.remove(owned.size() - 1);
      ctx.delete(newest);
    }
    int ready = (int) owned.stream().filter(PodFactory::isReady).count();
    ReplicaSetStatus status = new ReplicaSetStatusBuilder()
        .withReplicas(owned.size())
        .withFullyLabeledReplicas(owned.size())
        .withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .withObservedGeneration(rs.getMetadata().getGeneration())
        .build();
    if (!SameJson.same(status, rs.getStatus()) || !Simulated.isSimulated(rs)) {
      rs.setStatus(status);
      Simulated.mark(rs.getMetadata());
      ctx.update(rs);
    }
  }
}
