package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DaemonSet -> one Running pod on the sandbox node (none when the node selector excludes it), and status. */
final class DaemonSetController {

  int reconcile(ControllerContext ctx) {
    List<DaemonSet> sets = ctx.client.apps().daemonSets().inAnyNamespace().list().getItems();
    List<Pod> pods = ctx.pods();
    int before = ctx.writes();
    ctx.each("daemonset-controller", sets, s -> reconcile(ctx, s, pods));
    return ctx.writes() - before;
  }

  private void reconcile(ControllerContext ctx, DaemonSet set, List<Pod> allPods) {
    if (ControllerContext.terminating(set)) {
      return;
    }
    Map<String, String> nodeSelector = set.getSpec().getTemplate().getSpec() == null ? null
        : set.getSpec().getTemplate().getSpec().getNodeSelector();
    boolean fits = nodeSelector == null || nodeSelector.isEmpty()
        || LabelSelectors.matches(nodeSelector, ctx.node.labels());
    int desired = fits ? 1 : 0;
    String revision = TemplateHash.of(set.getSpec().getTemplate());
    List<Pod> current = new ArrayList<>();
    for (Pod pod : Owners.controlledBy(set, allPods)) {
      if (ControllerContext.terminating(pod)) {
        continue;
      }
      String podRevision = pod.getMetadata().getLabels() == null ? null
          : pod.getMetadata().getLabels().get(StatefulSetController.REVISION_LABEL);
      if (!revision.equals(podRevision) || current.size() >= desired) {
        ctx.delete(pod);
      } else {
        current.add(pod);
      }
    }
    if (current.size() < desired) {
      Map<String, String> extra = new LinkedHashMap<>();
      extra.put(StatefulSetController.REVISION_LABEL, revision);
      extra.put("pod-template-generation", String.valueOf(set.getMetadata().getGeneration()));
      current.add(ctx.create(PodFactory.fromTemplate(set.getSpec().getTemplate(), set.getMetadata().getNamespace(),
          set.getMetadata().getName() + "-" + ControllerContext.randomSuffix(), Owners.controllerRef(set), extra,
          ctx, false)));
    }
    int ready = (int) current.stream().filter(PodFactory::isReady).count();
    DaemonSetStatus status = new DaemonSetStatusBuilder()
        .withObservedGeneration(set.getMetadata().getGeneration())
        .withDesiredNumberScheduled(desired)
        .withCurrentNumberScheduled(current.size())
        .withUpdatedNumberScheduled(current.size())
        .withNumberReady(ready)
        .withNumberAvailable(ready)
        .withNumberMisscheduled(0)
        .build();
    if (!SameJson.same(status, set.getStatus()) || !Simulated.isSimulated(set)) {
      set.setStatus(status);
      Simulated.mark(set.getMetadata());
      ctx.update(set);
    }
  }
}
