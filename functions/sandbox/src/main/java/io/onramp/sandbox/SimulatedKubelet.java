package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;

/**
 * Pods nobody gave a status (created directly, e.g. {@code kubectl run}) are "started" on the sandbox node: phase
 * Running and Ready, or Succeeded for pods of a Job.
 */
final class SimulatedKubelet {

  int reconcile(ControllerContext ctx) {
    List<Pod> pods = ctx.client.pods().inAnyNamespace().list().getItems();
    int before = ctx.writes();
    ctx.each("kubelet", pods, pod -> reconcile(ctx, pod));
    return ctx.writes() - before;
  }

  private void reconcile(ControllerContext ctx, Pod pod) {
    if (ControllerContext.terminating(pod)) {
      return;
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    boolean unstarted = phase == null || phase.isEmpty()
        || ("Pending".equals(phase) && (pod.getStatus().getContainerStatuses() == null
            || pod.getStatus().getContainerStatuses().isEmpty()));
    if (!unstarted) {
      return;
    }
    if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
      pod.getSpec().setNodeName(ctx.node.name());
    }
    boolean completes = Owners.hasControllerOfKind(pod, "Job");
    pod.setStatus(completes ? PodFactory.succeededStatus(pod, ctx) : PodFactory.runningStatus(pod, ctx));
    Simulated.mark(pod.getMetadata());
    ctx.update(pod);
  }
}
