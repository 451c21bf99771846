package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.Map;

/** The one simulated node every simulated pod is "scheduled" on. Created when missing. */
final class SandboxNode {

  static final String NAME = "sandbox-node";
  static final String ADDRESS = "172.18.0.2";

  String name() {
    return NAME;
  }

  String address() {
    return ADDRESS;
  }

  Map<String, String> labels() {
    return Map.of(
        "kubernetes.io/hostname", NAME,
        "kubernetes.io/os", "linux",
        "kubernetes.io/arch", "amd64",
        "node-role.kubernetes.io/control-plane", "");
  }

  int reconcile(ControllerContext ctx) {
    if (ctx.client.nodes().withName(NAME).get() != null) {
      return 0;
    }
    String now = Simulated.now();
    Map<String, Quantity> resources = Map.of(
        "cpu", new Quantity("8"),
        "memory", new Quantity("32Gi"),
        "pods", new Quantity("250"),
        "ephemeral-storage", new Quantity("100Gi"));
    Node node = new NodeBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withLabels(labels())
        .addToAnnotations(Simulated.ANNOTATION, "true")
        .endMetadata()
        .withNewSpec()
        .withPodCIDR("10.244.0.0/16")
        .withPodCIDRs("10.244.0.0/16")
        .endSpec()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .withReason("KubeletReady")
        .withMessage("simulated by the onramp sandbox")
        .withLastHeartbeatTime(now)
        .withLastTransitionTime(now)
        .endCondition()
        .addNewAddress().withType("InternalIP").withAddress(ADDRESS).endAddress()
        .addNewAddress().withType("Hostname").withAddress(NAME).endAddress()
        .withCapacity(resources)
        .withAllocatable(resources)
        .withNewNodeInfo()
        .withArchitecture("amd64")
        .withOperatingSystem("linux")
        .withOsImage("Onramp sandbox (simulated)")
        .withKernelVersion("simulated")
        .withContainerRuntimeVersion("simulated://1.0")
        .withKubeletVersion(SandboxDispatcher.GIT_VERSION)
        .withKubeProxyVersion(SandboxDispatcher.GIT_VERSION)
        .withMachineID("onramp-sandbox")
        .withSystemUUID("00000000-0000-0000-0000-000000000000")
        .withBootID("onramp-sandbox")
        .endNodeInfo()
        .endStatus()
        .build();
    ctx.create(node);
    return 1;
  }
}
