package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Service -> Endpoints: for services with a selector, an Endpoints object of the same name listing the matching
 * pods (ready ones as addresses, others as notReadyAddresses). Endpoints the sandbox did not create are left alone;
 * simulated Endpoints of deleted services are removed.
 */
final class EndpointsController {

  int reconcile(ControllerContext ctx) {
    List<Service> services = ctx.client.services().inAnyNamespace().list().getItems();
    List<Pod> pods = ctx.pods();
    List<Endpoints> endpoints = ctx.client.endpoints().inAnyNamespace().list().getItems();
    Map<String, Endpoints> byKey = new HashMap<>();
    endpoints.forEach(e -> byKey.put(key(e.getMetadata().getNamespace(), e.getMetadata().getName()), e));
    Map<String, Service> servicesByKey = new HashMap<>();
    services.forEach(s -> servicesByKey.put(key(s.getMetadata().getNamespace(), s.getMetadata().getName()), s));
    int before = ctx.writes();
    ctx.each("endpoints-controller", services, s -> reconcile(ctx, s, pods,
        byKey.get(key(s.getMetadata().getNamespace(), s.getMetadata().getName()))));
    ctx.each("endpoints-controller", endpoints, e -> {
      Service service = servicesByKey.get(key(e.getMetadata().getNamespace(), e.getMetadata().getName()));
      if (Simulated.isSimulated(e) && !ControllerContext.terminating(e)
          && (service == null || !hasSelector(service))) {
        ctx.delete(e);
      }
    });
    return ctx.writes() - before;
  }

  private void reconcile(ControllerContext ctx, Service service, List<Pod> allPods, Endpoints existing) {
    if (ControllerContext.terminating(service) || !hasSelector(service)) {
      return;
    }
    if (existing != null && !Simulated.isSimulated(existing)) {
      return;
    }
    String namespace = service.getMetadata().getNamespace();
    List<Pod> selected = allPods.stream()
        .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
        .filter(p -> !ControllerContext.terminating(p))
        .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
        .filter(p -> !"Succeeded".equals(p.getStatus().getPhase()) && !"Failed".equals(p.getStatus().getPhase()))
        .filter(p -> LabelSelectors.matches(service.getSpec().getSelector(), p.getMetadata().getLabels()))
        .sorted(Comparator.comparing((Pod p) -> p.getStatus().getPodIP()))
        .toList();
    List<EndpointAddress> ready = new ArrayList<>();
    List<EndpointAddress> notReady = new ArrayList<>();
    for (Pod pod : selected) {
      EndpointAddress address = new EndpointAddressBuilder()
          .withIp(pod.getStatus().getPodIP())
          .withNodeName(pod.getSpec().getNodeName())
          .withNewTargetRef()
          .withKind("Pod")
          .withNamespace(namespace)
          .withName(pod.getMetadata().getName())
          .withUid(pod.getMetadata().getUid())
          .endTargetRef()
          .build();
      (PodFactory.isReady(pod) ? ready : notReady).add(address);
    }
    List<EndpointSubset> subsets = new ArrayList<>();
    if (!ready.isEmpty() || !notReady.isEmpty()) {
      subsets.add(new EndpointSubsetBuilder()
          .withAddresses(ready)
          .withNotReadyAddresses(notReady)
          .withPorts(ports(service, selected))
          .build());
    }
    if (existing == null) {
      ctx.create(new EndpointsBuilder()
          .withNewMetadata()
          .withName(service.getMetadata().getName())
          .withNamespace(namespace)
          .withLabels(service.getMetadata().getLabels())
          .addToAnnotations(Simulated.ANNOTATION, "true")
          .endMetadata()
          .withSubsets(subsets)
          .build());
      return;
    }
    Endpoints desired = new EndpointsBuilder().withSubsets(subsets).build();
    Endpoints current = new EndpointsBuilder().withSubsets(existing.getSubsets()).build();
    if (!SameJson.same(desired, current)) {
      existing.setSubsets(subsets);
      ctx.update(existing);
    }
  }

  private static List<EndpointPort> ports(Service service, List<Pod> pods) {
    List<EndpointPort> ports = new ArrayList<>();
    if (service.getSpec().getPorts() == null) {
      return ports;
    }
    for (ServicePort port : service.getSpec().getPorts()) {
      ports.add(new EndpointPortBuilder()
          .withName(port.getName())
          .withPort(targetPort(port, pods))
          .withProtocol(port.getProtocol() == null ? "TCP" : port.getProtocol())
          .withAppProtocol(port.getAppProtocol())
          .build());
    }
    return ports;
  }

  /** The numeric target port; a named one is looked up in the containers of the selected pods. */
  private static int targetPort(ServicePort port, List<Pod> pods) {
    IntOrString target = port.getTargetPort();
    if (target == null) {
      return port.getPort();
    }
    if (target.getIntVal() != null) {
      return target.getIntVal();
    }
    String name = target.getStrVal();
    for (Pod pod : pods) {
      for (Container c : pod.getSpec().getContainers() == null ? List.<Container>of() : pod.getSpec().getContainers()) {
        for (ContainerPort cp : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
          if (name != null && name.equals(cp.getName())) {
            return cp.getContainerPort();
          }
        }
      }
    }
    return port.getPort();
  }

  private static boolean hasSelector(Service service) {
    return service.getSpec() != null && service.getSpec().getSelector() != null
        && !service.getSpec().getSelector().isEmpty();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
