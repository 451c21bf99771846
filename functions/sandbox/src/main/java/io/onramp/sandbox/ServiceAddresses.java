package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Services -> addresses: a cluster IP from 10.96.0.0/16 for services without one (not headless, not ExternalName)
 * and node ports from 30000-32767 for NodePort and LoadBalancer services.
 */
final class ServiceAddresses {

  int reconcile(ControllerContext ctx) {
    List<Service> services = ctx.client.services().inAnyNamespace().list().getItems();
    Set<Integer> nodePorts = new HashSet<>();
    List<String> clusterIps = new java.util.ArrayList<>();
    for (Service s : services) {
      clusterIps.add(s.getSpec().getClusterIP());
      if (s.getSpec().getPorts() != null) {
        s.getSpec().getPorts().stream().map(ServicePort::getNodePort).filter(p -> p != null).forEach(nodePorts::add);
      }
    }
    ctx.serviceAddresses.refresh(clusterIps);
    int before = ctx.writes();
    ctx.each("service-addresses", services, s -> assign(ctx, s, nodePorts));
    return ctx.writes() - before;
  }

  private void assign(ControllerContext ctx, Service service, Set<Integer> nodePorts) {
    if (ControllerContext.terminating(service)) {
      return;
    }
    String type = service.getSpec().getType() == null ? "ClusterIP" : service.getSpec().getType();
    boolean changed = false;
    if (!"ExternalName".equals(type)
        && (service.getSpec().getClusterIP() == null || service.getSpec().getClusterIP().isEmpty())) {
      String ip = ctx.serviceAddresses.next();
      service.getSpec().setClusterIP(ip);
      service.getSpec().setClusterIPs(List.of(ip));
      service.getSpec().setIpFamilies(List.of("IPv4"));
      service.getSpec().setIpFamilyPolicy("SingleStack");
      changed = true;
    }
    if (("NodePort".equals(type) || "LoadBalancer".equals(type)) && service.getSpec().getPorts() != null) {
      for (ServicePort port : service.getSpec().getPorts()) {
        if (port.getNodePort() == null) {
          int candidate = 30000;
          while (nodePorts.contains(candidate) && candidate < 32767) {
            candidate++;
          }
          nodePorts.add(candidate);
          port.setNodePort(candidate);
          changed = true;
        }
      }
    }
    if (changed) {
      Simulated.mark(service.getMetadata());
      ctx.update(service);
    }
  }
}
