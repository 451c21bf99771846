package io.onramp.core.netpol;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;

/** The facts about a pod that NetworkPolicy evaluation needs. */
record PodInfo(Endpoint endpoint, Map<String, String> labels, List<byte[]> ips, boolean hostNetwork, String nodeName,
        List<byte[]> hostIps, List<ContainerPort> containerPorts) {

    static PodInfo of(Pod pod) {
        String namespace = pod.getMetadata() == null ? null : pod.getMetadata().getNamespace();
        String name = pod.getMetadata() == null ? null : pod.getMetadata().getName();
        if (namespace == null || namespace.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Pod " + namespace + "/" + name + " needs metadata.namespace and metadata.name");
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(pod.getMetadata().getLabels());
        Set<String> ips = new LinkedHashSet<>();
        Set<String> hostIps = new LinkedHashSet<>();
        if (pod.getStatus() != null) {
            addIfPresent(ips, pod.getStatus().getPodIP());
            for (PodIP ip : CompiledPolicy.nonNull(pod.getStatus().getPodIPs())) {
                addIfPresent(ips, ip.getIp());
            }
            addIfPresent(hostIps, pod.getStatus().getHostIP());
            for (HostIP ip : CompiledPolicy.nonNull(pod.getStatus().getHostIPs())) {
                addIfPresent(hostIps, ip.getIp());
            }
        }
        boolean hostNetwork = pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        List<ContainerPort> ports = new ArrayList<>();
        if (pod.getSpec() != null) {
            for (Container c : CompiledPolicy.nonNull(pod.getSpec().getContainers())) {
                ports.addAll(CompiledPolicy.nonNull(c.getPorts()));
            }
            // Restartable init containers (sidecars) serve ports too.
            for (Container c : CompiledPolicy.nonNull(pod.getSpec().getInitContainers())) {
                if ("Always".equals(c.getRestartPolicy())) {
                    ports.addAll(CompiledPolicy.nonNull(c.getPorts()));
                }
            }
        }
        return new PodInfo(Endpoint.pod(namespace, name), labels, parse(ips), hostNetwork, nodeName, parse(hostIps),
                List.copyOf(ports));
    }

    String namespace() {
        return endpoint.namespace();
    }

    /** Whether {@code other} is this pod's node: a node endpoint named like spec.nodeName, or any endpoint at status.hostIP. */
    boolean isOwnNode(Endpoint other, byte[] otherIp) {
        if (other.kind() == Endpoint.Kind.NODE && nodeName != null && nodeName.equals(other.name())) {
            return true;
        }
        return otherIp != null && hostIps.stream().anyMatch(h -> java.util.Arrays.equals(h, otherIp));
    }

    /** The containerPort named {@code name} for {@code protocol}, if any. */
    boolean servesNamedPort(String name, String protocol, int port) {
        for (ContainerPort p : containerPorts) {
            String proto = p.getProtocol() == null ? "TCP" : p.getProtocol().toUpperCase(java.util.Locale.ROOT);
            if (name.equals(p.getName()) && proto.equals(protocol) && p.getContainerPort() != null
                    && p.getContainerPort() == port) {
                return true;
            }
        }
        return false;
    }

    private static void addIfPresent(Set<String> set, String ip) {
        if (ip != null && !ip.isEmpty()) {
            set.add(ip);
        }
    }

    private static List<byte[]> parse(Set<String> ips) {
        return ips.stream().map(Cidr::parseAddress).toList();
    }
}
