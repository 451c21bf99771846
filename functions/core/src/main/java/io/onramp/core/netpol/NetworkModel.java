package io.onramp.core.netpol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * An in-memory NetworkPolicy evaluator (semantics: package documentation, tenancy.md 6.4): namespaces with labels,
 * pods with labels, IPs and container ports, NetworkPolicies, and endpoints outside the pod network.
 *
 * <p>
 * Implementation-defined behaviour is explicit: loopback (a pod to itself) is always allowed; traffic between a pod
 * and its own node is always allowed ({@link Builder#ownNodeTrafficAllowed}); ipBlock matches pod IPs like cyclonus
 * unless switched off ({@link Builder#ipBlockMatchesPodIps}); hostNetwork pods are never isolated and only matched
 * by ipBlock (their IP is the node's); replies are implicitly allowed; only TCP, UDP and SCTP exist. Services are not
 * modelled: evaluate against the backend pod or endpoint IP (kube-proxy DNAT happens before policy in most CNIs).
 */
public final class NetworkModel {

    /** Label the control plane sets immutably on every namespace; treated as always present. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private final Map<String, Map<String, String>> namespaceLabels;
    private final Map<Endpoint, PodInfo> pods;
    private final List<Endpoint> externals;
    private final List<CompiledPolicy> policies;
    private final boolean ipBlockMatchesPodIps;
    private final boolean ownNodeTrafficAllowed;

    private NetworkModel(Builder b) {
        this.namespaceLabels = Map.copyOf(b.namespaceLabels);
        List<PodInfo> sorted = new ArrayList<>(b.pods.values());
        sorted.sort(Comparator.comparing((PodInfo p) -> p.namespace()).thenComparing(p -> p.endpoint().name()));
        Map<Endpoint, PodInfo> byEndpoint = new LinkedHashMap<>();
        sorted.forEach(p -> byEndpoint.put(p.endpoint(), p));
        this.pods = byEndpoint;
        this.externals = List.copyOf(b.externals);
        this.policies = List.copyOf(b.policies);
        this.ipBlockMatchesPodIps = b.ipBlockMatchesPodIps;
        this.ownNodeTrafficAllowed = b.ownNodeTrafficAllowed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pods, sorted by namespace and name. */
    public List<Endpoint> pods() {
        return List.copyOf(pods.keySet());
    }

    /** The registered non-pod endpoints, in registration order. */
    public List<Endpoint> externals() {
        return externals;
    }

    /** Pods, then externals: the rows and columns of {@link #matrix(List)}. */
    public List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>(pods.keySet());
        all.addAll(externals);
        return all;
    }

    /** The labels of a namespace, including {@value #NAMESPACE_NAME_LABEL}; unknown namespaces have only that one. */
    public Map<String, String> namespaceLabels(String namespace) {
        return namespaceLabels.getOrDefault(namespace, Map.of(NAMESPACE_NAME_LABEL, namespace));
    }

    /** The policies ({@code ns/name}) that select {@code pod} for {@code direction}; empty = not isolated. */
    public List<String> isolatingPolicies(Endpoint pod, Direction direction) {
        PodInfo info = pod(pod);
        if (info.hostNetwork()) {
            return List.of();
        }
        return applying(info, direction).stream().map(CompiledPolicy::ref).toList();
    }

    public boolean isolated(Endpoint pod, Direction direction) {
        return !isolatingPolicies(pod, direction).isEmpty();
    }

    public Verdict allowed(Endpoint from, Endpoint to, int port, String protocol) {
        return allowed(from, to, new Probe(port, protocol));
    }

    /**
     * Whether {@code from} may open a connection to {@code to}: egress of the source AND ingress of the destination.
     *
     * @throws IllegalArgumentException if neither side is a pod (out of scope) or a pod is not in the model
     */
    public Verdict allowed(Endpoint from, Endpoint to, Probe probe) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(probe, "probe");
        if (!from.isPod() && !to.isPod()) {
            throw new IllegalArgumentException("traffic between two non-pod endpoints (" + from + " -> " + to
                    + ") is not governed by NetworkPolicy and out of scope");
        }
        PodInfo src = from.isPod() ? pod(from) : null;
        PodInfo dst = to.isPod() ? pod(to) : null;
        if (src != null && src == dst) {
            DirectionVerdict egress = always(Direction.EGRESS, "loopback: a pod cannot block itself");
            DirectionVerdict ingress = always(Direction.INGRESS, "loopback: a pod cannot block itself");
            return new Verdict(from, to, probe, true, egress, ingress);
        }
        DirectionVerdict egress = src == null ? notAPod(Direction.EGRESS, from) : side(Direction.EGRESS, src, to, dst, probe);
        DirectionVerdict ingress = dst == null ? notAPod(Direction.INGRESS, to) : side(Direction.INGRESS, dst, from, dst, probe);
        return new Verdict(from, to, probe, egress.allowed() && ingress.allowed(), egress, ingress);
    }

    /** The matrix between all {@link #endpoints()} (non-pod pairs are left empty). */
    public ReachabilityMatrix matrix(List<Probe> probes) {
        return matrix(endpoints(), endpoints(), probes);
    }

    /** The matrix between chosen sources and destinations (non-pod pairs are left empty). */
    public ReachabilityMatrix matrix(List<Endpoint> from, List<Endpoint> to, List<Probe> probes) {
        Map<Probe, Verdict[][]> cells = new LinkedHashMap<>();
        for (Probe probe : probes) {
            Verdict[][] grid = new Verdict[from.size()][to.size()];
            for (int i = 0; i < from.size(); i++) {
                for (int j = 0; j < to.size(); j++) {
                    if (from.get(i).isPod() || to.get(j).isPod()) {
                        grid[i][j] = allowed(from.get(i), to.get(j), probe);
                    }
                }
            }
            cells.put(probe, grid);
        }
        return new ReachabilityMatrix(from, to, probes, cells);
    }

    private PodInfo pod(Endpoint endpoint) {
        PodInfo info = pods.get(endpoint);
        if (info == null) {
            throw new IllegalArgumentException("pod " + endpoint + " is not in the model");
        }
        return info;
    }

    private List<CompiledPolicy> applying(PodInfo pod, Direction direction) {
        List<CompiledPolicy> out = new ArrayList<>();
        for (CompiledPolicy p : policies) {
            if (p.namespace().equals(pod.namespace()) && p.types().contains(direction)
                    && (p.podSelector() == null || LabelSelectors.matches(p.podSelector(), pod.labels()))) {
                out.add(p);
            }
        }
        return out;
    }

    /** One side: {@code subject} is the source (egress) or destination (ingress) pod, {@code peer} the other end. */
    private DirectionVerdict side(Direction direction, PodInfo subject, Endpoint peer, PodInfo destination, Probe probe) {
        if (subject.hostNetwork()) {
            return new DirectionVerdict(direction, DirectionVerdict.Outcome.NOT_ISOLATED, List.of(), List.of(),
                    "hostNetwork pod: NetworkPolicy does not apply to it");
        }
        List<CompiledPolicy> applying = applying(subject, direction);
        if (applying.isEmpty()) {
            return new DirectionVerdict(direction, DirectionVerdict.Outcome.NOT_ISOLATED, List.of(), List.of(), "");
        }
        List<String> isolatedBy = applying.stream().map(CompiledPolicy::ref).toList();
        PodInfo peerPod = peer.isPod() ? pod(peer) : null;
        List<byte[]> peerIps = peerPod != null ? peerPod.ips() : List.of(Cidr.parseAddress(peer.ip()));
        if (isOwnNode(subject, peer, peerPod, peerIps)) {
            return new DirectionVerdict(direction, DirectionVerdict.Outcome.ALWAYS_ALLOWED, isolatedBy, List.of(),
                    direction == Direction.INGRESS ? "from the pod's own node" : "to the pod's own node");
        }
        List<RuleRef> allowedBy = new ArrayList<>();
        for (CompiledPolicy policy : applying) {
            for (CompiledPolicy.Rule rule : policy.rules(direction)) {
                if (peersMatch(rule, policy.namespace(), peerPod, peerIps) && portsMatch(rule, probe, destination)) {
                    allowedBy.add(new RuleRef(policy.namespace(), policy.name(), direction, rule.index()));
                }
            }
        }
        return new DirectionVerdict(direction,
                allowedBy.isEmpty() ? DirectionVerdict.Outcome.DENIED : DirectionVerdict.Outcome.ALLOWED, isolatedBy,
                allowedBy, "");
    }

    /** The peer is the subject pod's node (a node endpoint, an external at its host IP, or a hostNetwork pod there). */
    private boolean isOwnNode(PodInfo subject, Endpoint peer, PodInfo peerPod, List<byte[]> peerIps) {
        if (!ownNodeTrafficAllowed || peerPod != null && !peerPod.hostNetwork()) {
            return false;
        }
        return subject.isOwnNode(peer, null) || peerIps.stream().anyMatch(ip -> subject.isOwnNode(peer, ip));
    }

    private boolean peersMatch(CompiledPolicy.Rule rule, String policyNamespace, PodInfo peerPod, List<byte[]> peerIps) {
        if (rule.peers().isEmpty()) {
            return true;
        }
        for (CompiledPolicy.Peer peer : rule.peers()) {
            if (peer instanceof CompiledPolicy.IpBlockPeer block) {
                boolean podNetworkPod = peerPod != null && !peerPod.hostNetwork();
                if ((!podNetworkPod || ipBlockMatchesPodIps) && peerIps.stream().anyMatch(block::contains)) {
                    return true;
                }
            } else if (peer instanceof CompiledPolicy.SelectorPeer selectors) {
                if (peerPod == null || peerPod.hostNetwork()) {
                    continue;
                }
                boolean namespaceMatches = selectors.namespaceSelector() == null
                        ? peerPod.namespace().equals(policyNamespace)
                        : LabelSelectors.matches(selectors.namespaceSelector(), namespaceLabels(peerPod.namespace()));
                boolean podMatches = selectors.podSelector() == null
                        || LabelSelectors.matches(selectors.podSelector(), peerPod.labels());
                if (namespaceMatches && podMatches) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Ports are resolved against the destination pod (for egress and ingress alike); externals have no named ports. */
    private static boolean portsMatch(CompiledPolicy.Rule rule, Probe probe, PodInfo destination) {
        if (rule.ports().isEmpty()) {
            return true;
        }
        for (CompiledPolicy.Port port : rule.ports()) {
            if (!port.protocol().equals(probe.protocol())) {
                continue;
            }
            if (port.number() == null && port.name() == null) {
                return true;
            }
            if (port.number() != null) {
                int end = port.endPort() == null ? port.number() : port.endPort();
                if (probe.port() >= port.number() && probe.port() <= end) {
                    return true;
                }
            } else if (destination != null && destination.servesNamedPort(port.name(), port.protocol(), probe.port())) {
                return true;
            }
        }
        return false;
    }

    private static DirectionVerdict always(Direction direction, String note) {
        return new DirectionVerdict(direction, DirectionVerdict.Outcome.ALWAYS_ALLOWED, List.of(), List.of(), note);
    }

    private static DirectionVerdict notAPod(Direction direction, Endpoint endpoint) {
        return new DirectionVerdict(direction, DirectionVerdict.Outcome.NOT_A_POD, List.of(), List.of(),
                (direction == Direction.EGRESS ? "source " : "destination ") + endpoint + " is not a pod");
    }

    /** Collects namespaces, pods, policies and externals; {@link #build()} validates them. */
    public static final class Builder {

        private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        private final Map<Endpoint, PodInfo> pods = new LinkedHashMap<>();
        private final List<Endpoint> externals = new ArrayList<>();
        private final List<CompiledPolicy> policies = new ArrayList<>();
        private boolean ipBlockMatchesPodIps = true;
        private boolean ownNodeTrafficAllowed = true;

        private Builder() {
        }

        public Builder namespaces(Namespace... namespaces) {
            return namespaces(Arrays.asList(namespaces));
        }

        public Builder namespaces(Collection<Namespace> namespaces) {
            for (Namespace ns : namespaces) {
                String name = ns.getMetadata() == null ? null : ns.getMetadata().getName();
                if (name == null || name.isEmpty()) {
                    throw new IllegalArgumentException("Namespace without metadata.name");
                }
                Map<String, String> labels = new HashMap<>();
                if (ns.getMetadata().getLabels() != null) {
                    labels.putAll(ns.getMetadata().getLabels());
                }
                labels.put(NAMESPACE_NAME_LABEL, name);
                namespaceLabels.put(name, Map.copyOf(labels));
            }
            return this;
        }

        public Builder pods(Pod... pods) {
            return pods(Arrays.asList(pods));
        }

        public Builder pods(Collection<Pod> pods) {
            for (Pod pod : pods) {
                PodInfo info = PodInfo.of(pod);
                if (this.pods.putIfAbsent(info.endpoint(), info) != null) {
                    throw new IllegalArgumentException("pod " + info.endpoint() + " added twice");
                }
            }
            return this;
        }

        public Builder policies(NetworkPolicy... policies) {
            return policies(Arrays.asList(policies));
        }

        public Builder policies(Collection<NetworkPolicy> policies) {
            policies.forEach(p -> this.policies.add(CompiledPolicy.of(p)));
            return this;
        }

        /** Endpoints outside the pod network (externals and nodes) to include in matrices. */
        public Builder external(Endpoint... endpoints) {
            return external(Arrays.asList(endpoints));
        }

        public Builder external(Collection<Endpoint> endpoints) {
            for (Endpoint e : endpoints) {
                if (e.isPod()) {
                    throw new IllegalArgumentException(e + " is a pod; add pods with pods(...)");
                }
                if (!externals.contains(e)) {
                    externals.add(e);
                }
            }
            return this;
        }

        /**
         * Whether an ipBlock peer matches pods whose IP lies in the block (default true, the cyclonus behaviour and
         * what iptables/eBPF CNIs typically do); false = np-guard's "pods are never selected by ipBlock".
         */
        public Builder ipBlockMatchesPodIps(boolean matches) {
            this.ipBlockMatchesPodIps = matches;
            return this;
        }

        /** Whether traffic between a pod and its own node is always allowed (default true, per the Kubernetes docs). */
        public Builder ownNodeTrafficAllowed(boolean allowed) {
            this.ownNodeTrafficAllowed = allowed;
            return this;
        }

        public NetworkModel build() {
            return new NetworkModel(this);
        }
    }
}
