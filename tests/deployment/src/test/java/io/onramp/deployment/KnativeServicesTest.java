package io.onramp.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.knative.serving.v1.RevisionSpec;
import io.fabric8.knative.serving.v1.Service;
import io.onramp.core.deploy.FunctionGroup;

/** The Knative Services: one per function, one image, each with its own ServiceAccount, scaling and secrets. */
class KnativeServicesTest {

    final Kustomization k = Kustomization.load();

    @Test
    void oneServicePerFunctionGroupEachWithItsOwnServiceAccount() {
        Set<String> groups = new TreeSet<>();
        for (FunctionGroup g : FunctionGroup.values()) {
            groups.add(g.name().toLowerCase(Locale.ROOT));
        }
        assertEquals(groups, new TreeSet<>(Functions.SERVICES.keySet()), "a Service for every function group");
        assertEquals(new TreeSet<>(Functions.SERVICES.values()),
                k.all(Service.class).stream().map(s -> s.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new)));
        Set<String> accounts = new HashSet<>();
        Functions.SERVICES.forEach((group, name) -> {
            Service s = Functions.service(k, group);
            String sa = Functions.spec(s).getServiceAccountName();
            assertEquals(name, sa, name + " runs as its own ServiceAccount");
            assertTrue(accounts.add(sa), sa + " is shared");
            k.require(ServiceAccount.class, sa);
            assertEquals(group, Functions.env(k, s, "ONRAMP_DEPLOYMENT_SERVE").orElse(null),
                    name + " serves its group only");
            FunctionGroup.valueOf(group.toUpperCase(Locale.ROOT));
        });
        assertEquals(Functions.SERVICES.size(), k.all(ServiceAccount.class).size(),
                "no ServiceAccount besides the functions' own");
    }

    @Test
    void oneImageForEveryFunction() {
        Set<String> images = k.all(Service.class).stream().map(s -> Functions.container(s).getImage())
                .collect(Collectors.toSet());
        assertEquals(1, images.size(), "one image, the function is chosen by configuration: " + images);
        assertFalse(images.iterator().next().endsWith(":latest"), "a pinned tag");
    }

    @Test
    void dutiesRunFromPingSourcesNotInProcess() {
        for (Service s : k.all(Service.class)) {
            assertEquals("false", Functions.env(k, s, "ONRAMP_DUTIES_IN_PROCESS").orElse(null),
                    s.getMetadata().getName());
            assertEquals("CLUSTER", Functions.env(k, s, "ONRAMP_MODE").orElse("CLUSTER"), s.getMetadata().getName());
        }
        // the job worker runs where the drivers have what they need (Kubernetes rights, Exoscale keys)
        Map<String, String> worker = Map.of("gateway", "false", "pods", "true", "vms", "true", "labs", "false",
                "coder", "false");
        worker.forEach((group, enabled) -> assertEquals(enabled,
                Functions.env(k, Functions.service(k, group), "ONRAMP_ENGINE_WORKER_ENABLED").orElse(null), group));
    }

    @Test
    void scalingIsSetForEveryService() {
        for (Service s : k.all(Service.class)) {
            String name = s.getMetadata().getName();
            Map<String, String> a = Functions.annotations(s);
            int min = Integer.parseInt(a.getOrDefault("autoscaling.knative.dev/min-scale", "-1"));
            int max = Integer.parseInt(a.getOrDefault("autoscaling.knative.dev/max-scale", "-1"));
            int target = Integer.parseInt(a.getOrDefault("autoscaling.knative.dev/target", "-1"));
            assertTrue(min >= 0, name + ": min-scale");
            assertTrue(max >= 1 && max >= min, name + ": max-scale >= 1 and >= min-scale");
            assertTrue(target >= 1, name + ": target");
            RevisionSpec spec = Functions.spec(s);
            assertNotNull(spec.getContainerConcurrency(), name + ": containerConcurrency");
            assertTrue(spec.getContainerConcurrency() >= target,
                    name + ": the hard limit (containerConcurrency) is not below the soft target");
            assertNotNull(spec.getTimeoutSeconds(), name + ": timeoutSeconds");
            assertTrue(spec.getTimeoutSeconds() > 0 && spec.getTimeoutSeconds() <= 600,
                    name + ": timeoutSeconds within Knative's default max-revision-timeout-seconds (600)");
        }
        // the user-facing API never cold-starts
        assertEquals("1", Functions.annotations(Functions.service(k, "gateway"))
                .get("autoscaling.knative.dev/min-scale"));
    }

    /**
     * Every replica holds its own JDBC pool: at full scale the Services may open sum(max-scale x pool size)
     * connections, which must fit a small DBaaS plan (docs/deploy-sks.md). The pods function runs up to
     * ONRAMP_ENGINE_CONCURRENCY (8) converge steps at once and needs a connection for each, plus requests.
     */
    @Test
    void databaseConnectionsFitASmallPlan() {
        int total = 0;
        for (Service s : k.all(Service.class)) {
            String name = s.getMetadata().getName();
            int pool = Integer.parseInt(Functions.env(k, s, "ONRAMP_DB_POOL_SIZE")
                    .orElseThrow(() -> new AssertionError(name + ": set ONRAMP_DB_POOL_SIZE (default 20 per replica)")));
            int max = Integer.parseInt(Functions.annotations(s).get("autoscaling.knative.dev/max-scale"));
            total += pool * max;
        }
        assertTrue(total <= 100, "at most 100 connections at full scale, not " + total);
        int pods = Integer.parseInt(Functions.env(k, Functions.service(k, "pods"), "ONRAMP_DB_POOL_SIZE").orElseThrow());
        int concurrency = Integer.parseInt(Functions.env(k, Functions.service(k, "pods"), "ONRAMP_ENGINE_CONCURRENCY")
                .orElse("8"));
        assertTrue(pods > concurrency, "the pods function's pool exceeds its converge concurrency");
    }

    @Test
    void onlyTheGatewayIsReachableFromOutside() {
        for (Service s : k.all(Service.class)) {
            String visibility = s.getMetadata().getLabels() == null ? null
                    : s.getMetadata().getLabels().get("networking.knative.dev/visibility");
            boolean gateway = s.getMetadata().getName().equals("onramp-gateway");
            assertEquals(gateway ? null : "cluster-local", visibility, s.getMetadata().getName());
        }
    }

    @Test
    void secretsAreReferencedNotShippedAndOnlyWhereNeeded() {
        assertTrue(k.all(Secret.class).isEmpty(), "no Secret in the kustomization: they are created per cluster");
        Map<String, Set<String>> expected = Map.of(
                "gateway", Set.of("onramp-database"),
                "pods", Set.of("onramp-database"),
                "vms", Set.of("onramp-database", "onramp-exoscale", "onramp-vms"),
                "labs", Set.of("onramp-database"),
                "coder", Set.of("onramp-database", "onramp-coder"));
        expected.forEach((group, secrets) -> assertEquals(secrets,
                Functions.secrets(Functions.service(k, group)), group + " reads exactly these Secrets"));
        for (Service s : k.all(Service.class)) {
            assertTrue(Functions.secretKeys(s).containsAll(Set.of("onramp-database/url", "onramp-database/username",
                    "onramp-database/password")), s.getMetadata().getName() + ": the database settings");
        }
        assertEquals(Set.of("onramp-database/url", "onramp-database/username", "onramp-database/password",
                "onramp-exoscale/api-key", "onramp-exoscale/api-secret", "onramp-vms/password-key"),
                Functions.secretKeys(Functions.service(k, "vms")));
        Map<String, String> vmsEnv = secretEnv(Functions.service(k, "vms"));
        assertEquals("onramp-exoscale/api-key", vmsEnv.get("EXOSCALE_API_KEY"));
        assertEquals("onramp-exoscale/api-secret", vmsEnv.get("EXOSCALE_API_SECRET"));
        assertEquals("onramp-vms/password-key", vmsEnv.get("ONRAMP_VMS_PASSWORD_KEY"));
        assertEquals("onramp-coder/webhook-secret",
                secretEnv(Functions.service(k, "coder")).get("ONRAMP_CODER_WEBHOOK_SECRET"));
        // nothing secret in plain values or ConfigMaps
        for (ConfigMap cm : k.all(ConfigMap.class)) {
            for (String key : cm.getData().keySet()) {
                assertFalse(key.contains("SECRET") || key.contains("PASSWORD") || key.endsWith("_KEY"),
                        cm.getMetadata().getName() + " holds " + key);
            }
        }
    }

    private static Map<String, String> secretEnv(Service s) {
        return Functions.container(s).getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .collect(Collectors.toMap(EnvVar::getName, e -> e.getValueFrom().getSecretKeyRef().getName() + "/"
                        + e.getValueFrom().getSecretKeyRef().getKey()));
    }

    /** The gateway and the Coder receiver call functions with a short-lived token good only for them. */
    @Test
    void callersPresentAnAudienceBoundTokenOfTheirOwnServiceAccount() {
        Map<String, String> gatewayEnv = Functions.env(k, Functions.service(k, "gateway"));
        for (String group : new String[] {"pods", "vms", "labs"}) {
            assertEquals(url(group), gatewayEnv.get("ONRAMP_SPLIT_" + group.toUpperCase(Locale.ROOT) + "_URL"));
        }
        Map<String, String> coderEnv = Functions.env(k, Functions.service(k, "coder"));
        assertEquals(url("pods"), coderEnv.get("ONRAMP_SPLIT_PODS_URL"), "the Coder receiver wakes the pods function");
        assertEquals(url("vms"), coderEnv.get("ONRAMP_SPLIT_VMS_URL"), "and the vms function");
        String audience = gatewayEnv.get("ONRAMP_SERVICES_AUDIENCE");
        assertEquals("onramp-functions", audience);
        Set<String> callers = new TreeSet<>();
        for (Service s : k.all(Service.class)) {
            String name = s.getMetadata().getName();
            Map<String, String> env = Functions.env(k, s);
            assertEquals(audience, env.get("ONRAMP_SERVICES_AUDIENCE"), name + ": one audience for service calls");
            boolean callsOthers = env.keySet().stream().anyMatch(e -> e.startsWith("ONRAMP_SPLIT_"));
            if (!callsOthers) {
                assertFalse(env.containsKey("ONRAMP_SERVICES_TOKEN_FILE"), name + " calls no function: no token");
                continue;
            }
            callers.add(name);
            Path tokenFile = Path.of(env.get("ONRAMP_SERVICES_TOKEN_FILE"));
            Container c = Functions.container(s);
            VolumeMount mount = c.getVolumeMounts().stream()
                    .filter(m -> Path.of(m.getMountPath()).equals(tokenFile.getParent())).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": nothing mounted at " + tokenFile.getParent()));
            Volume volume = Functions.spec(s).getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow();
            assertEquals(1, volume.getProjected().getSources().size(), name + ": the token alone");
            ServiceAccountTokenProjection token = volume.getProjected().getSources().get(0).getServiceAccountToken();
            assertEquals(audience, token.getAudience(), name + ": the token is only good for the functions");
            assertEquals(tokenFile.getFileName().toString(), token.getPath());
            assertTrue(token.getExpirationSeconds() <= 3600, name + ": short-lived");
        }
        assertEquals(Set.of("onramp-gateway", "onramp-coder"), callers);
    }

    private static String url(String group) {
        return "http://" + Functions.SERVICES.get(group) + "." + Kustomization.NAMESPACE + ".svc.cluster.local";
    }

    /**
     * Every process that accepts service identities can verify them: the cluster's issuer and its keys, fetched with
     * the pod's own ServiceAccount token (readable by every ServiceAccount), which must therefore be mounted.
     */
    @Test
    void everyFunctionCanVerifyServiceTokens() {
        for (Service s : k.all(Service.class)) {
            String name = s.getMetadata().getName();
            Map<String, String> env = Functions.env(k, s);
            assertTrue(env.getOrDefault("ONRAMP_SERVICES_ISSUER", "").startsWith("https://"), name + ": issuer");
            assertTrue(env.getOrDefault("ONRAMP_SERVICES_JWKS_URL", "").startsWith("https://"), name + ": JWKS URL");
            assertEquals("/var/run/secrets/kubernetes.io/serviceaccount/token", env.get("ONRAMP_SERVICES_JWKS_TOKEN_FILE"));
            assertEquals("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt", env.get("ONRAMP_SERVICES_JWKS_CA_FILE"));
            assertTrue(Functions.spec(s).getAutomountServiceAccountToken() == null
                    || Functions.spec(s).getAutomountServiceAccountToken(), name + ": the pod's token is mounted");
            assertTrue(k.require(ServiceAccount.class, Functions.spec(s).getServiceAccountName())
                    .getAutomountServiceAccountToken() == null, name);
        }
    }

    @Test
    void functionsWithoutKubernetesRightsAreBoundToNoRole() {
        for (String group : new String[] {"gateway", "vms", "coder"}) {
            assertTrue(Rights.of(k, Kustomization.NAMESPACE, Functions.SERVICES.get(group)).grants().isEmpty(),
                    group + " is bound to no role");
        }
    }

    @Test
    void containersAreRestrictedAndProbed() {
        for (Service s : k.all(Service.class)) {
            String name = s.getMetadata().getName();
            Container c = Functions.container(s);
            assertEquals(Boolean.TRUE, c.getSecurityContext().getRunAsNonRoot(), name);
            assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation(), name);
            assertEquals(java.util.List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), name);
            assertEquals("RuntimeDefault", c.getSecurityContext().getSeccompProfile().getType(), name);
            assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath(), name);
            assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath(), name);
            assertNotNull(c.getResources().getLimits().get("memory"), name + ": a memory limit");
            assertEquals(8080, c.getPorts().get(0).getContainerPort(), name + ": Quarkus listens on PORT (8080)");
        }
    }
}
