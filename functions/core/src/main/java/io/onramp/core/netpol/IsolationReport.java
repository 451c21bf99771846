package io.onramp.core.netpol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * What the NetworkPolicies of a cluster let one tenant namespace reach, and who can reach it: every pod of the owner's
 * namespace against every pod of the other Onramp-managed namespaces (label {@value #MANAGED_BY_LABEL}={@value
 * #MANAGED_BY_VALUE}), the platform namespaces (ingress controller, Coder, Onramp), kube-dns in kube-system, and
 * representative externals (internet, metadata service, nodes, API server endpoint); in both directions where that
 * makes sense. A plain serialisable record; compute it with {@link #compute}.
 *
 * <p>
 * From a fabric8 client: {@code compute(client.namespaces().list().getItems(),
 * client.pods().inAnyNamespace().list().getItems(), client.network().v1().networkPolicies().inAnyNamespace().list()
 * .getItems(), owner, representatives)}.
 *
 * <p>
 * Probes: a pod destination is probed on its declared container ports, or TCP/8080 and TCP/80 if it declares none;
 * kube-dns on UDP/53 and TCP/53; internet on TCP/443, TCP/80, UDP/53; metadata on TCP/80; nodes on TCP/10250 (kubelet)
 * and TCP/22; the API server endpoint on its ports. A peer namespace without running pods is represented by a
 * synthetic unlabelled pod {@code <ns>/*} without IP (it matches {@code podSelector: {}} but no ipBlock).
 * Completed pods (phase Succeeded/Failed) are ignored. Evaluation uses {@link NetworkModel} defaults.
 *
 * @param namespace the owner's namespace
 * @param pods the owner's pods evaluated ({@code ns/name})
 * @param otherTenants the other managed namespaces
 * @param rows one row per (from, to, probe)
 * @param notes assumptions that affect the reading (synthetic pods, missing kube-dns, implementation-defined rules)
 */
public record IsolationReport(String namespace, List<String> pods, List<String> otherTenants, Summary summary,
        List<Row> rows, List<String> notes) {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "onramp";
    public static final String SYNTHETIC_POD = "*";

    static final String INTERNET = "internet";
    static final String METADATA = "metadata";
    static final String API_SERVER = "api-server";
    static final String NODE_PREFIX = "node-";

    private static final List<Probe> DEFAULT_POD_PROBES = List.of(Probe.tcp(8080), Probe.tcp(80));
    private static final List<Probe> DNS_PROBES = List.of(Probe.udp(53), Probe.tcp(53));
    private static final List<Probe> INTERNET_PROBES = List.of(Probe.tcp(443), Probe.tcp(80), Probe.udp(53));
    private static final List<Probe> METADATA_PROBES = List.of(Probe.tcp(80));
    private static final List<Probe> NODE_PROBES = List.of(Probe.tcp(10250), Probe.tcp(22));

    /** One evaluated connection; {@code from}/{@code to} are {@code ns/pod} or {@code name(ip)}. */
    public record Row(String from, String to, int port, String protocol, boolean allowed, String reason) {
    }

    /**
     * What the rows mean in short. Connections with a pod's own node are always allowed and left out of the summary
     * (they appear in the rows).
     *
     * @param reaches groups the owner's pods can reach: namespace names for pods, names for externals
     * @param reachableFrom groups that can reach some pod of the owner, same naming
     */
    public record Summary(boolean reachesOtherTenants, boolean reachableFromOtherTenants, boolean reachesInternet,
            boolean reachesMetadata, boolean reachesNodes, boolean reachesApiServer, boolean reachesDns,
            List<String> reaches, List<String> reachableFrom) {
    }

    /**
     * The representative endpoints to probe.
     *
     * @param internetIp a public address, e.g. 1.1.1.1 (null to skip)
     * @param metadataIp the cloud metadata service, normally 169.254.169.254 (null to skip)
     * @param nodeIps node addresses (a pod's own node is always reachable, see {@link NetworkModel})
     * @param apiServerIp the API server endpoint IP behind {@code kubernetes.default.svc} (null to skip)
     * @param apiServerPorts its ports, typically 6443 and 443
     * @param platformNamespaces ingress controller, Coder, Onramp namespaces
     */
    public record Representatives(String internetIp, String metadataIp, List<String> nodeIps, String apiServerIp,
            List<Integer> apiServerPorts, List<String> platformNamespaces) {

        public Representatives {
            nodeIps = nodeIps == null ? List.of() : List.copyOf(nodeIps);
            apiServerPorts = apiServerPorts == null ? List.of() : List.copyOf(apiServerPorts);
            platformNamespaces = platformNamespaces == null ? List.of() : List.copyOf(platformNamespaces);
        }

        /** internet 1.1.1.1, metadata 169.254.169.254, nothing else. */
        public static Representatives defaults() {
            return new Representatives("1.1.1.1", "169.254.169.254", List.of(), null, List.of(), List.of());
        }

        public Representatives withNodeIps(String... ips) {
            return new Representatives(internetIp, metadataIp, List.of(ips), apiServerIp, apiServerPorts, platformNamespaces);
        }

        public Representatives withApiServer(String ip, Integer... ports) {
            return new Representatives(internetIp, metadataIp, nodeIps, ip, List.of(ports), platformNamespaces);
        }

        public Representatives withPlatformNamespaces(String... namespaces) {
            return new Representatives(internetIp, metadataIp, nodeIps, apiServerIp, apiServerPorts, List.of(namespaces));
        }
    }

    public IsolationReport {
        pods = List.copyOf(pods);
        otherTenants = List.copyOf(otherTenants);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** The rows of one direction of one pair, for tests and explanations. */
    public List<Row> rows(String from, String to) {
        return rows.stream().filter(r -> r.from().equals(from) && r.to().equals(to)).toList();
    }

    public static IsolationReport compute(Collection<Namespace> namespaces, Collection<Pod> pods,
            Collection<NetworkPolicy> policies, String ownerNamespace, Representatives representatives) {
        Objects.requireNonNull(ownerNamespace, "ownerNamespace");
        Representatives reps = representatives == null ? Representatives.defaults() : representatives;
        List<String> notes = new ArrayList<>();
        notes.add("traffic between a pod and its own node is always allowed (kubelet probes); such rows are not counted"
                + " in the summary; replies are implicitly allowed");
        notes.add("ipBlock peers also match pod IPs (cyclonus semantics); hostNetwork pods are never isolated");

        List<Pod> active = pods.stream().filter(IsolationReport::active).toList();
        Set<String> tenants = new TreeSet<>();
        for (Namespace ns : namespaces) {
            Map<String, String> labels = ns.getMetadata().getLabels();
            String name = ns.getMetadata().getName();
            if (labels != null && MANAGED_BY_VALUE.equals(labels.get(MANAGED_BY_LABEL)) && !name.equals(ownerNamespace)) {
                tenants.add(name);
            }
        }
        List<String> platform = reps.platformNamespaces().stream().filter(n -> !n.equals(ownerNamespace)).toList();

        // Namespaces whose pods we evaluate; represent empty ones by a synthetic pod.
        List<Pod> modelPods = new ArrayList<>(active);
        Set<String> evaluated = new TreeSet<>(tenants);
        evaluated.addAll(platform);
        evaluated.add(ownerNamespace);
        for (String ns : evaluated) {
            if (active.stream().noneMatch(p -> ns.equals(p.getMetadata().getNamespace()))) {
                modelPods.add(new PodBuilder().withMetadata(new ObjectMetaBuilder().withNamespace(ns)
                        .withName(SYNTHETIC_POD).build()).build());
                notes.add("namespace " + ns + " has no running pods; evaluated a synthetic unlabelled pod " + ns + "/"
                        + SYNTHETIC_POD);
            }
        }

        List<Endpoint> externals = new ArrayList<>();
        Endpoint internet = reps.internetIp() == null ? null : Endpoint.external(INTERNET, reps.internetIp());
        Endpoint metadata = reps.metadataIp() == null ? null : Endpoint.external(METADATA, reps.metadataIp());
        Endpoint apiServer = reps.apiServerIp() == null ? null : Endpoint.external(API_SERVER, reps.apiServerIp());
        List<Endpoint> nodes = reps.nodeIps().stream().map(ip -> Endpoint.node(NODE_PREFIX + ip, ip)).toList();
        for (Endpoint e : new Endpoint[] { internet, metadata, apiServer }) {
            if (e != null) {
                externals.add(e);
            }
        }
        externals.addAll(nodes);

        NetworkModel model = NetworkModel.builder().namespaces(namespaces).pods(modelPods).policies(policies)
                .external(externals).build();
        Map<Endpoint, Pod> podObjects = new HashMap<>();
        modelPods.forEach(p -> podObjects.put(Endpoint.pod(p.getMetadata().getNamespace(), p.getMetadata().getName()), p));

        List<Endpoint> owned = inNamespaces(model, Set.of(ownerNamespace)::contains);
        List<Endpoint> tenantPods = inNamespaces(model, tenants::contains);
        List<Endpoint> platformPods = inNamespaces(model, platform::contains);
        List<Endpoint> dnsPods = model.pods().stream()
                .filter(e -> "kube-system".equals(e.namespace())
                        && "kube-dns".equals(labels(podObjects.get(e)).get("k8s-app")))
                .toList();
        if (dnsPods.isEmpty()) {
            notes.add("no kube-dns pods (k8s-app=kube-dns) found in kube-system; DNS not evaluated");
        }

        List<Row> rows = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        for (Endpoint source : owned) {
            for (Endpoint to : tenantPods) {
                evaluate(model, source, to, podProbes(podObjects.get(to)), rows, verdicts);
            }
            for (Endpoint to : platformPods) {
                evaluate(model, source, to, podProbes(podObjects.get(to)), rows, verdicts);
            }
            for (Endpoint to : dnsPods) {
                evaluate(model, source, to, DNS_PROBES, rows, verdicts);
            }
            if (internet != null) {
                evaluate(model, source, internet, INTERNET_PROBES, rows, verdicts);
            }
            if (metadata != null) {
                evaluate(model, source, metadata, METADATA_PROBES, rows, verdicts);
            }
            for (Endpoint node : nodes) {
                evaluate(model, source, node, NODE_PROBES, rows, verdicts);
            }
            if (apiServer != null) {
                List<Probe> probes = reps.apiServerPorts().isEmpty() ? List.of(Probe.tcp(6443), Probe.tcp(443))
                        : reps.apiServerPorts().stream().map(Probe::tcp).toList();
                evaluate(model, source, apiServer, probes, rows, verdicts);
            }
        }
        for (Endpoint target : owned) {
            List<Probe> probes = podProbes(podObjects.get(target));
            List<Endpoint> sources = new ArrayList<>(tenantPods);
            sources.addAll(platformPods);
            if (internet != null) {
                sources.add(internet);
            }
            sources.addAll(nodes);
            for (Endpoint from : sources) {
                evaluate(model, from, target, probes, rows, verdicts);
            }
        }

        Summary summary = summarise(verdicts, ownerNamespace, tenants, dnsPods, internet, metadata, apiServer, nodes);
        return new IsolationReport(ownerNamespace, owned.stream().map(Endpoint::toString).toList(), List.copyOf(tenants),
                summary, rows, notes);
    }

    private static Summary summarise(List<Verdict> verdicts, String owner, Set<String> tenants, List<Endpoint> dnsPods,
            Endpoint internet, Endpoint metadata, Endpoint apiServer, List<Endpoint> nodes) {
        Set<String> reaches = new TreeSet<>();
        Set<String> reachableFrom = new TreeSet<>();
        boolean toTenants = false;
        boolean fromTenants = false;
        boolean toInternet = false;
        boolean toMetadata = false;
        boolean toNodes = false;
        boolean toApi = false;
        boolean toDns = false;
        for (Verdict v : verdicts) {
            if (!v.allowed() || ownNode(v)) {
                continue;
            }
            boolean outward = v.from().isPod() && owner.equals(v.from().namespace());
            if (outward) {
                Endpoint to = v.to();
                reaches.add(group(to));
                toTenants |= to.isPod() && tenants.contains(to.namespace());
                toInternet |= to.equals(internet);
                toMetadata |= to.equals(metadata);
                toApi |= to.equals(apiServer);
                toNodes |= nodes.contains(to);
                toDns |= dnsPods.contains(to);
            } else {
                reachableFrom.add(group(v.from()));
                fromTenants |= v.from().isPod() && tenants.contains(v.from().namespace());
            }
        }
        return new Summary(toTenants, fromTenants, toInternet, toMetadata, toNodes, toApi, toDns, List.copyOf(reaches),
                List.copyOf(reachableFrom));
    }

    /** Traffic with a pod's own node is always allowed and says nothing about the policies: not summarised. */
    private static boolean ownNode(Verdict v) {
        return v.egress().outcome() == DirectionVerdict.Outcome.ALWAYS_ALLOWED
                || v.ingress().outcome() == DirectionVerdict.Outcome.ALWAYS_ALLOWED;
    }

    private static String group(Endpoint e) {
        return e.isPod() ? e.namespace() : e.name();
    }

    private static void evaluate(NetworkModel model, Endpoint from, Endpoint to, List<Probe> probes, List<Row> rows,
            List<Verdict> verdicts) {
        for (Probe probe : probes) {
            Verdict v = model.allowed(from, to, probe);
            verdicts.add(v);
            rows.add(new Row(from.toString(), to.toString(), probe.port(), probe.protocol(), v.allowed(), v.reason()));
        }
    }

    private static List<Endpoint> inNamespaces(NetworkModel model, Predicate<String> namespace) {
        return model.pods().stream().filter(e -> namespace.test(e.namespace())).toList();
    }

    /** Declared container ports (containers and sidecars), or the defaults when none are declared. */
    private static List<Probe> podProbes(Pod pod) {
        Set<Probe> probes = new LinkedHashSet<>();
        if (pod != null && pod.getSpec() != null) {
            List<Container> containers = new ArrayList<>(
                    CompiledPolicy.nonNull(pod.getSpec().getContainers()));
            CompiledPolicy.nonNull(pod.getSpec().getInitContainers()).stream()
                    .filter(c -> "Always".equals(c.getRestartPolicy())).forEach(containers::add);
            for (Container c : containers) {
                for (ContainerPort p : CompiledPolicy.nonNull(c.getPorts())) {
                    if (p.getContainerPort() != null) {
                        probes.add(new Probe(p.getContainerPort(), p.getProtocol()));
                    }
                }
            }
        }
        return probes.isEmpty() ? DEFAULT_POD_PROBES : List.copyOf(probes);
    }

    private static Map<String, String> labels(Pod pod) {
        return pod == null || pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }

    private static boolean active(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }
}
