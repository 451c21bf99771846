package io.onramp.pods.blueprint;

import static io.onramp.pods.blueprint.Fixtures.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.podsecurity.RestrictedPodSecurity;

class NamespaceBlueprintTest {

    private static final String NS = "onramp-alice";

    @Test
    void codeServerRendersEverythingInApplyOrder() {
        List<HasMetadata> objects = Fixtures.render(Fixtures.withLab("alice"));
        assertEquals(List.of(
                "Namespace/onramp-alice",
                "ResourceQuota/onramp-quota",
                "LimitRange/onramp-limits",
                "NetworkPolicy/onramp-default-deny",
                "NetworkPolicy/onramp-allow-dns",
                "NetworkPolicy/onramp-allow-api-server",
                "NetworkPolicy/onramp-allow-platform-egress",
                "NetworkPolicy/onramp-allow-internet-egress",
                "NetworkPolicy/onramp-allow-same-namespace",
                "NetworkPolicy/onramp-allow-ide-ingress",
                "ServiceAccount/developer",
                "RoleBinding/onramp-developer",
                "Secret/code-server",
                "ConfigMap/onramp-tools",
                "ConfigMap/lab-ckad-pods",
                "PersistentVolumeClaim/code-server-home",
                "Deployment/code-server",
                "Service/code-server",
                "Ingress/code-server"), names(objects));
    }

    @Test
    void noneRendersNoIdeObjects() {
        List<HasMetadata> objects = Fixtures.render(Fixtures.coder("alice"));
        assertEquals(List.of(
                "Namespace/onramp-alice",
                "ResourceQuota/onramp-quota",
                "LimitRange/onramp-limits",
                "NetworkPolicy/onramp-default-deny",
                "NetworkPolicy/onramp-allow-dns",
                "NetworkPolicy/onramp-allow-api-server",
                "NetworkPolicy/onramp-allow-platform-egress",
                "NetworkPolicy/onramp-allow-internet-egress",
                "NetworkPolicy/onramp-allow-same-namespace",
                "ServiceAccount/developer",
                "RoleBinding/onramp-developer"), names(objects));
        assertNull(BlueprintUrls.url(Fixtures.coder("alice"), Fixtures.config()));
        Namespace ns = (Namespace) objects.get(0);
        assertEquals("coder-ws-1", ns.getMetadata().getAnnotations().get("onramp.io/coder-workspace-id"));
        assertEquals("4Gi", ((ResourceQuota) objects.get(1)).getSpec().getHard().get("limits.memory").toString(),
                "SMALL quota");
    }

    @Test
    void namespaceLabelsAndAnnotations() {
        BlueprintInput input = Fixtures.codeServer("Alice@Example.com");
        Namespace ns = (Namespace) Fixtures.render(input).get(0);
        String name = NamespaceNames.forOwner("Alice@Example.com");
        assertEquals(name, ns.getMetadata().getName());
        assertEquals(name, input.namespace());
        Map<String, String> labels = ns.getMetadata().getLabels();
        assertEquals("onramp", labels.get("app.kubernetes.io/managed-by"));
        assertEquals(NamespaceNames.userPart("Alice@Example.com"), labels.get("onramp.io/owner"));
        assertEquals(input.workspaceId(), labels.get("onramp.io/workspace-id"));
        for (String mode : List.of("enforce", "audit", "warn")) {
            assertEquals("restricted", labels.get("pod-security.kubernetes.io/" + mode));
            assertEquals("latest", labels.get("pod-security.kubernetes.io/" + mode + "-version"));
        }
        labels.forEach((k, v) -> assertTrue(Selectors.isLabelKey(k) && Selectors.isLabelValue(v), k + "=" + v));
        assertEquals("Alice@Example.com", ns.getMetadata().getAnnotations().get("onramp.io/owner"));
        assertFalse(ns.getMetadata().getAnnotations().containsKey("onramp.io/coder-workspace-id"));
    }

    @Test
    void everyObjectIsLabelledAndGuardrailsAreMarked() {
        List<HasMetadata> objects = Fixtures.render(Fixtures.withLab("alice"));
        List<String> guardrails = new ArrayList<>();
        for (HasMetadata o : objects) {
            Map<String, String> labels = o.getMetadata().getLabels();
            assertEquals("onramp", labels.get("app.kubernetes.io/managed-by"), o.getKind());
            assertEquals(Fixtures.withLab("alice").workspaceId(), labels.get("onramp.io/workspace-id"), o.getKind());
            if (!(o instanceof Namespace)) {
                assertEquals(NS, o.getMetadata().getNamespace(), o.getKind());
            }
            if ("true".equals(labels.get("onramp.io/guardrail"))) {
                guardrails.add(o.getKind() + "/" + o.getMetadata().getName());
            }
        }
        assertEquals(List.of("ResourceQuota/onramp-quota", "LimitRange/onramp-limits",
                "NetworkPolicy/onramp-default-deny", "NetworkPolicy/onramp-allow-dns",
                "NetworkPolicy/onramp-allow-api-server", "NetworkPolicy/onramp-allow-platform-egress",
                "NetworkPolicy/onramp-allow-internet-egress", "NetworkPolicy/onramp-allow-same-namespace",
                "NetworkPolicy/onramp-allow-ide-ingress", "RoleBinding/onramp-developer"), guardrails);
    }

    @Test
    void quotaAndLimitRange() {
        List<HasMetadata> objects = Fixtures.render(Fixtures.codeServer("alice"));
        Map<String, Quantity> hard = find(objects, ResourceQuota.class, "onramp-quota").getSpec().getHard();
        Map<String, String> expected = Map.ofEntries(
                Map.entry("requests.cpu", "2"), Map.entry("requests.memory", "4Gi"),
                Map.entry("limits.cpu", "4"), Map.entry("limits.memory", "8Gi"),
                Map.entry("requests.storage", "20Gi"), Map.entry("persistentvolumeclaims", "5"),
                Map.entry("pods", "20"), Map.entry("services", "10"),
                Map.entry("services.loadbalancers", "0"), Map.entry("services.nodeports", "0"),
                Map.entry("count/secrets", "50"), Map.entry("count/configmaps", "50"));
        assertEquals(expected.keySet(), hard.keySet());
        expected.forEach((k, v) -> assertEquals(v, hard.get(k).toString(), k));

        List<LimitRangeItem> limits = find(objects, LimitRange.class, "onramp-limits").getSpec().getLimits();
        assertEquals(1, limits.size());
        LimitRangeItem item = limits.get(0);
        assertEquals("Container", item.getType());
        assertEquals("500m", item.getDefault().get("cpu").toString());
        assertEquals("512Mi", item.getDefault().get("memory").toString());
        assertEquals("100m", item.getDefaultRequest().get("cpu").toString());
        assertEquals("128Mi", item.getDefaultRequest().get("memory").toString());
        assertEquals("2", item.getMax().get("cpu").toString());
        assertEquals("4Gi", item.getMax().get("memory").toString());
    }

    @Test
    void networkPolicies() {
        List<HasMetadata> objects = Fixtures.render(Fixtures.codeServer("alice"));
        for (HasMetadata o : objects) {
            if (o instanceof NetworkPolicy np) {
                assertFalse(np.getSpec().getPolicyTypes().isEmpty(), "policyTypes set explicitly: " + np);
                assertTrue(np.getSpec().getPodSelector() != null);
            }
        }
        NetworkPolicy deny = find(objects, NetworkPolicy.class, "onramp-default-deny");
        assertTrue(isAll(deny.getSpec().getPodSelector()));
        assertEquals(List.of("Ingress", "Egress"), deny.getSpec().getPolicyTypes());
        assertTrue(deny.getSpec().getIngress().isEmpty() && deny.getSpec().getEgress().isEmpty());

        NetworkPolicy dns = find(objects, NetworkPolicy.class, "onramp-allow-dns");
        assertEquals(List.of("Egress"), dns.getSpec().getPolicyTypes());
        NetworkPolicyEgressRule dnsRule = single(dns.getSpec().getEgress());
        NetworkPolicyPeer kubeDns = single(dnsRule.getTo());
        assertEquals(Map.of("kubernetes.io/metadata.name", "kube-system"),
                kubeDns.getNamespaceSelector().getMatchLabels());
        assertEquals(Map.of("k8s-app", "kube-dns"), kubeDns.getPodSelector().getMatchLabels(), "same peer = AND");
        assertEquals(List.of("UDP/53", "TCP/53"), dnsRule.getPorts().stream()
                .map(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).toList());

        NetworkPolicy api = find(objects, NetworkPolicy.class, "onramp-allow-api-server");
        NetworkPolicyEgressRule apiRule = single(api.getSpec().getEgress());
        assertEquals(List.of("172.18.0.2/32", "10.96.0.1/32"),
                apiRule.getTo().stream().map(p -> p.getIpBlock().getCidr()).toList());
        assertEquals(List.of("TCP/443", "TCP/6443"), apiRule.getPorts().stream()
                .map(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).toList());

        NetworkPolicy platform = find(objects, NetworkPolicy.class, "onramp-allow-platform-egress");
        NetworkPolicyEgressRule platformRule = single(platform.getSpec().getEgress());
        assertEquals(List.of(Map.of("kubernetes.io/metadata.name", "onramp"),
                Map.of("kubernetes.io/metadata.name", "coder")),
                platformRule.getTo().stream().map(p -> p.getNamespaceSelector().getMatchLabels()).toList());
        assertTrue(platformRule.getTo().stream().allMatch(p -> p.getPodSelector() == null));

        NetworkPolicy internet = find(objects, NetworkPolicy.class, "onramp-allow-internet-egress");
        NetworkPolicyPeer anywhere = single(single(internet.getSpec().getEgress()).getTo());
        assertEquals("0.0.0.0/0", anywhere.getIpBlock().getCidr());
        assertEquals(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8",
                "169.254.0.0/16"), anywhere.getIpBlock().getExcept());
        assertTrue(single(internet.getSpec().getEgress()).getPorts().isEmpty(), "all ports");

        NetworkPolicy same = find(objects, NetworkPolicy.class, "onramp-allow-same-namespace");
        assertEquals(List.of("Ingress", "Egress"), same.getSpec().getPolicyTypes());
        NetworkPolicyPeer from = single(single(same.getSpec().getIngress()).getFrom());
        NetworkPolicyPeer to = single(single(same.getSpec().getEgress()).getTo());
        assertTrue(isAll(from.getPodSelector()) && from.getNamespaceSelector() == null);
        assertTrue(isAll(to.getPodSelector()) && to.getNamespaceSelector() == null);

        NetworkPolicy ide = find(objects, NetworkPolicy.class, "onramp-allow-ide-ingress");
        assertEquals(List.of("Ingress"), ide.getSpec().getPolicyTypes());
        assertEquals(Map.of("app.kubernetes.io/name", "code-server"), ide.getSpec().getPodSelector().getMatchLabels());
        NetworkPolicyIngressRule ideRule = single(ide.getSpec().getIngress());
        assertEquals(List.of("TCP/8080"), ideRule.getPorts().stream()
                .map(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).toList());
        assertEquals(List.of("ingress-nginx", "coder", "onramp"), ideRule.getFrom().stream()
                .map(p -> p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")).toList());
    }

    @Test
    void optionalPolicies() {
        BlueprintInput input = Fixtures.codeServer("alice");
        List<HasMetadata> withoutCidrs = NamespaceBlueprint.render(input, PodsConfigs.defaults(),
                () -> Fixtures.PASSWORD);
        assertTrue(Fixtures.maybe(withoutCidrs, NetworkPolicy.class, "onramp-allow-api-server").isEmpty());

        List<HasMetadata> withPods = NamespaceBlueprint.render(input, Fixtures.config(Map.of(
                "onramp.pods.network.ingress-pod-selector", "app.kubernetes.io/name=ingress-nginx",
                "onramp.pods.network.internet-except-cidrs", "10.0.0.0/8,169.254.0.0/16")), () -> Fixtures.PASSWORD);
        NetworkPolicy ide = find(withPods, NetworkPolicy.class, "onramp-allow-ide-ingress");
        NetworkPolicyPeer controller = single(ide.getSpec().getIngress()).getFrom().get(0);
        assertEquals(Map.of("kubernetes.io/metadata.name", "ingress-nginx"),
                controller.getNamespaceSelector().getMatchLabels());
        assertEquals(Map.of("app.kubernetes.io/name", "ingress-nginx"), controller.getPodSelector().getMatchLabels());
        NetworkPolicy internet = find(withPods, NetworkPolicy.class, "onramp-allow-internet-egress");
        assertEquals(List.of("10.0.0.0/8", "169.254.0.0/16"),
                single(single(internet.getSpec().getEgress()).getTo()).getIpBlock().getExcept(),
                "link-local always excluded, once");
    }

    @Test
    void serviceAccountAndRoleBinding() {
        List<HasMetadata> objects = Fixtures.render(Fixtures.codeServer("alice"));
        find(objects, ServiceAccount.class, "developer");
        RoleBinding binding = find(objects, RoleBinding.class, "onramp-developer");
        assertEquals("ClusterRole", binding.getRoleRef().getKind());
        assertEquals("onramp-developer", binding.getRoleRef().getName());
        assertEquals("rbac.authorization.k8s.io", binding.getRoleRef().getApiGroup());
        assertEquals(1, binding.getSubjects().size());
        assertEquals("ServiceAccount", binding.getSubjects().get(0).getKind());
        assertEquals("developer", binding.getSubjects().get(0).getName());
        assertEquals(NS, binding.getSubjects().get(0).getNamespace());

        List<HasMetadata> withUser = NamespaceBlueprint.render(Fixtures.codeServer("Alice@Example.com"),
                Fixtures.config(Map.of("onramp.pods.rbac.bind-user", "true")), () -> Fixtures.PASSWORD);
        RoleBinding both = find(withUser, RoleBinding.class, "onramp-developer");
        assertEquals(2, both.getSubjects().size());
        assertEquals("User", both.getSubjects().get(1).getKind());
        assertEquals("Alice@Example.com", both.getSubjects().get(1).getName());
        assertEquals("rbac.authorization.k8s.io", both.getSubjects().get(1).getApiGroup());
    }

    @Test
    void codeServerDeployment() {
        List<HasMetadata> objects = Fixtures.render(Fixtures.withLab("alice"));
        Deployment d = find(objects, Deployment.class, "code-server");
        assertEquals(1, d.getSpec().getReplicas());
        assertEquals("Recreate", d.getSpec().getStrategy().getType());
        assertEquals("code-server", d.getMetadata().getLabels().get("app.kubernetes.io/name"));
        Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
        assertEquals("code-server", selector.get("app.kubernetes.io/name"));
        assertTrue(d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertEquals("developer", pod.getServiceAccountName());
        assertEquals(true, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(1000L, pod.getSecurityContext().getRunAsUser());
        assertEquals(1000L, pod.getSecurityContext().getRunAsGroup());
        assertEquals(1000L, pod.getSecurityContext().getFsGroup());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());

        Container c = single(pod.getContainers());
        assertEquals("code-server", c.getName());
        assertEquals("codercom/code-server:4.133.0", c.getImage());
        assertEquals(List.of("--bind-addr", "0.0.0.0:8080", "--auth", "password", "/home/coder/labs/ckad-pods"),
                c.getArgs());
        assertEquals(List.of("/usr/bin/entrypoint.sh"), c.getCommand(), "replaces the image's default '.' folder");
        var password = c.getEnv().stream().filter(e -> e.getName().equals("PASSWORD")).findFirst().orElseThrow();
        assertNull(password.getValue());
        assertEquals("code-server", password.getValueFrom().getSecretKeyRef().getName());
        assertEquals("password", password.getValueFrom().getSecretKeyRef().getKey());
        assertEquals(8080, single(c.getPorts()).getContainerPort());
        assertEquals("/healthz", c.getReadinessProbe().getHttpGet().getPath());
        assertEquals(8080, c.getReadinessProbe().getHttpGet().getPort().getIntVal());
        assertEquals(false, c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertEquals("250m", c.getResources().getRequests().get("cpu").toString());
        assertEquals("1Gi", c.getResources().getRequests().get("memory").toString());
        assertEquals("2", c.getResources().getLimits().get("cpu").toString());
        assertEquals("2Gi", c.getResources().getLimits().get("memory").toString());
        assertEquals(List.of("/home/coder", "/onramp/bin"), c.getVolumeMounts().stream().map(m -> m.getMountPath())
                .toList());

        Container setup = single(pod.getInitContainers());
        assertEquals(c.getImage(), setup.getImage());
        assertEquals(c.getSecurityContext(), setup.getSecurityContext());
        assertEquals(c.getResources(), setup.getResources());
        String script = setup.getCommand().get(2);
        assertTrue(script.contains("code-server --install-extension 'vsls-contrib.codetour@0.0.58' || "), script);
        assertTrue(script.endsWith("exit 0\n"), "never fails the pod");
        assertTrue(script.contains("mkdir -p '/home/coder/labs/ckad-pods'"), script);
        assertTrue(script.contains("cp -R -L -n \"$f\" '/home/coder/labs/ckad-pods/'"), "no-clobber copy: " + script);
        assertTrue(script.contains("/onramp/lab/.[!.]*"), "dot folders such as .tours are copied: " + script);
        assertEquals(List.of("/home/coder", "/onramp/lab"),
                setup.getVolumeMounts().stream().map(m -> m.getMountPath()).toList());
        assertEquals(true, setup.getVolumeMounts().get(1).getReadOnly());

        PersistentVolumeClaim pvc = find(objects, PersistentVolumeClaim.class, "code-server-home");
        assertEquals("10Gi", pvc.getSpec().getResources().getRequests().get("storage").toString());
        assertEquals(List.of("ReadWriteOnce"), pvc.getSpec().getAccessModes());
        Volume home = pod.getVolumes().get(0);
        assertEquals("code-server-home", home.getPersistentVolumeClaim().getClaimName());
    }

    @Test
    void labFilesComeFromAConfigMapWithTheirLayout() {
        BlueprintInput input = Fixtures.withLab("alice");
        List<HasMetadata> objects = Fixtures.render(input);
        ConfigMap cm = find(objects, ConfigMap.class, "lab-ckad-pods");
        Deployment d = find(objects, Deployment.class, "code-server");
        Volume lab = d.getSpec().getTemplate().getSpec().getVolumes().get(1);
        assertEquals("lab-ckad-pods", lab.getConfigMap().getName());
        assertEquals(3, lab.getConfigMap().getItems().size());
        for (var item : lab.getConfigMap().getItems()) {
            assertFalse(item.getKey().contains("/"), item.getKey());
            assertEquals(input.labFiles().get(item.getPath()), cm.getData().get(item.getKey()), item.getPath());
        }
        assertTrue(lab.getConfigMap().getItems().stream().anyMatch(i -> i.getPath().equals(".tours/1-intro.tour")));
        assertEquals(LabFiles.checksum(input.labFiles()),
                d.getSpec().getTemplate().getMetadata().getAnnotations().get("onramp.io/lab-checksum"));
    }

    @Test
    void withoutLabTheHomeFolderOpens() {
        List<HasMetadata> objects = Fixtures.render(Fixtures.codeServer("alice"));
        assertEquals(List.of("onramp-tools"), objects.stream().filter(o -> o instanceof ConfigMap)
                .map(o -> o.getMetadata().getName()).toList(), "no lab ConfigMap");
        PodSpec pod = find(objects, Deployment.class, "code-server").getSpec().getTemplate().getSpec();
        assertEquals("/home/coder", pod.getContainers().get(0).getArgs().get(4));
        assertEquals(List.of("home", "onramp-tools"), pod.getVolumes().stream().map(Volume::getName).toList());
        assertEquals(1, pod.getInitContainers().get(0).getVolumeMounts().size());
        assertFalse(pod.getInitContainers().get(0).getCommand().get(2).contains("cp "));
    }

    @Test
    void podsPassTheRestrictedPodSecurityStandard() {
        int podBearing = 0;
        for (BlueprintInput input : List.of(Fixtures.withLab("alice"), Fixtures.codeServer("bob"),
                Fixtures.coder("carol"))) {
            for (Size size : Size.values()) {
                BlueprintInput sized = new BlueprintInput(input.workspaceId(), input.owner(), input.namespace(),
                        input.ide(), input.image(), size, input.lab(), input.labFiles(), input.coderWorkspaceId());
                for (HasMetadata o : Fixtures.render(sized)) {
                    assertEquals(List.of(), RestrictedPodSecurity.check(o),
                            o.getKind() + "/" + o.getMetadata().getName());
                    if (o instanceof Deployment) {
                        podBearing++;
                    }
                }
            }
        }
        assertEquals(6, podBearing);
        // the checker does look inside our Deployment
        Deployment broken = new KubernetesSerialization().clone(
                find(Fixtures.render(Fixtures.codeServer("dave")), Deployment.class, "code-server"));
        broken.getSpec().getTemplate().getSpec().getInitContainers().get(0).getSecurityContext()
                .setAllowPrivilegeEscalation(true);
        assertFalse(RestrictedPodSecurity.check(broken).isEmpty());
    }

    @Test
    void serviceIngressAndUrl() {
        BlueprintInput input = Fixtures.codeServer("alice");
        List<HasMetadata> objects = Fixtures.render(input);
        Service svc = find(objects, Service.class, "code-server");
        assertEquals("ClusterIP", svc.getSpec().getType());
        assertEquals(8080, single(svc.getSpec().getPorts()).getPort());
        assertEquals(8080, single(svc.getSpec().getPorts()).getTargetPort().getIntVal());
        assertEquals(CodeServerObjects.selector(), svc.getSpec().getSelector());

        Ingress ingress = find(objects, Ingress.class, "code-server");
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        var rule = single(ingress.getSpec().getRules());
        assertEquals("alice.workspaces.example.com", rule.getHost());
        var path = single(rule.getHttp().getPaths());
        assertEquals("/", path.getPath());
        assertEquals("Prefix", path.getPathType());
        assertEquals("code-server", path.getBackend().getService().getName());
        assertEquals(8080, path.getBackend().getService().getPort().getNumber());
        assertTrue(ingress.getSpec().getTls().isEmpty());
        assertFalse(ingress.getMetadata().getAnnotations().containsKey("cert-manager.io/cluster-issuer"));
        assertEquals("http://alice.workspaces.example.com", BlueprintUrls.url(input, Fixtures.config()));

        PodsConfig issuer = Fixtures.config(Map.of("onramp.pods.ingress.cluster-issuer", "letsencrypt",
                "onramp.pods.ingress.host-pattern", "{user}.labs.onramp.test"));
        Ingress tls = find(NamespaceBlueprint.render(input, issuer, () -> Fixtures.PASSWORD), Ingress.class,
                "code-server");
        assertEquals("letsencrypt", tls.getMetadata().getAnnotations().get("cert-manager.io/cluster-issuer"));
        assertEquals("code-server-tls", single(tls.getSpec().getTls()).getSecretName());
        assertEquals(List.of("alice.labs.onramp.test"), single(tls.getSpec().getTls()).getHosts());
        assertEquals("https://alice.labs.onramp.test", BlueprintUrls.url(input, issuer));

        PodsConfig secret = Fixtures.config(Map.of("onramp.pods.ingress.tls-secret-name", "wildcard",
                "onramp.pods.ingress.class-name", ""));
        Ingress own = find(NamespaceBlueprint.render(input, secret, () -> Fixtures.PASSWORD), Ingress.class,
                "code-server");
        assertEquals("wildcard", single(own.getSpec().getTls()).getSecretName());
        assertNull(own.getSpec().getIngressClassName());
        assertFalse(own.getMetadata().getAnnotations().containsKey("cert-manager.io/cluster-issuer"));
        assertTrue(BlueprintUrls.url(input, secret).startsWith("https://"));
    }

    @Test
    void passwordComesFromTheSupplier() {
        AtomicInteger calls = new AtomicInteger();
        List<HasMetadata> objects = NamespaceBlueprint.render(Fixtures.codeServer("alice"), Fixtures.config(),
                () -> {
                    calls.incrementAndGet();
                    return Fixtures.PASSWORD;
                });
        assertEquals(1, calls.get());
        Secret secret = find(objects, Secret.class, "code-server");
        assertEquals(Fixtures.PASSWORD, new String(Base64.getDecoder().decode(secret.getData().get("password")),
                StandardCharsets.UTF_8));
        assertEquals(Fixtures.render(Fixtures.codeServer("alice")), Fixtures.render(Fixtures.codeServer("alice")),
                "pure");

        NamespaceBlueprint.render(Fixtures.coder("alice"), Fixtures.config(), () -> {
            throw new AssertionError("no password for NONE");
        });
        assertThrows(IllegalArgumentException.class,
                () -> NamespaceBlueprint.render(Fixtures.codeServer("alice"), Fixtures.config(), () -> "short"));

        String a = Passwords.generate();
        String b = Passwords.generate();
        assertTrue(a.length() >= 24 && a.matches("[A-Za-z0-9]+"));
        assertNotEquals(a, b);
        Secret generated = find(NamespaceBlueprint.render(Fixtures.codeServer("alice"), Fixtures.config()),
                Secret.class, "code-server");
        assertTrue(Base64.getDecoder().decode(generated.getData().get("password")).length >= 24);
    }

    @Test
    void imagesMustBeAllowed() {
        OnrampException e = assertThrows(OnrampException.class,
                () -> Fixtures.render(Fixtures.codeServer("alice").withImage("evil/miner:latest")));
        assertEquals(ErrorCode.BAD_USER_INPUT, e.code());
        assertTrue(e.getMessage().contains("codercom/code-server:4.133.0"), e.getMessage());
        assertTrue(e.getMessage().contains("evil/miner:latest"), e.getMessage());

        PodsConfig two = Fixtures.config(Map.of("onramp.pods.images.allowed",
                "codercom/code-server:4.133.0,registry.example.com/code-server:4.133.0-ckad"));
        List<HasMetadata> objects = NamespaceBlueprint.render(
                Fixtures.codeServer("alice").withImage("registry.example.com/code-server:4.133.0-ckad"), two,
                () -> Fixtures.PASSWORD);
        assertEquals("registry.example.com/code-server:4.133.0-ckad",
                find(objects, Deployment.class, "code-server").getSpec().getTemplate().getSpec().getContainers()
                        .get(0).getImage());
        // NONE renders no image, so it is not checked
        BlueprintInput coder = Fixtures.coder("alice");
        Fixtures.render(new BlueprintInput(coder.workspaceId(), coder.owner(), null, Ide.NONE, "anything", Size.SMALL,
                null, Map.of(), null));
    }

    @Test
    void badInputsAreRejectedWithAMessage() {
        BlueprintInput ok = Fixtures.codeServer("alice");
        List<BlueprintInput> bad = List.of(
                new BlueprintInput("", "alice", null, Ide.CODE_SERVER, null, Size.SMALL, null, null, null),
                new BlueprintInput("white space", "alice", null, Ide.CODE_SERVER, null, Size.SMALL, null, null, null),
                new BlueprintInput("ws", "alice", "Not_A_Label", Ide.CODE_SERVER, null, Size.SMALL, null, null, null),
                new BlueprintInput("ws", "alice", null, null, null, Size.SMALL, null, null, null),
                new BlueprintInput("ws", "alice", null, Ide.CODE_SERVER, null, null, null, null, null),
                ok.withLab("Bad Lab", Map.of()),
                ok.withLab(null, Map.of("a.txt", "x")),
                ok.withLab("lab", Map.of("../escape", "x")));
        for (BlueprintInput input : bad) {
            OnrampException e = assertThrows(OnrampException.class, () -> Fixtures.render(input), input.toString());
            assertEquals(ErrorCode.BAD_USER_INPUT, e.code());
            assertFalse(e.getMessage().isBlank());
        }
        assertThrows(OnrampException.class, () -> BlueprintInput.codeServer("ws", "@@@", Size.SMALL));
    }

    @Test
    void inputToStringHidesFileContents() {
        String text = Fixtures.withLab("alice").toString();
        assertFalse(text.contains("apiVersion"), text);
        assertTrue(text.contains("3 files"), text);
    }

    private static boolean isAll(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        return selector != null && selector.getMatchLabels().isEmpty() && selector.getMatchExpressions().isEmpty();
    }

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), String.valueOf(list));
        return list.get(0);
    }

    static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }
}
