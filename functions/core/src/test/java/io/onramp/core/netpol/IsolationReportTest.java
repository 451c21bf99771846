package io.onramp.core.netpol;

import static io.onramp.core.netpol.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;

class IsolationReportTest {

    static final String ALICE = "onramp-alice";
    static final String BOB = "onramp-bob";
    static final String CAROL = "onramp-carol";
    static final IsolationReport.Representatives REPS = IsolationReport.Representatives.defaults()
            .withNodeIps("172.18.0.2", "172.18.0.3").withApiServer("172.18.0.10", 6443, 443)
            .withPlatformNamespaces("ingress-nginx", "onramp-system");

    static List<Namespace> namespaces() {
        return List.of(ns(ALICE, "app.kubernetes.io/managed-by", "onramp"), ns(BOB, "app.kubernetes.io/managed-by", "onramp"),
                ns(CAROL, "app.kubernetes.io/managed-by", "onramp"), ns("ingress-nginx"), ns("onramp-system"),
                ns("kube-system"), ns("default"));
    }

    static Pod workspace(String namespace, String ip, String node, String hostIp) {
        return pod(namespace, "ws", ip, node, hostIp, labels("app.kubernetes.io/name", "code-server"), port("http", 8080, "TCP"));
    }

    static List<Pod> pods() {
        List<Pod> pods = new ArrayList<>();
        pods.add(workspace(ALICE, "10.244.1.10", "worker-1", "172.18.0.2"));
        pods.add(workspace(BOB, "10.244.2.10", "worker-2", "172.18.0.3"));
        Pod finished = pod(BOB, "old-job", "10.244.2.99", labels());
        finished.getStatus().setPhase("Succeeded");
        pods.add(finished);
        pods.add(pod("ingress-nginx", "controller", "10.244.0.5", labels("app.kubernetes.io/name", "ingress-nginx"),
                port("http", 80, "TCP"), port("https", 443, "TCP")));
        pods.add(pod("onramp-system", "onramp", "10.244.0.6", labels("app", "onramp")));
        pods.add(pod("kube-system", "coredns-1", "10.244.0.2", labels("k8s-app", "kube-dns"), port("dns", 53, "UDP"),
                port("dns-tcp", 53, "TCP"), port("metrics", 9153, "TCP")));
        pods.add(pod("default", "random", "10.244.3.3", labels()));
        return pods;
    }

    /** The per-tenant set of tenancy.md 3.1. */
    static List<NetworkPolicy> tenantPolicies(String namespace) {
        return List.of(defaultDenyAll(namespace), allowSameNamespace(namespace), allowDns(namespace), allowInternet(namespace),
                ingressPolicy(namespace, "allow-ide", sel("app.kubernetes.io/name", "code-server"),
                        from(List.of(nsPeer(sel("kubernetes.io/metadata.name", "ingress-nginx")),
                                nsPeer(sel("kubernetes.io/metadata.name", "onramp-system"))), tcp(8080))),
                egressPolicy(namespace, "allow-apiserver", sel(), to(List.of(ipBlock("172.18.0.10/32")), tcp(6443), tcp(443))));
    }

    static List<NetworkPolicy> isolated(String... namespaces) {
        List<NetworkPolicy> out = new ArrayList<>();
        for (String ns : namespaces) {
            out.addAll(tenantPolicies(ns));
        }
        return out;
    }

    static IsolationReport report(List<NetworkPolicy> policies) {
        return IsolationReport.compute(namespaces(), pods(), policies, ALICE, REPS);
    }

    static boolean allowed(IsolationReport r, String from, String to, int port, String protocol) {
        List<IsolationReport.Row> rows = r.rows(from, to).stream()
                .filter(row -> row.port() == port && row.protocol().equals(protocol)).toList();
        assertEquals(1, rows.size(), () -> from + " -> " + to + " " + protocol + "/" + port + " in " + r.rows());
        return rows.get(0).allowed();
    }

    @Test
    void isolatedTenantSummary() {
        IsolationReport r = report(isolated(ALICE, BOB, CAROL));
        IsolationReport.Summary s = r.summary();
        assertFalse(s.reachesOtherTenants(), r::toString);
        assertFalse(s.reachableFromOtherTenants());
        assertTrue(s.reachesInternet());
        assertFalse(s.reachesMetadata());
        assertFalse(s.reachesNodes(), "only the own node, which is not counted");
        assertTrue(s.reachesApiServer());
        assertTrue(s.reachesDns());
        assertEquals(List.of("api-server", "internet", "kube-system"), s.reaches());
        assertEquals(List.of("ingress-nginx", "onramp-system"), s.reachableFrom());
        assertEquals(List.of(ALICE + "/ws"), r.pods());
        assertEquals(List.of(BOB, CAROL), r.otherTenants());
    }

    @Test
    void rowsCoverBothDirectionsWithReasons() {
        IsolationReport r = report(isolated(ALICE, BOB, CAROL));
        assertFalse(allowed(r, ALICE + "/ws", BOB + "/ws", 8080, "TCP"));
        assertFalse(allowed(r, BOB + "/ws", ALICE + "/ws", 8080, "TCP"));
        assertTrue(allowed(r, "ingress-nginx/controller", ALICE + "/ws", 8080, "TCP"));
        assertFalse(allowed(r, "internet(1.1.1.1)", ALICE + "/ws", 8080, "TCP"));
        assertTrue(allowed(r, ALICE + "/ws", "kube-system/coredns-1", 53, "UDP"));
        assertTrue(allowed(r, ALICE + "/ws", "kube-system/coredns-1", 53, "TCP"));
        assertFalse(allowed(r, ALICE + "/ws", "metadata(169.254.169.254)", 80, "TCP"));
        assertTrue(allowed(r, ALICE + "/ws", "api-server(172.18.0.10)", 6443, "TCP"));
        assertTrue(allowed(r, ALICE + "/ws", "internet(1.1.1.1)", 443, "TCP"));
        assertTrue(allowed(r, "node-172.18.0.2(172.18.0.2)", ALICE + "/ws", 8080, "TCP"), "own node: kubelet probes");
        assertFalse(allowed(r, "node-172.18.0.3(172.18.0.3)", ALICE + "/ws", 8080, "TCP"));
        assertFalse(allowed(r, ALICE + "/ws", "node-172.18.0.3(172.18.0.3)", 10250, "TCP"));
        IsolationReport.Row denied = r.rows(ALICE + "/ws", BOB + "/ws").get(0);
        assertTrue(denied.reason().contains(ALICE + "/default-deny-all"), denied.reason());
        assertTrue(r.rows().stream().noneMatch(row -> row.to().contains("old-job") || row.from().contains("old-job")),
                "completed pods are ignored");
        assertTrue(r.rows().stream().noneMatch(row -> row.to().startsWith("default/") || row.from().startsWith("default/")),
                "unmanaged namespaces are not peers");
    }

    @Test
    void emptyTenantNamespaceIsRepresentedBySyntheticPod() {
        IsolationReport r = report(isolated(ALICE, BOB, CAROL));
        assertFalse(r.rows(ALICE + "/ws", CAROL + "/*").isEmpty());
        assertFalse(allowed(r, CAROL + "/*", ALICE + "/ws", 8080, "TCP"));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains(CAROL + "/*")), r.notes()::toString);
    }

    @Test
    void noPoliciesAnywhereMeansNoIsolation() {
        IsolationReport r = report(List.of());
        IsolationReport.Summary s = r.summary();
        assertTrue(s.reachesOtherTenants());
        assertTrue(s.reachableFromOtherTenants());
        assertTrue(s.reachesMetadata());
        assertTrue(s.reachesNodes());
        assertTrue(s.reachableFrom().containsAll(List.of(BOB, CAROL, "internet", "ingress-nginx")), s.reachableFrom()::toString);
    }

    @Test
    void tenantOpeningItsOwnEgressStillCannotEnterOtherTenants() {
        List<NetworkPolicy> policies = isolated(ALICE, BOB, CAROL);
        policies.add(policy(ALICE, "allow-all-egress", sel(), List.of("Egress"), null,
                List.of(new NetworkPolicyEgressRule())));
        IsolationReport.Summary s = report(policies).summary();
        assertFalse(s.reachesOtherTenants(), "bob's and carol's own policies deny the ingress");
        assertTrue(s.reachesMetadata(), "but the metadata service is now reachable");
        assertTrue(s.reachesNodes());
        assertTrue(s.reaches().contains("ingress-nginx"));
    }

    @Test
    void missingKubeDnsIsNoted() {
        List<Pod> pods = pods().stream().filter(p -> !p.getMetadata().getNamespace().equals("kube-system")).toList();
        IsolationReport r = IsolationReport.compute(namespaces(), pods, isolated(ALICE), ALICE, REPS);
        assertFalse(r.summary().reachesDns());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("kube-dns")));
    }

    @Test
    void reportIsSerialisable() throws Exception {
        IsolationReport r = report(isolated(ALICE, BOB, CAROL));
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(r);
        assertTrue(json.contains("\"reachesOtherTenants\":false"), json);
        assertEquals(r, mapper.readValue(json, IsolationReport.class));
    }
}
