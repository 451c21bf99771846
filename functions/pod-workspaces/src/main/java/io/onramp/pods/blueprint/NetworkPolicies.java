package io.onramp.pods.blueprint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

/**
 * The guardrail NetworkPolicies of a developer namespace (tenancy.md section 3): deny everything, then allow DNS,
 * the API server, the platform namespaces, the internet without private ranges, the namespace itself, and ingress to
 * code-server. Every policy sets {@code policyTypes} explicitly and every port its protocol, so what is stored equals
 * what the API server would default.
 */
public final class NetworkPolicies {

    public static final String DEFAULT_DENY = "onramp-default-deny";
    public static final String ALLOW_DNS = "onramp-allow-dns";
    public static final String ALLOW_API_SERVER = "onramp-allow-api-server";
    public static final String ALLOW_PLATFORM = "onramp-allow-platform-egress";
    public static final String ALLOW_INTERNET = "onramp-allow-internet-egress";
    public static final String ALLOW_SAME_NAMESPACE = "onramp-allow-same-namespace";
    public static final String ALLOW_IDE_INGRESS = "onramp-allow-ide-ingress";

    /** Link-local (cloud metadata at 169.254.169.254): always excluded from internet egress. */
    public static final String LINK_LOCAL = "169.254.0.0/16";
    public static final String ANYWHERE = "0.0.0.0/0";
    private static final String INGRESS = "Ingress";
    private static final String EGRESS = "Egress";

    private NetworkPolicies() {
    }

    /**
     * The policies in apply order (default deny first); {@code ideIngress} adds the code-server ingress policy.
     *
     * @param meta a function from policy name to metadata (namespace, labels)
     */
    static List<NetworkPolicy> render(PodsConfig.Network network, boolean ideIngress,
            java.util.function.Function<String, ObjectMeta> meta) {
        List<NetworkPolicy> out = new ArrayList<>();
        out.add(new NetworkPolicyBuilder()
                .withMetadata(meta.apply(DEFAULT_DENY))
                .withNewSpec()
                .withPodSelector(all())
                .withPolicyTypes(INGRESS, EGRESS)
                .endSpec()
                .build());
        out.add(new NetworkPolicyBuilder()
                .withMetadata(meta.apply(ALLOW_DNS))
                .withNewSpec()
                .withPodSelector(all())
                .withPolicyTypes(EGRESS)
                .addNewEgress()
                .withTo(new NetworkPolicyPeerBuilder()
                        .withNamespaceSelector(selector(Selectors.parse("dns-namespace-selector",
                                network.dnsNamespaceSelector())))
                        .withPodSelector(selector(Selectors.parse("dns-pod-selector", network.dnsPodSelector())))
                        .build())
                .withPorts(port("UDP", 53), port("TCP", 53))
                .endEgress()
                .endSpec()
                .build());
        List<String> apiServerCidrs = network.apiServerCidrs().orElse(List.of());
        if (!apiServerCidrs.isEmpty()) {
            out.add(new NetworkPolicyBuilder()
                    .withMetadata(meta.apply(ALLOW_API_SERVER))
                    .withNewSpec()
                    .withPodSelector(all())
                    .withPolicyTypes(EGRESS)
                    .addNewEgress()
                    .withTo(apiServerCidrs.stream()
                            .map(cidr -> new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr.trim())
                                    .endIpBlock().build())
                            .toList())
                    .withPorts(network.apiServerPorts().stream().map(p -> port("TCP", p)).toList())
                    .endEgress()
                    .endSpec()
                    .build());
        }
        out.add(new NetworkPolicyBuilder()
                .withMetadata(meta.apply(ALLOW_PLATFORM))
                .withNewSpec()
                .withPodSelector(all())
                .withPolicyTypes(EGRESS)
                .addNewEgress()
                .withTo(namespacePeer(network.onrampNamespaceSelector(), "onramp-namespace-selector"),
                        namespacePeer(network.coderNamespaceSelector(), "coder-namespace-selector"))
                .endEgress()
                .endSpec()
                .build());
        out.add(new NetworkPolicyBuilder()
                .withMetadata(meta.apply(ALLOW_INTERNET))
                .withNewSpec()
                .withPodSelector(all())
                .withPolicyTypes(EGRESS)
                .addNewEgress()
                .addNewTo()
                .withNewIpBlock()
                .withCidr(ANYWHERE)
                .withExcept(internetExcept(network))
                .endIpBlock()
                .endTo()
                .endEgress()
                .endSpec()
                .build());
        out.add(new NetworkPolicyBuilder()
                .withMetadata(meta.apply(ALLOW_SAME_NAMESPACE))
                .withNewSpec()
                .withPodSelector(all())
                .withPolicyTypes(INGRESS, EGRESS)
                .addNewIngress()
                .addNewFrom().withPodSelector(all()).endFrom()
                .endIngress()
                .addNewEgress()
                .addNewTo().withPodSelector(all()).endTo()
                .endEgress()
                .endSpec()
                .build());
        if (ideIngress) {
            NetworkPolicyPeerBuilder ingressController = new NetworkPolicyPeerBuilder()
                    .withNamespaceSelector(selector(Selectors.parse("ingress-namespace-selector",
                            network.ingressNamespaceSelector())));
            network.ingressPodSelector().ifPresent(pods -> ingressController.withPodSelector(
                    selector(Selectors.parse("ingress-pod-selector", pods))));
            out.add(new NetworkPolicyBuilder()
                    .withMetadata(meta.apply(ALLOW_IDE_INGRESS))
                    .withNewSpec()
                    .withPodSelector(selector(Map.of(BlueprintLabels.NAME, CodeServerObjects.NAME)))
                    .withPolicyTypes(INGRESS)
                    .addNewIngress()
                    .withFrom(ingressController.build(),
                            namespacePeer(network.coderNamespaceSelector(), "coder-namespace-selector"),
                            namespacePeer(network.onrampNamespaceSelector(), "onramp-namespace-selector"))
                    .withPorts(port("TCP", CodeServerObjects.PORT))
                    .endIngress()
                    .endSpec()
                    .build());
        }
        return out;
    }

    /** The configured exceptions plus {@value #LINK_LOCAL}, without duplicates, in order. */
    static List<String> internetExcept(PodsConfig.Network network) {
        Set<String> except = new LinkedHashSet<>();
        network.internetExceptCidrs().forEach(c -> except.add(c.trim()));
        except.add(LINK_LOCAL);
        return List.copyOf(except);
    }

    private static NetworkPolicyPeer namespacePeer(String labels, String property) {
        return new NetworkPolicyPeerBuilder().withNamespaceSelector(selector(Selectors.parse(property, labels)))
                .build();
    }

    private static LabelSelector all() {
        return new LabelSelectorBuilder().build();
    }

    private static LabelSelector selector(Map<String, String> labels) {
        return new LabelSelectorBuilder().withMatchLabels(labels).build();
    }

    private static NetworkPolicyPort port(String protocol, int port) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).build();
    }
}
