package io.onramp.core.netpol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlockBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

/** Builders for namespaces, pods and NetworkPolicies, written the way the manifests read. */
final class Fixtures {

    private Fixtures() {
    }

    static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Namespace ns(String name, String... labels) {
        return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels(labels)).endMetadata().build();
    }

    static Pod pod(String namespace, String name, String ip, Map<String, String> labels, ContainerPort... ports) {
        return pod(namespace, name, ip, "worker-1", "172.18.0.2", labels, ports);
    }

    static Pod pod(String namespace, String name, String ip, String node, String hostIp, Map<String, String> labels,
            ContainerPort... ports) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("main").withImage("agnhost").withPorts(ports)
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).withHostIP(hostIp).endStatus().build();
    }

    static ContainerPort port(String name, int number, String protocol) {
        return new ContainerPortBuilder().withName(name).withContainerPort(number).withProtocol(protocol).build();
    }

    /** Selector with matchLabels only; {@code sel()} is the empty selector {@code {}}. */
    static LabelSelector sel(String... kv) {
        return new LabelSelectorBuilder().withMatchLabels(labels(kv)).build();
    }

    static LabelSelector expr(String key, String operator, String... values) {
        return new LabelSelectorBuilder().withMatchExpressions(new LabelSelectorRequirementBuilder().withKey(key)
                .withOperator(operator).withValues(values).build()).build();
    }

    static NetworkPolicyPeer podPeer(LabelSelector pods) {
        return new NetworkPolicyPeerBuilder().withPodSelector(pods).build();
    }

    static NetworkPolicyPeer nsPeer(LabelSelector namespaces) {
        return new NetworkPolicyPeerBuilder().withNamespaceSelector(namespaces).build();
    }

    static NetworkPolicyPeer nsAndPodPeer(LabelSelector namespaces, LabelSelector pods) {
        return new NetworkPolicyPeerBuilder().withNamespaceSelector(namespaces).withPodSelector(pods).build();
    }

    static NetworkPolicyPeer ipBlock(String cidr, String... except) {
        return new NetworkPolicyPeerBuilder().withIpBlock(new IPBlockBuilder().withCidr(cidr).withExcept(except).build())
                .build();
    }

    static NetworkPolicyPort tcp(int port) {
        return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(port)).build();
    }

    static NetworkPolicyPort udp(int port) {
        return new NetworkPolicyPortBuilder().withProtocol("UDP").withPort(new IntOrString(port)).build();
    }

    /** A port without protocol (defaults to TCP). */
    static NetworkPolicyPort portNoProtocol(int port) {
        return new NetworkPolicyPortBuilder().withPort(new IntOrString(port)).build();
    }

    static NetworkPolicyPort named(String name, String protocol) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(name)).build();
    }

    static NetworkPolicyPort range(String protocol, int port, int endPort) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).withEndPort(endPort)
                .build();
    }

    static NetworkPolicyIngressRule from(List<NetworkPolicyPeer> peers, NetworkPolicyPort... ports) {
        return new NetworkPolicyIngressRuleBuilder().withFrom(peers).withPorts(ports).build();
    }

    static NetworkPolicyIngressRule from(NetworkPolicyPeer... peers) {
        return new NetworkPolicyIngressRuleBuilder().withFrom(peers).build();
    }

    static NetworkPolicyEgressRule to(List<NetworkPolicyPeer> peers, NetworkPolicyPort... ports) {
        return new NetworkPolicyEgressRuleBuilder().withTo(peers).withPorts(ports).build();
    }

    static NetworkPolicyEgressRule to(NetworkPolicyPeer... peers) {
        return new NetworkPolicyEgressRuleBuilder().withTo(peers).build();
    }

    /** A NetworkPolicy; {@code policyTypes} null = not set (defaulting applies). */
    static NetworkPolicy policy(String namespace, String name, LabelSelector podSelector, List<String> policyTypes,
            List<NetworkPolicyIngressRule> ingress, List<NetworkPolicyEgressRule> egress) {
        return new NetworkPolicyBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withPodSelector(podSelector).withPolicyTypes(policyTypes)
                .withIngress(ingress == null ? null : new ArrayList<>(ingress))
                .withEgress(egress == null ? null : new ArrayList<>(egress)).endSpec().build();
    }

    static NetworkPolicy ingressPolicy(String namespace, String name, LabelSelector podSelector,
            NetworkPolicyIngressRule... rules) {
        return policy(namespace, name, podSelector, List.of("Ingress"), List.of(rules), null);
    }

    static NetworkPolicy egressPolicy(String namespace, String name, LabelSelector podSelector,
            NetworkPolicyEgressRule... rules) {
        return policy(namespace, name, podSelector, List.of("Egress"), null, List.of(rules));
    }

    /** kubernetes/website network-policy-default-deny-all.yaml */
    static NetworkPolicy defaultDenyAll(String namespace) {
        return policy(namespace, "default-deny-all", sel(), List.of("Ingress", "Egress"), null, null);
    }

    static NetworkPolicy defaultDenyIngress(String namespace) {
        return policy(namespace, "default-deny-ingress", sel(), List.of("Ingress"), null, null);
    }

    /** ahmetb recipe 04 */
    static NetworkPolicy allowSameNamespace(String namespace) {
        return ingressPolicy(namespace, "allow-same-namespace", sel(), from(podPeer(sel())));
    }

    /** DNS egress to kube-dns only (ahmetb 11/14): one peer, namespace AND pod selector, 53 UDP+TCP. */
    static NetworkPolicy allowDns(String namespace) {
        return egressPolicy(namespace, "allow-dns", sel(),
                to(List.of(nsAndPodPeer(sel("kubernetes.io/metadata.name", "kube-system"), sel("k8s-app", "kube-dns"))),
                        udp(53), tcp(53)));
    }

    /** Internet egress without private ranges and metadata (tenancy.md 3.1). */
    static NetworkPolicy allowInternet(String namespace) {
        return egressPolicy(namespace, "allow-internet", sel(), to(ipBlock("0.0.0.0/0", "10.0.0.0/8", "172.16.0.0/12",
                "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8")));
    }
}
