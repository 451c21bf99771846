package io.onramp.pods.blueprint;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Settings of the per-developer namespace blueprint ({@code onramp.pods.*}). Every value has a default except the
 * API server CIDRs, which depend on the cluster. Outside Quarkus, {@link PodsConfigs#defaults()} builds one.
 */
@ConfigMapping(prefix = "onramp.pods")
public interface PodsConfig {

    Images images();

    /** Per-size quota, code-server resources and home volume. */
    Sizes sizes();

    /** Object counts of the ResourceQuota, the same for every size. */
    Quota quota();

    /** The LimitRange {@code onramp-limits} for containers, the same for every size. */
    LimitRangeConfig limitRange();

    Network network();

    IngressConfig ingress();

    CodeServer codeServer();

    Rbac rbac();

    /**
     * Onramp's base URL as workspace pods reach it, given to code-server as {@code ONRAMP_URL} for
     * {@code onramp-check}. Use the in-cluster address of Onramp's Service in the namespace that
     * {@code network.onramp-namespace-selector} names: the workspace NetworkPolicies allow egress there (and to public
     * addresses), not to other private addresses.
     */
    @WithDefault("http://onramp.onramp.svc.cluster.local")
    String onrampUrl();

    interface Images {
        /** The images a workspace may run (exact strings, tag included). */
        @WithDefault("codercom/code-server:4.133.0")
        List<String> allowed();

        /** The image used when the input names none; must be in {@link #allowed()}. */
        @WithName("default")
        @WithDefault("codercom/code-server:4.133.0")
        String defaultImage();
    }

    interface Sizes {
        Small small();

        Medium medium();

        Large large();

        default SizeConfig of(Size size) {
            return switch (size) {
                case SMALL -> small();
                case MEDIUM -> medium();
                case LARGE -> large();
            };
        }
    }

    /**
     * One size. Quantities in Kubernetes syntax ({@code 500m}, {@code 2}, {@code 4Gi}). The code-server limits must
     * fit the LimitRange max and the quota must hold code-server plus room for lab workloads.
     */
    interface SizeConfig {
        /** ResourceQuota {@code requests.cpu}. */
        String quotaRequestsCpu();

        /** ResourceQuota {@code requests.memory}. */
        String quotaRequestsMemory();

        /** ResourceQuota {@code limits.cpu}. */
        String quotaLimitsCpu();

        /** ResourceQuota {@code limits.memory}. */
        String quotaLimitsMemory();

        /** ResourceQuota {@code requests.storage}. */
        String quotaStorage();

        /** ResourceQuota {@code pods}. */
        int quotaPods();

        /** ResourceQuota {@code persistentvolumeclaims}. */
        int quotaPvcs();

        String codeServerRequestsCpu();

        String codeServerRequestsMemory();

        String codeServerLimitsCpu();

        String codeServerLimitsMemory();

        /** Size of the PVC {@code code-server-home} mounted at {@code /home/coder}. */
        String homeSize();
    }

    /** SMALL: half of MEDIUM, code-server with a 1.5Gi memory limit. */
    interface Small extends SizeConfig {
        @Override
        @WithDefault("1")
        String quotaRequestsCpu();

        @Override
        @WithDefault("2Gi")
        String quotaRequestsMemory();

        @Override
        @WithDefault("2")
        String quotaLimitsCpu();

        @Override
        @WithDefault("4Gi")
        String quotaLimitsMemory();

        @Override
        @WithDefault("10Gi")
        String quotaStorage();

        @Override
        @WithDefault("10")
        int quotaPods();

        @Override
        @WithDefault("3")
        int quotaPvcs();

        @Override
        @WithDefault("250m")
        String codeServerRequestsCpu();

        @Override
        @WithDefault("768Mi")
        String codeServerRequestsMemory();

        @Override
        @WithDefault("1")
        String codeServerLimitsCpu();

        @Override
        @WithDefault("1536Mi")
        String codeServerLimitsMemory();

        @Override
        @WithDefault("5Gi")
        String homeSize();
    }

    /** MEDIUM: tenancy.md section 5's recommended starting point for one developer and CKAD labs. */
    interface Medium extends SizeConfig {
        @Override
        @WithDefault("2")
        String quotaRequestsCpu();

        @Override
        @WithDefault("4Gi")
        String quotaRequestsMemory();

        @Override
        @WithDefault("4")
        String quotaLimitsCpu();

        @Override
        @WithDefault("8Gi")
        String quotaLimitsMemory();

        @Override
        @WithDefault("20Gi")
        String quotaStorage();

        @Override
        @WithDefault("20")
        int quotaPods();

        @Override
        @WithDefault("5")
        int quotaPvcs();

        @Override
        @WithDefault("250m")
        String codeServerRequestsCpu();

        @Override
        @WithDefault("1Gi")
        String codeServerRequestsMemory();

        @Override
        @WithDefault("2")
        String codeServerLimitsCpu();

        @Override
        @WithDefault("2Gi")
        String codeServerLimitsMemory();

        @Override
        @WithDefault("10Gi")
        String homeSize();
    }

    /** LARGE: twice MEDIUM; code-server limits stay within the default LimitRange max (2 CPU, 4Gi). */
    interface Large extends SizeConfig {
        @Override
        @WithDefault("4")
        String quotaRequestsCpu();

        @Override
        @WithDefault("8Gi")
        String quotaRequestsMemory();

        @Override
        @WithDefault("8")
        String quotaLimitsCpu();

        @Override
        @WithDefault("16Gi")
        String quotaLimitsMemory();

        @Override
        @WithDefault("50Gi")
        String quotaStorage();

        @Override
        @WithDefault("40")
        int quotaPods();

        @Override
        @WithDefault("10")
        int quotaPvcs();

        @Override
        @WithDefault("500m")
        String codeServerRequestsCpu();

        @Override
        @WithDefault("2Gi")
        String codeServerRequestsMemory();

        @Override
        @WithDefault("2")
        String codeServerLimitsCpu();

        @Override
        @WithDefault("4Gi")
        String codeServerLimitsMemory();

        @Override
        @WithDefault("20Gi")
        String homeSize();
    }

    interface Quota {
        /** {@code services}; {@code services.loadbalancers} and {@code services.nodeports} are always 0. */
        @WithDefault("10")
        int services();

        /** {@code count/secrets}. */
        @WithDefault("50")
        int secrets();

        /** {@code count/configmaps} (kube-root-ca.crt counts too). */
        @WithDefault("50")
        int configmaps();
    }

    interface LimitRangeConfig {
        @WithDefault("500m")
        String defaultCpu();

        @WithDefault("512Mi")
        String defaultMemory();

        @WithDefault("100m")
        String defaultRequestCpu();

        @WithDefault("128Mi")
        String defaultRequestMemory();

        @WithDefault("2")
        String maxCpu();

        @WithDefault("4Gi")
        String maxMemory();
    }

    interface Network {
        /**
         * CIDRs of the API server endpoints (the IPs behind {@code kubernetes.default.svc}, usually the control-plane
         * nodes) for in-pod kubectl. Unset: no {@code onramp-allow-api-server} policy is rendered, and kubectl in the
         * IDE reaches the API server only if its endpoints are public addresses (allowed by the internet policy).
         */
        Optional<List<String>> apiServerCidrs();

        @WithDefault("443,6443")
        List<Integer> apiServerPorts();

        /** Labels ({@code k=v,k2=v2}) of Onramp's namespace: egress to it and ingress to code-server from it. */
        @WithDefault("kubernetes.io/metadata.name=onramp")
        String onrampNamespaceSelector();

        /** Labels of Coder's namespace: egress to it and ingress to code-server from it. */
        @WithDefault("kubernetes.io/metadata.name=coder")
        String coderNamespaceSelector();

        /** Labels of the ingress controller's namespace: ingress to code-server from it. */
        @WithDefault("kubernetes.io/metadata.name=ingress-nginx")
        String ingressNamespaceSelector();

        /** Optional labels of the ingress controller pods, ANDed with the namespace selector. */
        Optional<String> ingressPodSelector();

        @WithDefault("kubernetes.io/metadata.name=kube-system")
        String dnsNamespaceSelector();

        @WithDefault("k8s-app=kube-dns")
        String dnsPodSelector();

        /**
         * Excluded from internet egress ({@code 0.0.0.0/0}): must cover the cluster's pod, service and node CIDRs.
         * {@code 169.254.0.0/16} (link-local, cloud metadata) is always excluded as well.
         */
        @WithDefault("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,127.0.0.0/8")
        List<String> internetExceptCidrs();
    }

    interface IngressConfig {
        /** {@code spec.ingressClassName}; set it empty for the cluster's default class. */
        @WithDefault("nginx")
        Optional<String> className();

        /** Host of the IDE; {@code {user}} = {@link NamespaceNames#userPart}, {@code {namespace}} = namespace. */
        @WithDefault("{user}.workspaces.example.com")
        String hostPattern();

        /**
         * TLS secret in the developer namespace (e.g. issued by cert-manager); with {@link #clusterIssuer()} unset it
         * must exist there. TLS is on when this or the issuer is set.
         */
        Optional<String> tlsSecretName();

        /**
         * cert-manager ClusterIssuer, set as {@code cert-manager.io/cluster-issuer}; cert-manager then writes the
         * certificate to {@link #tlsSecretName()}, or to {@code code-server-tls} when that is unset.
         */
        Optional<String> clusterIssuer();

        default boolean tls() {
            return tlsSecretName().isPresent() || clusterIssuer().isPresent();
        }
    }

    interface CodeServer {
        /**
         * The CodeTour extension installed at pod start from Open VSX, pinned ({@code id@version}); 0.0.58 is the
         * version Open VSX is known to carry (labs.md 4.3).
         */
        @WithDefault("vsls-contrib.codetour@0.0.58")
        String codetourExtension();

        /** Seconds the extension install may take before the IDE starts without it. */
        @WithDefault("120")
        int extensionInstallTimeoutSeconds();

        /** StorageClass of the home PVC; unset = the cluster default. */
        Optional<String> storageClass();

        /**
         * The image's {@code PATH}; code-server gets it with {@code /onramp/bin} (where {@code onramp-check} is)
         * appended. The default is the Debian default of the code-server image.
         */
        @WithDefault("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        String path();
    }

    interface Rbac {
        /** Also bind the human user (kind User, name = owner) in the RoleBinding {@code onramp-developer}. */
        @WithDefault("false")
        boolean bindUser();
    }
}
