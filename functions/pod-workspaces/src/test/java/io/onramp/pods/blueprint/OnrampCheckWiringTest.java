package io.onramp.pods.blueprint;

import static io.onramp.pods.blueprint.Fixtures.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.onramp.core.netpol.Endpoint;
import io.onramp.core.netpol.NetworkModel;
import io.onramp.core.netpol.Probe;
import io.onramp.core.podsecurity.RestrictedPodSecurity;

/**
 * How {@code onramp-check} reaches a code-server workspace: the script in a ConfigMap mounted read-only and
 * executable on a directory appended to {@code PATH}, the workspace id, Onramp's URL and the workspace token (from the
 * Secret) in code-server's environment, the pod still restricted, and the NetworkPolicies letting it reach Onramp and
 * nothing more than before.
 */
class OnrampCheckWiringTest {

    static final String TOKEN = "onramp_ws_test-token-value-0123456789abcdefghijklmnopq";
    static final String DEBIAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    static List<HasMetadata> render(BlueprintInput input, PodsConfig config, String token) {
        return NamespaceBlueprint.render(input, config, () -> Fixtures.PASSWORD, token);
    }

    static Container codeServer(List<HasMetadata> objects) {
        return find(objects, Deployment.class, "code-server").getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + c.getName()));
    }

    @Test
    void theScriptIsOnCodeServersPathReadOnlyAndExecutable() {
        List<HasMetadata> objects = render(Fixtures.withLab("alice"), Fixtures.config(), TOKEN);
        ConfigMap tools = find(objects, ConfigMap.class, "onramp-tools");
        String script = tools.getData().get("onramp-check");
        assertEquals(CodeServerObjects.checkScript(), script);
        assertTrue(script.startsWith("#!/bin/sh\n"), "POSIX sh");
        assertTrue(script.contains("/workspace/$route"), "calls the workspace routes");
        assertFalse(script.contains("\r"), "Unix line ends");
        assertEquals(Map.of("onramp-check", script), tools.getData(), "nothing else in it");

        PodSpec pod = find(objects, Deployment.class, "code-server").getSpec().getTemplate().getSpec();
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals("onramp-tools")).findFirst()
                .orElseThrow();
        assertEquals("onramp-tools", volume.getConfigMap().getName());
        assertEquals(0555, volume.getConfigMap().getDefaultMode(), "r-x for everyone, writable by nobody");
        assertEquals(1, volume.getConfigMap().getItems().size());
        assertEquals("onramp-check", volume.getConfigMap().getItems().get(0).getKey());
        assertEquals("onramp-check", volume.getConfigMap().getItems().get(0).getPath());

        Container c = codeServer(objects);
        VolumeMount mount = c.getVolumeMounts().stream().filter(m -> m.getName().equals("onramp-tools")).findFirst()
                .orElseThrow();
        assertEquals("/onramp/bin", mount.getMountPath());
        assertEquals(true, mount.getReadOnly());
        assertEquals(DEBIAN_PATH + ":/onramp/bin", env(c, "PATH").getValue(), "appended: nothing of the image is shadowed");

        Container setup = pod.getInitContainers().get(0);
        assertTrue(setup.getVolumeMounts().stream().noneMatch(m -> m.getName().equals("onramp-tools")));
        assertTrue(setup.getEnv().stream().noneMatch(e -> e.getName().startsWith("ONRAMP_")),
                "the init container gets no token");
    }

    @Test
    void codeServerGetsUrlWorkspaceIdAndTheTokenFromTheSecret() {
        BlueprintInput input = Fixtures.withLab("alice");
        Container c = codeServer(render(input, Fixtures.config(), TOKEN));
        assertEquals("http://onramp.onramp.svc.cluster.local", env(c, "ONRAMP_URL").getValue());
        assertEquals(input.workspaceId(), env(c, "ONRAMP_WORKSPACE_ID").getValue());
        EnvVar token = env(c, "ONRAMP_TOKEN");
        assertNull(token.getValue(), "never inline in the Deployment");
        assertEquals("code-server", token.getValueFrom().getSecretKeyRef().getName());
        assertEquals("onramp-token", token.getValueFrom().getSecretKeyRef().getKey());
        assertEquals(true, token.getValueFrom().getSecretKeyRef().getOptional(), "the IDE starts even without it");

        PodsConfig custom = Fixtures.config(Map.of("onramp.pods.onramp-url", "http://onramp-gateway.platform.svc:8080",
                "onramp.pods.code-server.path", "/opt/tools/bin:/usr/bin:/bin"));
        Container customised = codeServer(render(input, custom, null));
        assertEquals("http://onramp-gateway.platform.svc:8080", env(customised, "ONRAMP_URL").getValue());
        assertEquals("/opt/tools/bin:/usr/bin:/bin:/onramp/bin", env(customised, "PATH").getValue());
    }

    @Test
    void theTokenIsWrittenOnlyWhenMintedAndNeverInTheClear() {
        Secret minted = find(render(Fixtures.codeServer("alice"), Fixtures.config(), TOKEN), Secret.class,
                "code-server");
        assertEquals(TOKEN, new String(Base64.getDecoder().decode(minted.getData().get("onramp-token")),
                StandardCharsets.UTF_8));
        assertTrue(minted.getStringData() == null || minted.getStringData().isEmpty(), "base64 data only");
        Secret later = find(render(Fixtures.codeServer("alice"), Fixtures.config(), null), Secret.class,
                "code-server");
        assertEquals(List.of("password"), List.copyOf(later.getData().keySet()),
                "without a new token the Secret keeps the stored one (BlueprintApplier)");
        for (HasMetadata o : render(Fixtures.codeServer("alice"), Fixtures.config(), TOKEN)) {
            if (!(o instanceof Secret)) {
                assertFalse(o.toString().contains(TOKEN), o.getKind() + " must not carry the token");
            }
        }
        List<HasMetadata> none = render(Fixtures.coder("alice"), Fixtures.config(), TOKEN);
        assertTrue(none.stream().noneMatch(o -> o instanceof Secret || o instanceof ConfigMap),
                "no code-server, no token, no tools");
    }

    @Test
    void thePodStaysRestricted() {
        for (BlueprintInput input : List.of(Fixtures.withLab("alice"), Fixtures.codeServer("bob"))) {
            for (HasMetadata o : render(input, Fixtures.config(), TOKEN)) {
                assertEquals(List.of(), RestrictedPodSecurity.check(o), o.getKind() + "/" + o.getMetadata().getName());
            }
            PodSpec pod = find(render(input, Fixtures.config(), TOKEN), Deployment.class, "code-server").getSpec()
                    .getTemplate().getSpec();
            assertTrue(pod.getVolumes().stream().allMatch(v -> v.getConfigMap() != null
                    || v.getPersistentVolumeClaim() != null), "only ConfigMap and PVC volumes");
        }
    }

    @Test
    void badSettingsAreReported() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NamespaceBlueprint.checkConfig(
                Fixtures.config(Map.of("onramp.pods.onramp-url", "ftp://user:pw@onramp",
                        "onramp.pods.code-server.path", "relative/bin",
                        "onramp.pods.quota.configmaps", "2"))));
        assertTrue(e.getMessage().contains("onramp.pods.onramp-url"), e.getMessage());
        assertFalse(e.getMessage().contains("pw@"), "no user-info echoed: " + e.getMessage());
        assertTrue(e.getMessage().contains("onramp.pods.code-server.path"), e.getMessage());
        assertTrue(e.getMessage().contains("configmaps >= 3"), e.getMessage());
    }

    /**
     * The workspace's policies, evaluated: code-server reaches Onramp's pods (any port of its namespace, as the
     * platform policy always allowed), and still not another tenant, private addresses or cloud metadata.
     */
    @Test
    void codeServerReachesOnrampAndNothingMoreThanBefore() {
        BlueprintInput alice = Fixtures.withLab("alice");
        BlueprintInput bob = Fixtures.codeServer("bob");
        List<HasMetadata> objects = new ArrayList<>(render(alice, Fixtures.config(), TOKEN));
        objects.addAll(render(bob, Fixtures.config(), TOKEN));
        List<Namespace> namespaces = new ArrayList<>();
        List<NetworkPolicy> policies = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o instanceof Namespace ns) {
                ns.getMetadata().getLabels().put("kubernetes.io/metadata.name", ns.getMetadata().getName());
                namespaces.add(ns);
            } else if (o instanceof NetworkPolicy np) {
                policies.add(np);
            }
        }
        for (String platform : List.of("onramp", "kube-system", "ingress-nginx", "other")) {
            namespaces.add(new NamespaceBuilder().withNewMetadata().withName(platform)
                    .addToLabels("kubernetes.io/metadata.name", platform).endMetadata().build());
        }
        Pod ide = pod(alice.namespace(), "code-server", "10.1.0.5", Map.of("app.kubernetes.io/name", "code-server"), 8080);
        Pod otherIde = pod(bob.namespace(), "code-server", "10.1.0.6", Map.of("app.kubernetes.io/name", "code-server"),
                8080);
        Pod gateway = pod("onramp", "onramp-gateway", "10.1.0.7", Map.of("app", "onramp"), 8080);
        Pod stranger = pod("other", "db", "10.1.0.8", Map.of("app", "db"), 5432);
        Endpoint metadata = Endpoint.external("metadata", "169.254.169.254");
        Endpoint privateAddress = Endpoint.external("private", "10.2.3.4");
        Endpoint internet = Endpoint.external("internet", "1.1.1.1");
        NetworkModel model = NetworkModel.builder().namespaces(namespaces).pods(ide, otherIde, gateway, stranger)
                .policies(policies).external(metadata, privateAddress, internet).build();
        Endpoint from = Endpoint.pod(alice.namespace(), "code-server");
        assertTrue(model.allowed(from, Endpoint.pod("onramp", "onramp-gateway"), Probe.tcp(8080)).allowed(),
                "onramp-check reaches Onramp");
        assertTrue(model.allowed(from, Endpoint.pod("onramp", "onramp-gateway"), Probe.tcp(80)).allowed(),
                "whichever port Onramp's Service targets");
        assertFalse(model.allowed(from, Endpoint.pod(bob.namespace(), "code-server"), Probe.tcp(8080)).allowed());
        assertFalse(model.allowed(from, Endpoint.pod("other", "db"), Probe.tcp(5432)).allowed());
        assertFalse(model.allowed(from, metadata, Probe.tcp(80)).allowed(), "no cloud metadata");
        assertFalse(model.allowed(from, privateAddress, Probe.tcp(80)).allowed(), "no private addresses");
        assertTrue(model.allowed(from, internet, Probe.tcp(443)).allowed(), "internet as before");
        // Onramp itself is not opened to workspaces the other way round beyond code-server's port.
        assertFalse(model.allowed(Endpoint.pod("onramp", "onramp-gateway"), from, Probe.tcp(22)).allowed());
    }

    static Pod pod(String namespace, String name, String ip, Map<String, String> labels, int port) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels)
                .endMetadata().withNewSpec().addNewContainer().withName("c").addNewPort().withContainerPort(port)
                .withProtocol("TCP").endPort().endContainer().endSpec().withNewStatus().withPodIP(ip)
                .withPhase("Running").endStatus().build();
    }
}
