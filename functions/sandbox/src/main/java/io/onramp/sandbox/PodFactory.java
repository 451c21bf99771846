package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.HostIPBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds simulated pods from templates and gives pods the status a kubelet would report. */
final class PodFactory {

  private PodFactory() {
  }

  /**
   * A pod from a template, owned by {@code owner}, scheduled on the sandbox node, with a Running (or, for
   * {@code completed}, Succeeded) status already set.
   */
  static Pod fromTemplate(PodTemplateSpec template, String namespace, String name, OwnerReference owner,
      Map<String, String> extraLabels, ControllerContext ctx, boolean completed) {
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (template.getMetadata() != null) {
      if (template.getMetadata().getLabels() != null) {
        labels.putAll(template.getMetadata().getLabels());
      }
      if (template.getMetadata().getAnnotations() != null) {
        annotations.putAll(template.getMetadata().getAnnotations());
      }
    }
    labels.putAll(extraLabels);
    annotations.put(Simulated.ANNOTATION, "true");
    PodSpec spec = Json.MODEL.clone(template.getSpec() == null ? new PodSpec() : template.getSpec());
    spec.setNodeName(ctx.node.name());
    Pod pod = new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(owner)
        .endMetadata()
        .withSpec(spec)
        .build();
    pod.setStatus(completed ? succeededStatus(pod, ctx) : runningStatus(pod, ctx));
    return pod;
  }

  static boolean isReady(Pod pod) {
    PodStatus status = pod.getStatus();
    if (status == null || !"Running".equals(status.getPhase()) || status.getConditions() == null) {
      return false;
    }
    return status.getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static boolean hasSucceeded(Pod pod) {
    return pod.getStatus() != null && "Succeeded".equals(pod.getStatus().getPhase());
  }

  /** Phase Running, all containers started and ready, conditions True, a pod IP. */
  static PodStatus runningStatus(Pod pod, ControllerContext ctx) {
    String now = Simulated.now();
    List<ContainerStatus> containers = new ArrayList<>();
    for (Container c : containers(pod.getSpec())) {
      containers.add(new ContainerStatusBuilder()
          .withName(c.getName())
          .withImage(c.getImage())
          .withImageID(imageId(c.getImage()))
          .withContainerID("simulated://" + UUID.randomUUID().toString().replace("-", ""))
          .withReady(true)
          .withStarted(true)
          .withRestartCount(0)
          .withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
          .build());
    }
    List<ContainerStatus> initContainers = new ArrayList<>();
    for (Container c : initContainers(pod.getSpec())) {
      initContainers.add(terminated(c, now, false));
    }
    return base(pod, ctx, now, "Running", "True", null, containers, initContainers);
  }

  /** Phase Succeeded, all containers terminated with exit code 0 ("Completed"). */
  static PodStatus succeededStatus(Pod pod, ControllerContext ctx) {
    String now = Simulated.now();
    List<ContainerStatus> containers = new ArrayList<>();
    for (Container c : containers(pod.getSpec())) {
      containers.add(terminated(c, now, false));
    }
    List<ContainerStatus> initContainers = new ArrayList<>();
    for (Container c : initContainers(pod.getSpec())) {
      initContainers.add(terminated(c, now, false));
    }
    return base(pod, ctx, now, "Succeeded", "False", "PodCompleted", containers, initContainers);
  }

  private static PodStatus base(Pod pod, ControllerContext ctx, String now, String phase, String ready,
      String readyReason, List<ContainerStatus> containers, List<ContainerStatus> initContainers) {
    String podIp = pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork())
        ? ctx.node.address() : ctx.podAddresses.next();
    return new PodStatusBuilder()
        .withPhase(phase)
        .withConditions(
            condition("PodReadyToStartContainers", "True", null, now),
            condition("Initialized", "True", readyReason, now),
            condition("Ready", ready, readyReason, now),
            condition("ContainersReady", ready, readyReason, now),
            condition("PodScheduled", "True", null, now))
        .withHostIP(ctx.node.address())
        .withHostIPs(new HostIPBuilder().withIp(ctx.node.address()).build())
        .withPodIP(podIp)
        .withPodIPs(new PodIPBuilder().withIp(podIp).build())
        .withStartTime(now)
        .withQosClass(qosClass(pod.getSpec()))
        .withContainerStatuses(containers)
        .withInitContainerStatuses(initContainers)
        .build();
  }

  private static ContainerStatus terminated(Container c, String now, boolean ready) {
    return new ContainerStatusBuilder()
        .withName(c.getName())
        .withImage(c.getImage())
        .withImageID(imageId(c.getImage()))
        .withContainerID("simulated://" + UUID.randomUUID().toString().replace("-", ""))
        .withReady(ready)
        .withStarted(false)
        .withRestartCount(0)
        .withNewState().withNewTerminated().withExitCode(0).withReason("Completed").withStartedAt(now)
        .withFinishedAt(now).endTerminated().endState()
        .build();
  }

  private static PodCondition condition(String type, String status, String reason, String now) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withLastTransitionTime(now)
        .build();
  }

  private static List<Container> containers(PodSpec spec) {
    return spec == null || spec.getContainers() == null ? List.of() : spec.getContainers();
  }

  private static List<Container> initContainers(PodSpec spec) {
    return spec == null || spec.getInitContainers() == null ? List.of() : spec.getInitContainers();
  }

  private static String imageId(String image) {
    return image == null ? "" : "simulated://" + image;
  }

  private static String qosClass(PodSpec spec) {
    boolean anyResources = containers(spec).stream().anyMatch(c -> c.getResources() != null
        && ((c.getResources().getRequests() != null && !c.getResources().getRequests().isEmpty())
            || (c.getResources().getLimits() != null && !c.getResources().getLimits().isEmpty())));
    return anyResources ? "Burstable" : "BestEffort";
  }
}
