package io.onramp.pods.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PodsConfigTest {

    @Test
    void defaults() {
        PodsConfig config = PodsConfigs.defaults();
        assertEquals(List.of("codercom/code-server:4.133.0"), config.images().allowed());
        assertEquals("codercom/code-server:4.133.0", config.images().defaultImage());
        assertEquals(List.of(443, 6443), config.network().apiServerPorts());
        assertEquals(Optional.empty(), config.network().apiServerCidrs());
        assertEquals("kubernetes.io/metadata.name=onramp", config.network().onrampNamespaceSelector());
        assertEquals("kubernetes.io/metadata.name=coder", config.network().coderNamespaceSelector());
        assertEquals("kubernetes.io/metadata.name=ingress-nginx", config.network().ingressNamespaceSelector());
        assertEquals(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8"),
                config.network().internetExceptCidrs());
        assertEquals(Optional.of("nginx"), config.ingress().className());
        assertEquals("{user}.workspaces.example.com", config.ingress().hostPattern());
        assertFalse(config.ingress().tls());
        assertEquals("vsls-contrib.codetour@0.0.58", config.codeServer().codetourExtension());
        assertFalse(config.rbac().bindUser());
        assertEquals("100m", config.limitRange().defaultRequestCpu());
        assertEquals("128Mi", config.limitRange().defaultRequestMemory());
        assertEquals("500m", config.limitRange().defaultCpu());
        assertEquals("512Mi", config.limitRange().defaultMemory());
        assertEquals("2", config.limitRange().maxCpu());
        assertEquals("4Gi", config.limitRange().maxMemory());
        NamespaceBlueprint.checkConfig(config);
    }

    @Test
    void mediumIsTenancysRecommendedStartingPoint() {
        PodsConfig config = PodsConfigs.defaults();
        PodsConfig.SizeConfig medium = config.sizes().of(Size.MEDIUM);
        assertEquals("2", medium.quotaRequestsCpu());
        assertEquals("4Gi", medium.quotaRequestsMemory());
        assertEquals("4", medium.quotaLimitsCpu());
        assertEquals("8Gi", medium.quotaLimitsMemory());
        assertEquals("20Gi", medium.quotaStorage());
        assertEquals(5, medium.quotaPvcs());
        assertEquals(20, medium.quotaPods());
        assertEquals(10, config.quota().services());
        assertEquals(50, config.quota().secrets());
        assertEquals(50, config.quota().configmaps());
        assertEquals("2Gi", medium.codeServerLimitsMemory());
        // sizes differ
        assertEquals("1", config.sizes().of(Size.SMALL).quotaRequestsCpu());
        assertEquals("4", config.sizes().of(Size.LARGE).quotaRequestsCpu());
    }

    @Test
    void overrides() {
        PodsConfig config = PodsConfigs.of(Map.of(
                "onramp.pods.images.allowed", "codercom/code-server:4.133.0,codercom/code-server:4.99.0",
                "onramp.pods.network.api-server-cidrs", "172.18.0.2/32,10.96.0.1/32",
                "onramp.pods.sizes.medium.quota-pods", "30",
                "onramp.pods.ingress.class-name", "",
                "onramp.pods.ingress.cluster-issuer", "letsencrypt",
                "onramp.pods.rbac.bind-user", "true"));
        assertEquals(2, config.images().allowed().size());
        assertEquals(Optional.of(List.of("172.18.0.2/32", "10.96.0.1/32")), config.network().apiServerCidrs());
        assertEquals(30, config.sizes().medium().quotaPods());
        assertEquals(10, config.sizes().small().quotaPods());
        assertTrue(config.ingress().className().isEmpty(), "empty = no class");
        assertTrue(config.ingress().tls());
        assertTrue(config.rbac().bindUser());
        NamespaceBlueprint.checkConfig(config);
    }

    @Test
    void inconsistentConfigurationIsReported() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NamespaceBlueprint.checkConfig(
                PodsConfigs.of(Map.of(
                        "onramp.pods.images.default", "evil/miner:latest",
                        "onramp.pods.sizes.large.code-server-limits-cpu", "3",
                        "onramp.pods.sizes.small.home-size", "50Gi",
                        "onramp.pods.network.api-server-cidrs", "10.0.0.300/32",
                        "onramp.pods.network.coder-namespace-selector", "no-equals-sign",
                        "onramp.pods.ingress.host-pattern", "{user}.Bad_Host"))));
        String message = e.getMessage();
        assertTrue(message.contains("images.default"), message);
        assertTrue(message.contains("sizes.large.code-server-limits-cpu (3) exceeds onramp.pods.limit-range.max-cpu"),
                message);
        assertTrue(message.contains("sizes.small.home-size (50Gi) exceeds"), message);
        assertTrue(message.contains("10.0.0.300/32"), message);
        assertTrue(message.contains("coder-namespace-selector"), message);
        assertTrue(message.contains("host-pattern"), message);
    }
}
