package io.onramp.core.netpol;

import static io.onramp.core.netpol.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * The kubernetes/kubernetes test/e2e/network/netpol model: namespaces x, y, z (label ns=name) with pods a, b, c
 * (label pod=name) serving 80 and 81 on TCP and UDP, and the classic policies, compared with expected truth tables.
 */
class E2eModelTest {

    static final Probe TCP80 = Probe.tcp(80);
    static final Probe TCP81 = Probe.tcp(81);
    static final Probe UDP80 = Probe.udp(80);
    static final Probe UDP81 = Probe.udp(81);
    static final List<Probe> PROBES = List.of(TCP80, TCP81, UDP80, UDP81);

    static final Endpoint INTERNET = Endpoint.external("internet", "1.1.1.1");
    static final Endpoint METADATA = Endpoint.external("metadata", "169.254.169.254");
    static final Endpoint API_SERVER = Endpoint.external("api-server", "172.18.0.3");
    static final Endpoint COREDNS = Endpoint.pod("kube-system", "coredns");

    static List<Namespace> namespaces() {
        List<Namespace> out = new ArrayList<>();
        for (String n : List.of("x", "y", "z")) {
            out.add(ns(n, "ns", n));
        }
        out.add(ns("kube-system"));
        return out;
    }

    static List<Pod> pods() {
        List<Pod> out = new ArrayList<>();
        int subnet = 1;
        for (String n : List.of("x", "y", "z")) {
            int host = 1;
            for (String p : List.of("a", "b", "c")) {
                out.add(pod(n, p, "10.0." + subnet + "." + host++, labels("pod", p),
                        port("serve-80-tcp", 80, "TCP"), port("serve-80-udp", 80, "UDP"),
                        port("serve-81-tcp", 81, "TCP"), port("serve-81-udp", 81, "UDP")));
            }
            subnet++;
        }
        return out;
    }

    static Pod coredns() {
        return pod("kube-system", "coredns", "10.0.9.9", labels("k8s-app", "kube-dns"), port("dns", 53, "UDP"),
                port("dns-tcp", 53, "TCP"));
    }

    static NetworkModel model(NetworkPolicy... policies) {
        return NetworkModel.builder().namespaces(namespaces()).pods(pods()).pods(coredns()).policies(policies)
                .external(INTERNET, METADATA, API_SERVER).build();
    }

    /** The 9 pods of x, y, z. */
    static List<Endpoint> xyz() {
        List<Endpoint> out = new ArrayList<>();
        for (String n : List.of("x", "y", "z")) {
            for (String p : List.of("a", "b", "c")) {
                out.add(Endpoint.pod(n, p));
            }
        }
        return out;
    }

    static Predicate<Endpoint> in(String namespace) {
        return e -> e.isPod() && namespace.equals(e.namespace());
    }

    static Predicate<Endpoint> is(String namespace, String pod) {
        return Endpoint.pod(namespace, pod)::equals;
    }

    static Predicate<Endpoint> any() {
        return e -> true;
    }

    static void assertTable(NetworkModel model, Probe probe, TruthTable expected) {
        ReachabilityMatrix m = model.matrix(expected.rows(), expected.columns(), List.of(probe));
        List<String> diff = m.differences(probe, expected);
        assertTrue(diff.isEmpty(), () -> String.join("\n", diff) + "\nactual:\n" + m.format());
        assertEquals(expected, m.table(probe));
    }

    @Test
    void withoutPoliciesEverythingIsAllowed() {
        NetworkModel model = model();
        for (Probe probe : PROBES) {
            assertTable(model, probe, TruthTable.allowAll(xyz()));
        }
    }

    @Test
    void defaultDenyAllIsolatesTheNamespaceBothWays() {
        NetworkModel model = model(defaultDenyAll("x"));
        TruthTable expected = TruthTable.allowAll(xyz()).set(in("x"), any(), false).set(any(), in("x"), false)
                .allowLoopback();
        for (Probe probe : PROBES) {
            assertTable(model, probe, expected);
        }
    }

    @Test
    void defaultDenyAllPrintsLikeTheE2eTables() {
        ReachabilityMatrix m = model(defaultDenyAll("x")).matrix(xyz(), xyz(), List.of(TCP80));
        assertEquals("""
                TCP/80 x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a    .   X   X   X   X   X   X   X   X
                x/b    X   .   X   X   X   X   X   X   X
                x/c    X   X   .   X   X   X   X   X   X
                y/a    X   X   X   .   .   .   .   .   .
                y/b    X   X   X   .   .   .   .   .   .
                y/c    X   X   X   .   .   .   .   .   .
                z/a    X   X   X   .   .   .   .   .   .
                z/b    X   X   X   .   .   .   .   .   .
                z/c    X   X   X   .   .   .   .   .   .
                """, m.format());
    }

    @Test
    void defaultDenyIngressLeavesEgressOpen() {
        NetworkModel model = model(defaultDenyIngress("x"));
        assertTable(model, TCP80, TruthTable.allowAll(xyz()).set(any(), in("x"), false).allowLoopback());
    }

    @Test
    void allowSameNamespaceAdmitsOnlyTheNamespacesOwnPods() {
        NetworkModel model = model(defaultDenyIngress("x"), allowSameNamespace("x"));
        TruthTable expected = TruthTable.allowAll(xyz()).set(in("x").negate(), in("x"), false);
        for (Probe probe : PROBES) {
            assertTable(model, probe, expected);
        }
    }

    @Test
    void allowFromNamespaceLabel() {
        NetworkModel model = model(ingressPolicy("x", "allow-from-y", sel("pod", "a"), from(nsPeer(sel("ns", "y")))));
        TruthTable expected = TruthTable.allowAll(xyz()).set(in("y").negate(), is("x", "a"), false).allowLoopback();
        assertTable(model, TCP80, expected);
        assertTable(model, UDP81, expected);
    }

    @Test
    void namespaceAndPodSelectorInOnePeerIntersect() {
        NetworkModel model = model(ingressPolicy("x", "allow-y-b", sel("pod", "a"),
                from(nsAndPodPeer(sel("ns", "y"), sel("pod", "b")))));
        TruthTable expected = TruthTable.allowAll(xyz()).ingressTo(Endpoint.pod("x", "a"), false)
                .set(Endpoint.pod("y", "b"), Endpoint.pod("x", "a"), true).allowLoopback();
        assertTable(model, TCP80, expected);
    }

    @Test
    void separatePeersUnite() {
        NetworkModel model = model(ingressPolicy("x", "allow-y-or-b", sel("pod", "a"),
                from(nsPeer(sel("ns", "y")), podPeer(sel("pod", "b")))));
        // pod=b without namespaceSelector means pod b of the policy's namespace x only; not y/b twice, not z/b.
        TruthTable expected = TruthTable.allowAll(xyz()).ingressTo(Endpoint.pod("x", "a"), false)
                .set(in("y"), is("x", "a"), true).set(Endpoint.pod("x", "b"), Endpoint.pod("x", "a"), true)
                .allowLoopback();
        assertTable(model, TCP80, expected);
    }

    @Test
    void emptyNamespaceSelectorMeansAllNamespaces() {
        NetworkModel model = model(defaultDenyIngress("x"),
                ingressPolicy("x", "allow-b-anywhere", sel(), from(nsAndPodPeer(sel(), sel("pod", "b")))));
        TruthTable expected = TruthTable.allowAll(xyz()).set(any(), in("x"), false)
                .set(e -> e.isPod() && e.name().equals("b"), in("x"), true).allowLoopback();
        assertTable(model, TCP80, expected);
    }

    @Test
    void egressToKubeDnsOnlyOn53() {
        NetworkModel model = model(defaultDenyAll("x"), allowDns("x"));
        List<Endpoint> rows = List.of(Endpoint.pod("x", "a"), Endpoint.pod("x", "b"));
        List<Endpoint> cols = List.of(COREDNS, Endpoint.pod("y", "a"), INTERNET);
        ReachabilityMatrix m = model.matrix(rows, cols, List.of(Probe.udp(53), Probe.tcp(53), TCP80));
        TruthTable dns = TruthTable.of(rows, cols, false).set(any(), COREDNS::equals, true);
        assertEquals(List.of(), m.differences(Probe.udp(53), dns));
        assertEquals(List.of(), m.differences(Probe.tcp(53), dns));
        assertEquals(List.of(), m.differences(TCP80, TruthTable.of(rows, cols, false)));
        assertEquals(List.of(new RuleRef("x", "allow-dns", Direction.EGRESS, 0)),
                m.verdict(Endpoint.pod("x", "a"), COREDNS, Probe.udp(53)).decidingRules());
    }

    @Test
    void dnsPolicyNeedsBothSelectorsInOnePeer() {
        // A look-alike pod labelled k8s-app=kube-dns in another namespace is not DNS.
        Pod fake = pod("y", "fake-dns", "10.0.2.53", labels("k8s-app", "kube-dns"), port("dns", 53, "UDP"));
        NetworkModel model = NetworkModel.builder().namespaces(namespaces()).pods(pods()).pods(coredns(), fake)
                .policies(defaultDenyAll("x"), allowDns("x")).build();
        assertTrue(model.allowed(Endpoint.pod("x", "a"), COREDNS, Probe.udp(53)).allowed());
        assertFalse(model.allowed(Endpoint.pod("x", "a"), Endpoint.pod("y", "fake-dns"), Probe.udp(53)).allowed());
    }

    @Test
    void internetEgressExcludesPrivateRangesAndMetadata() {
        NetworkModel model = model(defaultDenyAll("x"), allowDns("x"), allowInternet("x"));
        List<Endpoint> rows = List.of(Endpoint.pod("x", "a"));
        List<Endpoint> cols = List.of(INTERNET, METADATA, API_SERVER, COREDNS, Endpoint.pod("y", "a"));
        ReachabilityMatrix m = model.matrix(rows, cols, List.of(Probe.tcp(443), Probe.udp(53)));
        assertEquals(List.of(), m.differences(Probe.tcp(443), TruthTable.of(rows, cols, false).set(any(), INTERNET::equals, true)));
        // UDP/53: the internet (a public resolver) and kube-dns; never the metadata service or private ranges.
        assertEquals(List.of(), m.differences(Probe.udp(53), TruthTable.of(rows, cols, false)
                .set(any(), INTERNET::equals, true).set(any(), COREDNS::equals, true)));
    }

    @Test
    void namedPortsResolveAgainstTheDestinationPod() {
        NetworkModel model = model(ingressPolicy("x", "allow-81", sel(),
                from(List.of(nsPeer(sel())), named("serve-81-tcp", "TCP"), named("serve-80-udp", "UDP"))));
        TruthTable closed = TruthTable.allowAll(xyz()).set(any(), in("x"), false).allowLoopback();
        assertTable(model, TCP80, closed);
        assertTable(model, TCP81, TruthTable.allowAll(xyz()));
        assertTable(model, UDP80, TruthTable.allowAll(xyz()));
        assertTable(model, UDP81, closed);
    }

    @Test
    void endPortRangesAreInclusive() {
        NetworkModel model = model(defaultDenyIngress("x"),
                ingressPolicy("x", "allow-80-81", sel(), from(List.of(nsPeer(sel())), range("TCP", 80, 81))));
        TruthTable closed = TruthTable.allowAll(xyz()).set(any(), in("x"), false).allowLoopback();
        assertTable(model, TCP80, TruthTable.allowAll(xyz()));
        assertTable(model, TCP81, TruthTable.allowAll(xyz()));
        assertTable(model, Probe.tcp(82), closed);
        assertTable(model, Probe.tcp(79), closed);
        assertTable(model, UDP80, closed);
    }

    @Test
    void allowAllInOneNamespaceDoesNotOpenAnother() {
        NetworkModel model = model(defaultDenyAll("y"),
                policy("x", "allow-everything", sel(), List.of("Ingress", "Egress"),
                        List.of(new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule()),
                        List.of(new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule())));
        TruthTable expected = TruthTable.allowAll(xyz()).set(in("y"), any(), false).set(any(), in("y"), false)
                .allowLoopback();
        for (Probe probe : PROBES) {
            assertTable(model, probe, expected);
        }
        Verdict v = model.allowed(Endpoint.pod("x", "a"), Endpoint.pod("y", "a"), TCP80);
        assertEquals(new RuleRef("x", "allow-everything", Direction.EGRESS, 0), v.egress().allowedBy().get(0));
        assertEquals(DirectionVerdict.Outcome.DENIED, v.ingress().outcome());
        assertEquals(List.of("y/default-deny-all"), v.ingress().isolatedBy());
    }

    @Test
    void matrixOverAllEndpointsLeavesExternalPairsEmpty() {
        NetworkModel model = model(defaultDenyAll("x"));
        ReachabilityMatrix m = model.matrix(List.of(TCP80));
        assertEquals(model.endpoints(), m.rows());
        assertEquals(null, m.verdict(INTERNET, METADATA, TCP80));
        assertFalse(m.allowed(INTERNET, Endpoint.pod("x", "a"), TCP80));
        assertTrue(m.allowed(INTERNET, Endpoint.pod("y", "a"), TCP80));
        assertTrue(m.format().contains("internet(1.1.1.1)"));
        assertEquals(1 + 9 + 3, m.rows().size());
    }
}
