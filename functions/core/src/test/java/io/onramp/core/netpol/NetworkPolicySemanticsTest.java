package io.onramp.core.netpol;

import static io.onramp.core.netpol.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;

/** One or more tests per point of tenancy.md 6.4. */
class NetworkPolicySemanticsTest {

    static final Endpoint XA = Endpoint.pod("x", "a");
    static final Endpoint XB = Endpoint.pod("x", "b");
    static final Endpoint YA = Endpoint.pod("y", "a");
    static final Endpoint YB = Endpoint.pod("y", "b");
    static final Probe TCP80 = Probe.tcp(80);

    static NetworkModel model(NetworkPolicy... policies) {
        return NetworkModel.builder().namespaces(ns("x", "team", "blue"), ns("y", "team", "red"))
                .pods(pod("x", "a", "10.0.1.1", labels("app", "web")), pod("x", "b", "10.0.1.2", labels("app", "db")),
                        pod("y", "a", "10.0.2.1", labels("app", "web")), pod("y", "b", "10.0.2.2", labels("app", "db")))
                .policies(policies).build();
    }

    static boolean allowed(NetworkModel model, Endpoint from, Endpoint to) {
        return model.allowed(from, to, TCP80).allowed();
    }

    @Nested
    class Point1Applicability {

        @Test
        void policyAppliesOnlyToMatchingPodsOfItsNamespace() {
            NetworkModel model = model(ingressPolicy("x", "deny-web", sel("app", "web")));
            assertFalse(allowed(model, YA, XA));
            assertTrue(allowed(model, YA, XB), "x/b is not selected");
            assertTrue(allowed(model, XA, YA), "y/a has the label but lives in another namespace");
            assertEquals(List.of("x/deny-web"), model.isolatingPolicies(XA, Direction.INGRESS));
            assertEquals(List.of(), model.isolatingPolicies(YA, Direction.INGRESS));
        }

        @Test
        void missingPodSelectorSelectsAllPods() {
            NetworkModel model = model(policy("x", "no-selector", null, List.of("Ingress"), null, null));
            assertFalse(allowed(model, YA, XA));
            assertFalse(allowed(model, YA, XB));
            assertTrue(allowed(model, XA, YA));
        }

        @Test
        void matchExpressionsInPodSelector() {
            NetworkModel model = model(ingressPolicy("x", "deny-not-web", expr("app", "NotIn", "web")));
            assertTrue(allowed(model, YA, XA));
            assertFalse(allowed(model, YA, XB));
        }
    }

    @Nested
    class Point2PolicyTypesDefaulting {

        @Test
        void withoutPolicyTypesIngressIsAlwaysIncluded() {
            NetworkModel model = model(policy("x", "p", sel(), null, null, null));
            assertTrue(model.isolated(XA, Direction.INGRESS));
            assertFalse(model.isolated(XA, Direction.EGRESS));
            assertFalse(allowed(model, YA, XA));
            assertTrue(allowed(model, XA, YA));
        }

        @Test
        void egressRulesWithoutPolicyTypesIsolateEgressAndIngress() {
            NetworkModel model = model(policy("x", "egress-in-namespace", sel(), null, null,
                    List.of(to(podPeer(sel())))));
            assertTrue(model.isolated(XA, Direction.EGRESS));
            assertFalse(allowed(model, XA, YA), "egress is isolated");
            // Ingress is always defaulted in, and the policy has no ingress rules: all ingress denied, so even the
            // same-namespace traffic its egress rule allows is dropped at the destination.
            assertTrue(model.isolated(XA, Direction.INGRESS));
            Verdict v = model.allowed(XA, XB, TCP80);
            assertEquals(DirectionVerdict.Outcome.ALLOWED, v.egress().outcome());
            assertEquals(DirectionVerdict.Outcome.DENIED, v.ingress().outcome());
            assertFalse(v.allowed());
            assertTrue(allowed(model, YA, YB), "namespace y is untouched");
        }

        @Test
        void emptyEgressWithEgressPolicyTypeDeniesAllEgress() {
            NetworkModel model = model(policy("x", "deny-egress", sel(), List.of("Egress"), null, List.of()));
            assertFalse(allowed(model, XA, YA));
            assertFalse(allowed(model, XA, XB));
            assertTrue(allowed(model, YA, XA), "ingress not isolated");
        }

        @Test
        void emptyEgressWithoutPolicyTypesIsNotEgressDeny() {
            NetworkModel model = model(policy("x", "looks-like-deny-egress", sel(), null, null, List.of()));
            assertFalse(model.isolated(XA, Direction.EGRESS));
            assertTrue(allowed(model, XA, YA));
            assertFalse(allowed(model, YA, XA), "but ingress is isolated by the default");
        }

        @Test
        void explicitPolicyTypesWin() {
            NetworkModel model = model(policy("x", "egress-only", sel(), List.of("Egress"),
                    List.of(from(podPeer(sel()))), List.of(to(podPeer(sel())))));
            assertFalse(model.isolated(XA, Direction.INGRESS), "ingress rules are ignored without Ingress");
            assertTrue(allowed(model, YA, XA));
            assertFalse(allowed(model, XA, YA));
        }
    }

    @Nested
    class Point3Isolation {

        @Test
        void nonIsolatedDirectionAllowsEverything() {
            NetworkModel model = model(defaultDenyIngress("x"));
            Verdict v = model.allowed(XA, YA, TCP80);
            assertTrue(v.allowed());
            assertEquals(DirectionVerdict.Outcome.NOT_ISOLATED, v.egress().outcome());
            assertEquals(DirectionVerdict.Outcome.NOT_ISOLATED, v.ingress().outcome());
        }
    }

    @Nested
    class Point4Combination {

        @Test
        void bothEgressOfSourceAndIngressOfDestinationMustAllow() {
            NetworkModel model = model(egressPolicy("x", "egress-to-y", sel(), to(nsPeer(sel("team", "red")))),
                    ingressPolicy("y", "ingress-from-web", sel(), from(nsAndPodPeer(sel(), sel("app", "web")))));
            assertTrue(allowed(model, XA, YA));
            assertFalse(allowed(model, XB, YA), "egress allows, ingress does not (x/b is app=db)");
            assertFalse(allowed(model, XA, XB), "ingress not isolated, egress does not allow x");
        }

        @Test
        void policiesAreAUnion() {
            NetworkModel model = model(ingressPolicy("x", "from-y-a", sel("app", "web"),
                    from(nsAndPodPeer(sel("team", "red"), sel("app", "web")))),
                    ingressPolicy("x", "from-x-b", sel("app", "web"), from(podPeer(sel("app", "db")))));
            assertTrue(allowed(model, YA, XA));
            assertTrue(allowed(model, XB, XA));
            assertFalse(allowed(model, YB, XA));
            assertEquals(List.of("x/from-y-a", "x/from-x-b"), model.isolatingPolicies(XA, Direction.INGRESS));
        }

        @Test
        void orderDoesNotMatter() {
            List<NetworkPolicy> policies = new ArrayList<>(List.of(defaultDenyAll("x"), allowSameNamespace("x"),
                    allowDns("x"), allowInternet("x"), defaultDenyIngress("y"),
                    ingressPolicy("y", "from-blue", sel(), from(nsPeer(sel("team", "blue"))))));
            List<Probe> probes = List.of(TCP80, Probe.udp(53));
            ReachabilityMatrix first = model(policies.toArray(NetworkPolicy[]::new)).matrix(probes);
            Collections.reverse(policies);
            ReachabilityMatrix reversed = model(policies.toArray(NetworkPolicy[]::new)).matrix(probes);
            for (Probe p : probes) {
                assertEquals(first.table(p), reversed.table(p));
            }
        }

        @Test
        void allMatchingRulesAreReported() {
            NetworkModel model = model(allowSameNamespace("x"),
                    ingressPolicy("x", "from-db", sel(), from(podPeer(sel("app", "db")))));
            assertEquals(List.of(new RuleRef("x", "allow-same-namespace", Direction.INGRESS, 0),
                    new RuleRef("x", "from-db", Direction.INGRESS, 0)), model.allowed(XB, XA, TCP80).decidingRules());
        }

        @Test
        void repliesAreImplicit() {
            // x/a may not open connections, but it answers y/a: only the initiating direction is evaluated.
            NetworkModel model = model(policy("x", "deny-egress", sel(), List.of("Egress"), null, null));
            assertFalse(allowed(model, XA, YA));
            assertTrue(allowed(model, YA, XA));
        }
    }

    @Nested
    class Point5Rules {

        @Test
        void emptyRuleAllowsEverything() {
            NetworkModel model = model(policy("x", "allow-all", sel(), List.of("Ingress"),
                    List.of(new NetworkPolicyIngressRule()), null));
            assertTrue(allowed(model, YA, XA));
            assertTrue(model.allowed(Endpoint.external("internet", "1.1.1.1"), XA, Probe.udp(9999)).allowed());
        }

        @Test
        void emptyRuleListAllowsNothing() {
            NetworkModel model = model(policy("x", "deny", sel(), List.of("Ingress"), List.of(), null));
            assertFalse(allowed(model, YA, XA));
            assertFalse(allowed(model, XB, XA));
        }

        @Test
        void missingPeersMeansAllPeersOnTheListedPorts() {
            NetworkModel model = model(ingressPolicy("x", "port-80", sel(), from(List.of(), tcp(80))));
            assertTrue(model.allowed(YA, XA, Probe.tcp(80)).allowed());
            assertTrue(model.allowed(Endpoint.external("internet", "1.1.1.1"), XA, Probe.tcp(80)).allowed());
            assertFalse(model.allowed(YA, XA, Probe.tcp(443)).allowed());
        }

        @Test
        void missingPortsMeansAllPortsFromTheListedPeers() {
            NetworkModel model = model(ingressPolicy("x", "from-y", sel(), from(nsPeer(sel("team", "red")))));
            assertTrue(model.allowed(YA, XA, Probe.tcp(1)).allowed());
            assertTrue(model.allowed(YA, XA, Probe.sctp(65535)).allowed());
            assertFalse(model.allowed(XB, XA, Probe.tcp(1)).allowed());
        }

        @Test
        void peersAndPortsMustBothMatch() {
            NetworkModel model = model(egressPolicy("x", "web-to-y", sel(), to(List.of(nsPeer(sel("team", "red"))), tcp(443))));
            assertTrue(model.allowed(XA, YA, Probe.tcp(443)).allowed());
            assertFalse(model.allowed(XA, YA, Probe.tcp(80)).allowed());
            assertFalse(model.allowed(XA, XB, Probe.tcp(443)).allowed());
        }
    }

    @Nested
    class Point6Peers {

        @Test
        void podSelectorAloneMeansThePolicysNamespace() {
            NetworkModel model = model(ingressPolicy("x", "from-web", sel(), from(podPeer(sel("app", "web")))));
            assertTrue(allowed(model, XA, XB));
            assertFalse(allowed(model, YA, XB), "y/a is app=web but in another namespace");
        }

        @Test
        void namespaceSelectorAloneMeansAllPodsOfMatchingNamespaces() {
            NetworkModel model = model(ingressPolicy("x", "from-red", sel(), from(nsPeer(sel("team", "red")))));
            assertTrue(allowed(model, YA, XA));
            assertTrue(allowed(model, YB, XA));
            assertFalse(allowed(model, XB, XA), "x itself is not team=red");
        }

        @Test
        void emptyNamespaceSelectorMatchesAllNamespaces() {
            NetworkModel model = model(ingressPolicy("x", "from-anywhere", sel(), from(nsPeer(sel()))));
            assertTrue(allowed(model, YA, XA));
            assertTrue(allowed(model, XB, XA));
            assertFalse(model.allowed(Endpoint.external("internet", "1.1.1.1"), XA, TCP80).allowed(),
                    "selectors match pods only");
        }

        @Test
        void bothSelectorsInOnePeerIntersect() {
            NetworkModel model = model(ingressPolicy("x", "and", sel(), from(nsAndPodPeer(sel("team", "red"), sel("app", "db")))));
            assertTrue(allowed(model, YB, XA));
            assertFalse(allowed(model, YA, XA));
            assertFalse(allowed(model, XB, XA));
        }

        @Test
        void separatePeersUnite() {
            NetworkModel model = model(ingressPolicy("x", "or", sel(),
                    from(nsPeer(sel("team", "red")), podPeer(sel("app", "db")))));
            assertTrue(allowed(model, YA, XA));
            assertTrue(allowed(model, YB, XA));
            assertTrue(allowed(model, XB, XA));
        }

        @Test
        void metadataNameLabelIsAlwaysPresent() {
            // Namespace y was created without that label; the control plane sets it, so the model assumes it.
            NetworkModel model = model(ingressPolicy("x", "from-y", sel(),
                    from(nsPeer(sel("kubernetes.io/metadata.name", "y")))));
            assertTrue(allowed(model, YA, XA));
            assertFalse(allowed(model, XB, XA));
            assertEquals("y", model.namespaceLabels("y").get(NetworkModel.NAMESPACE_NAME_LABEL));
            assertEquals("unknown", model.namespaceLabels("unknown").get(NetworkModel.NAMESPACE_NAME_LABEL));
        }

        @Test
        void ipBlockIsCidrMinusExcept() {
            NetworkModel model = model(egressPolicy("x", "ipblock", sel(), to(ipBlock("0.0.0.0/0", "10.0.0.0/8", "169.254.0.0/16"))));
            assertTrue(model.allowed(XA, Endpoint.external("internet", "1.1.1.1"), TCP80).allowed());
            assertFalse(model.allowed(XA, Endpoint.external("metadata", "169.254.169.254"), TCP80).allowed());
            assertFalse(model.allowed(XA, Endpoint.external("private", "10.200.0.1"), TCP80).allowed());
            assertFalse(allowed(model, XA, YA), "pod IPs are in the excepted 10.0.0.0/8");
        }

        @Test
        void ipBlockBoundaries() {
            NetworkModel model = model(egressPolicy("x", "ipblock", sel(), to(ipBlock("192.168.1.0/24", "192.168.1.128/25"))));
            assertTrue(model.allowed(XA, Endpoint.external("low", "192.168.1.0"), TCP80).allowed());
            assertTrue(model.allowed(XA, Endpoint.external("mid", "192.168.1.127"), TCP80).allowed());
            assertFalse(model.allowed(XA, Endpoint.external("except", "192.168.1.128"), TCP80).allowed());
            assertFalse(model.allowed(XA, Endpoint.external("outside", "192.168.2.1"), TCP80).allowed());
        }

        @Test
        void ipv6Blocks() {
            NetworkModel model = model(egressPolicy("x", "v6", sel(), to(ipBlock("2001:db8::/32", "2001:db8:dead::/48"))));
            assertTrue(model.allowed(XA, Endpoint.external("v6", "2001:db8::1"), TCP80).allowed());
            assertFalse(model.allowed(XA, Endpoint.external("v6-except", "2001:db8:dead::1"), TCP80).allowed());
            assertFalse(model.allowed(XA, Endpoint.external("v4", "1.1.1.1"), TCP80).allowed(), "other family");
        }

        @Test
        void ipBlockCannotBeCombinedWithSelectors() {
            NetworkPolicy bad = ingressPolicy("x", "bad", sel(), from(new NetworkPolicyPeerBuilder()
                    .withNewIpBlock().withCidr("10.0.0.0/8").endIpBlock().withPodSelector(sel()).build()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model(bad));
            assertTrue(e.getMessage().contains("x/bad"), e.getMessage());
        }

        @Test
        void invalidPeersAndBlocksAreRejected() {
            assertThrows(IllegalArgumentException.class,
                    () -> model(ingressPolicy("x", "empty-peer", sel(), from(new NetworkPolicyPeerBuilder().build()))));
            assertThrows(IllegalArgumentException.class,
                    () -> model(egressPolicy("x", "bad-cidr", sel(), to(ipBlock("10.0.0.0/33")))));
            assertThrows(IllegalArgumentException.class,
                    () -> model(egressPolicy("x", "except-outside", sel(), to(ipBlock("10.0.0.0/16", "10.1.0.0/24")))));
            assertThrows(IllegalArgumentException.class,
                    () -> model(egressPolicy("x", "hostname", sel(), to(ipBlock("example.com/32")))));
        }
    }

    @Nested
    class Point7Ports {

        static NetworkModel servers(NetworkPolicy... policies) {
            Pod web = pod("x", "web", "10.0.1.10", labels("app", "web"), port("http", 8080, "TCP"), port("metrics", 9090, "TCP"),
                    port("dns", 5353, "UDP"));
            Pod other = pod("x", "other", "10.0.1.11", labels("app", "other"), port("http", 3000, "TCP"));
            Pod client = pod("y", "client", "10.0.2.10", labels("app", "client"));
            return NetworkModel.builder().namespaces(ns("x"), ns("y")).pods(web, other, client).policies(policies).build();
        }

        static final Endpoint WEB = Endpoint.pod("x", "web");
        static final Endpoint OTHER = Endpoint.pod("x", "other");
        static final Endpoint CLIENT = Endpoint.pod("y", "client");

        @Test
        void protocolDefaultsToTcp() {
            NetworkModel model = model(ingressPolicy("x", "p", sel(), from(List.of(), portNoProtocol(80))));
            assertTrue(model.allowed(YA, XA, Probe.tcp(80)).allowed());
            assertFalse(model.allowed(YA, XA, Probe.udp(80)).allowed());
            assertFalse(model.allowed(YA, XA, Probe.sctp(80)).allowed());
        }

        @Test
        void udpAndSctpAreDistinct() {
            NetworkModel model = model(ingressPolicy("x", "p", sel(), from(List.of(), udp(53),
                    new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder().withProtocol("SCTP").build())));
            assertTrue(model.allowed(YA, XA, Probe.udp(53)).allowed());
            assertFalse(model.allowed(YA, XA, Probe.tcp(53)).allowed());
            assertTrue(model.allowed(YA, XA, Probe.sctp(1234)).allowed(), "SCTP without port = all SCTP ports");
        }

        @Test
        void namedIngressPortResolvesAgainstTheSelectedPod() {
            NetworkModel model = servers(ingressPolicy("x", "http", sel(), from(List.of(), named("http", "TCP"))));
            assertTrue(model.allowed(CLIENT, WEB, Probe.tcp(8080)).allowed());
            assertFalse(model.allowed(CLIENT, WEB, Probe.tcp(3000)).allowed());
            assertTrue(model.allowed(CLIENT, OTHER, Probe.tcp(3000)).allowed(), "same name, other number on other pod");
            assertFalse(model.allowed(CLIENT, OTHER, Probe.tcp(8080)).allowed());
            assertFalse(model.allowed(CLIENT, WEB, Probe.tcp(9090)).allowed());
        }

        @Test
        void namedPortProtocolMustMatch() {
            NetworkModel model = servers(ingressPolicy("x", "dns", sel(), from(List.of(), named("dns", "UDP"))));
            assertTrue(model.allowed(CLIENT, WEB, Probe.udp(5353)).allowed());
            assertFalse(model.allowed(CLIENT, WEB, Probe.tcp(5353)).allowed());
            NetworkModel tcpByDefault = servers(ingressPolicy("x", "dns-tcp", sel(), from(List.of(), named("dns", "TCP"))));
            assertFalse(tcpByDefault.allowed(CLIENT, WEB, Probe.udp(5353)).allowed());
        }

        @Test
        void namedEgressPortResolvesAgainstTheDestination() {
            NetworkModel model = servers(egressPolicy("y", "to-http", sel(), to(List.of(nsPeer(sel())), named("http", "TCP"))));
            assertTrue(model.allowed(CLIENT, WEB, Probe.tcp(8080)).allowed());
            assertTrue(model.allowed(CLIENT, OTHER, Probe.tcp(3000)).allowed());
            assertFalse(model.allowed(CLIENT, OTHER, Probe.tcp(8080)).allowed());
        }

        @Test
        void namedPortNeverMatchesExternals() {
            NetworkModel model = model(egressPolicy("x", "named", sel(), to(List.of(ipBlock("0.0.0.0/0")), named("https", "TCP"))));
            assertFalse(model.allowed(XA, Endpoint.external("internet", "1.1.1.1"), Probe.tcp(443)).allowed());
        }

        @Test
        void endPortIsInclusive() {
            NetworkModel model = model(ingressPolicy("x", "range", sel(), from(List.of(), range("TCP", 32000, 32768))));
            assertFalse(model.allowed(YA, XA, Probe.tcp(31999)).allowed());
            assertTrue(model.allowed(YA, XA, Probe.tcp(32000)).allowed());
            assertTrue(model.allowed(YA, XA, Probe.tcp(32400)).allowed());
            assertTrue(model.allowed(YA, XA, Probe.tcp(32768)).allowed());
            assertFalse(model.allowed(YA, XA, Probe.tcp(32769)).allowed());
            assertFalse(model.allowed(YA, XA, Probe.udp(32400)).allowed());
        }

        @Test
        void invalidPortsAreRejected() {
            assertThrows(IllegalArgumentException.class,
                    () -> model(ingressPolicy("x", "backwards", sel(), from(List.of(), range("TCP", 90, 80)))));
            assertThrows(IllegalArgumentException.class, () -> model(ingressPolicy("x", "named-range", sel(),
                    from(List.of(), new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder()
                            .withPort(new io.fabric8.kubernetes.api.model.IntOrString("http")).withEndPort(90).build()))));
            assertThrows(IllegalArgumentException.class, () -> model(ingressPolicy("x", "icmp", sel(),
                    from(List.of(), named("ping", "ICMP")))));
            assertThrows(IllegalArgumentException.class, () -> new Probe(80, "ICMP"));
            assertThrows(IllegalArgumentException.class, () -> new Probe(0, "TCP"));
        }
    }

    @Nested
    class Point8Selectors {

        @Test
        void nullPodSelectorInPeerIsNotSpecifiedButEmptyNamespaceSelectorIsAll() {
            // namespaceSelector {} + no podSelector: every pod of every namespace
            NetworkModel all = model(ingressPolicy("x", "all-ns", sel(), from(nsPeer(sel()))));
            assertTrue(allowed(all, YB, XA));
            // podSelector {} + no namespaceSelector: every pod of the policy's namespace only
            NetworkModel own = model(ingressPolicy("x", "own-ns", sel(), from(podPeer(sel()))));
            assertFalse(allowed(own, YB, XA));
            assertTrue(allowed(own, XB, XA));
        }

        @Test
        void matchExpressionsInPeers() {
            NetworkModel model = model(ingressPolicy("x", "exprs", sel(),
                    from(nsAndPodPeer(expr("team", "In", "red", "green"), expr("app", "Exists")))));
            assertTrue(allowed(model, YA, XA));
            assertFalse(allowed(model, XB, XA));
        }
    }

    @Nested
    class Point9ImplementationDefined {

        static final Endpoint OWN_NODE = Endpoint.node("worker-1", "172.18.0.2");
        static final Endpoint OTHER_NODE = Endpoint.node("worker-2", "172.18.0.5");

        @Test
        void ownNodeReachesThePodDespiteDenyAll() {
            NetworkModel model = model(defaultDenyAll("x"));
            Verdict v = model.allowed(OWN_NODE, XA, Probe.tcp(8080));
            assertTrue(v.allowed());
            assertEquals(DirectionVerdict.Outcome.ALWAYS_ALLOWED, v.ingress().outcome());
            assertTrue(v.reason().contains("own node"), v.reason());
            assertFalse(model.allowed(OTHER_NODE, XA, Probe.tcp(8080)).allowed());
            // an external address at the pod's host IP is the node too
            assertTrue(model.allowed(Endpoint.external("kubelet", "172.18.0.2"), XA, TCP80).allowed());
        }

        @Test
        void podReachesItsOwnNodeDespiteDenyAll() {
            NetworkModel model = model(defaultDenyAll("x"));
            assertTrue(model.allowed(XA, OWN_NODE, Probe.tcp(10250)).allowed());
            assertFalse(model.allowed(XA, OTHER_NODE, Probe.tcp(10250)).allowed());
        }

        @Test
        void ownNodeRuleCanBeSwitchedOff() {
            NetworkModel model = NetworkModel.builder().namespaces(ns("x")).pods(pod("x", "a", "10.0.1.1", labels()))
                    .policies(defaultDenyAll("x")).ownNodeTrafficAllowed(false).build();
            assertFalse(model.allowed(OWN_NODE, XA, TCP80).allowed());
        }

        @Test
        void loopbackIsAlwaysAllowed() {
            NetworkModel model = model(defaultDenyAll("x"));
            Verdict v = model.allowed(XA, XA, TCP80);
            assertTrue(v.allowed());
            assertTrue(v.reason().contains("loopback"), v.reason());
        }

        @Test
        void ipBlockMatchesPodIpsByDefaultLikeCyclonus() {
            NetworkPolicy toY = egressPolicy("x", "to-y-subnet", sel(), to(ipBlock("10.0.2.0/24")));
            assertTrue(allowed(model(toY), XA, YA));
            NetworkModel npGuard = NetworkModel.builder().namespaces(ns("x"), ns("y"))
                    .pods(pod("x", "a", "10.0.1.1", labels()), pod("y", "a", "10.0.2.1", labels()))
                    .policies(toY).ipBlockMatchesPodIps(false).build();
            assertFalse(allowed(npGuard, XA, YA));
            assertTrue(npGuard.allowed(XA, Endpoint.external("in-block", "10.0.2.200"), TCP80).allowed());
        }

        @Test
        void hostNetworkPodsAreNotIsolatedAndOnlyMatchedByIpBlock() {
            Pod agent = pod("x", "agent", "172.18.0.5", "worker-2", "172.18.0.5", labels("app", "web"));
            agent.getSpec().setHostNetwork(true);
            NetworkModel model = NetworkModel.builder().namespaces(ns("x"), ns("y"))
                    .pods(agent, pod("y", "a", "10.0.2.1", labels()), pod("x", "a", "10.0.1.1", labels("app", "web")))
                    .policies(defaultDenyAll("x"), ingressPolicy("y", "from-web", sel(), from(nsAndPodPeer(sel(), sel("app", "web")))))
                    .build();
            Endpoint agentEp = Endpoint.pod("x", "agent");
            assertFalse(model.isolated(agentEp, Direction.EGRESS));
            assertTrue(model.allowed(YA, agentEp, TCP80).allowed(), "deny-all does not reach a hostNetwork pod");
            assertFalse(model.allowed(agentEp, YA, TCP80).allowed(), "pod selectors do not match hostNetwork pods");
            NetworkModel byIp = NetworkModel.builder().namespaces(ns("x"), ns("y"))
                    .pods(agent, pod("y", "a", "10.0.2.1", labels()))
                    .policies(ingressPolicy("y", "from-nodes", sel(), from(ipBlock("172.18.0.0/16")))).build();
            assertTrue(byIp.allowed(agentEp, YA, TCP80).allowed());
        }

        @Test
        void trafficBetweenExternalsIsOutOfScope() {
            NetworkModel model = model();
            assertThrows(IllegalArgumentException.class, () -> model.allowed(Endpoint.external("a", "1.1.1.1"),
                    Endpoint.external("b", "8.8.8.8"), TCP80));
        }

        @Test
        void unknownPodsAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> model().allowed(XA, Endpoint.pod("x", "ghost"), TCP80));
        }
    }

    @Test
    void verdictExplainsTheDecision() {
        NetworkModel model = model(defaultDenyAll("x"), allowSameNamespace("x"));
        Verdict denied = model.allowed(YA, XA, TCP80);
        assertEquals("denied: egress: not isolated; ingress: denied (isolated by x/default-deny-all, x/allow-same-namespace;"
                + " no rule matches)", denied.reason());
        Verdict external = model.allowed(Endpoint.external("internet", "1.1.1.1"), YA, TCP80);
        assertEquals("allowed: egress: not governed (source internet(1.1.1.1) is not a pod); ingress: not isolated",
                external.reason());
        assertEquals("x/allow-same-namespace ingress[0]", new RuleRef("x", "allow-same-namespace", Direction.INGRESS, 0).toString());
    }

    @Test
    void egressRulesAreReportedWithTheirIndex() {
        NetworkModel model = model(policy("x", "two-rules", sel(), List.of("Egress"), null,
                List.<NetworkPolicyEgressRule>of(to(List.of(ipBlock("1.1.1.1/32")), tcp(443)), to(nsPeer(sel("team", "red"))))));
        assertEquals(List.of(new RuleRef("x", "two-rules", Direction.EGRESS, 1)), model.allowed(XA, YA, TCP80).decidingRules());
    }
}
