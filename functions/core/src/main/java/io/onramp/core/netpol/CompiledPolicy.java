package io.onramp.core.netpol;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;

/**
 * A validated NetworkPolicy with API-server defaults applied ({@code SetDefaults_NetworkPolicy}): policyTypes and
 * port protocol. Invalid objects (which the API server would reject) fail with {@link IllegalArgumentException}.
 *
 * @param podSelector null means "all pods of the namespace", like {@code {}}
 */
record CompiledPolicy(String namespace, String name, LabelSelector podSelector, Set<Direction> types,
        List<Rule> ingress, List<Rule> egress) {

    /** One ingress or egress rule. Empty peers = all peers; empty ports = all ports. */
    record Rule(int index, List<Peer> peers, List<Port> ports) {
    }

    /** A peer: either an ipBlock or a namespace/pod selector pair (null = not specified). */
    sealed interface Peer permits IpBlockPeer, SelectorPeer {
    }

    record IpBlockPeer(Cidr cidr, List<Cidr> except) implements Peer {
        boolean contains(byte[] ip) {
            return cidr.contains(ip) && except.stream().noneMatch(e -> e.contains(ip));
        }
    }

    record SelectorPeer(LabelSelector namespaceSelector, LabelSelector podSelector) implements Peer {
    }

    /** A port: protocol (defaulted to TCP), and a number (with optional inclusive endPort), a name, or neither (all). */
    record Port(String protocol, Integer number, String name, Integer endPort) {
    }

    List<Rule> rules(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    String ref() {
        return namespace + "/" + name;
    }

    static CompiledPolicy of(NetworkPolicy policy) {
        String namespace = policy.getMetadata() == null ? null : policy.getMetadata().getNamespace();
        String name = policy.getMetadata() == null ? null : policy.getMetadata().getName();
        String ref = namespace + "/" + name;
        if (namespace == null || namespace.isEmpty()) {
            throw new IllegalArgumentException("NetworkPolicy " + name + " has no metadata.namespace");
        }
        try {
            NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
            LabelSelectors.validate(spec.getPodSelector());
            List<Rule> ingress = new ArrayList<>();
            List<NetworkPolicyIngressRule> ingressRules = nonNull(spec.getIngress());
            for (int i = 0; i < ingressRules.size(); i++) {
                ingress.add(rule(i, nonNull(ingressRules.get(i).getFrom()), nonNull(ingressRules.get(i).getPorts())));
            }
            List<Rule> egress = new ArrayList<>();
            List<NetworkPolicyEgressRule> egressRules = nonNull(spec.getEgress());
            for (int i = 0; i < egressRules.size(); i++) {
                egress.add(rule(i, nonNull(egressRules.get(i).getTo()), nonNull(egressRules.get(i).getPorts())));
            }
            return new CompiledPolicy(namespace, name, spec.getPodSelector(), types(spec), List.copyOf(ingress),
                    List.copyOf(egress));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("NetworkPolicy " + ref + ": " + e.getMessage(), e);
        }
    }

    /** policyTypes if set; otherwise Ingress always, Egress iff spec.egress is non-empty. */
    private static Set<Direction> types(NetworkPolicySpec spec) {
        Set<Direction> types = EnumSet.noneOf(Direction.class);
        List<String> declared = nonNull(spec.getPolicyTypes());
        if (declared.isEmpty()) {
            types.add(Direction.INGRESS);
            if (!nonNull(spec.getEgress()).isEmpty()) {
                types.add(Direction.EGRESS);
            }
        } else {
            declared.forEach(t -> types.add(Direction.ofPolicyType(t)));
        }
        return types;
    }

    private static Rule rule(int index, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
        List<Peer> compiledPeers = new ArrayList<>();
        for (NetworkPolicyPeer peer : peers) {
            compiledPeers.add(peer(peer));
        }
        List<Port> compiledPorts = new ArrayList<>();
        for (NetworkPolicyPort port : ports) {
            compiledPorts.add(port(port));
        }
        return new Rule(index, List.copyOf(compiledPeers), List.copyOf(compiledPorts));
    }

    private static Peer peer(NetworkPolicyPeer peer) {
        IPBlock block = peer.getIpBlock();
        boolean selectors = peer.getNamespaceSelector() != null || peer.getPodSelector() != null;
        if (block != null) {
            if (selectors) {
                throw new IllegalArgumentException("a peer may not combine ipBlock with podSelector/namespaceSelector");
            }
            Cidr cidr = Cidr.parse(block.getCidr());
            List<Cidr> except = new ArrayList<>();
            for (String e : nonNull(block.getExcept())) {
                Cidr c = Cidr.parse(e);
                if (!cidr.contains(c) || c.prefix() == cidr.prefix()) {
                    throw new IllegalArgumentException("ipBlock except " + e + " must be strictly within " + cidr);
                }
                except.add(c);
            }
            return new IpBlockPeer(cidr, List.copyOf(except));
        }
        if (!selectors) {
            throw new IllegalArgumentException("a peer must specify podSelector, namespaceSelector or ipBlock");
        }
        LabelSelectors.validate(peer.getNamespaceSelector());
        LabelSelectors.validate(peer.getPodSelector());
        return new SelectorPeer(peer.getNamespaceSelector(), peer.getPodSelector());
    }

    private static Port port(NetworkPolicyPort port) {
        String protocol = Probe.normalise(port.getProtocol() == null ? "TCP" : port.getProtocol());
        IntOrString value = port.getPort();
        Integer endPort = port.getEndPort();
        if (value == null) {
            if (endPort != null) {
                throw new IllegalArgumentException("endPort requires a numeric port");
            }
            return new Port(protocol, null, null, null);
        }
        if (value.getIntVal() != null) {
            int number = value.getIntVal();
            if (endPort != null && endPort < number) {
                throw new IllegalArgumentException("endPort " + endPort + " must be >= port " + number);
            }
            return new Port(protocol, number, null, endPort);
        }
        if (endPort != null) {
            throw new IllegalArgumentException("endPort requires a numeric port, not '" + value.getStrVal() + "'");
        }
        return new Port(protocol, null, value.getStrVal(), null);
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
