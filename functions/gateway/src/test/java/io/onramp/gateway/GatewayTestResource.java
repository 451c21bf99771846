package io.onramp.gateway;

import java.util.HashMap;
import java.util.Map;

import io.onramp.core.testing.OnrampTestResource;
import io.onramp.sandbox.SandboxControllers;
import io.onramp.sandbox.SandboxKubernetes;

/**
 * Everything the gateway's tests run against: embedded PostgreSQL and test tokens (from core), plus the sandbox
 * Kubernetes API with its simulated controllers, one per test JVM. fabric8 reads {@code kubernetes.master} at run
 * time, so the application's client talks to the sandbox.
 */
public class GatewayTestResource extends OnrampTestResource {

    public static final String CODER_SECRET = "test-webhook-secret-0123456789";

    public static final String EXOSCALE_KEY = "EXO" + "gatewaytestkey000000000000";
    private static final String EXOSCALE_SECRET = "gateway-test-secret-" + java.util.UUID.randomUUID();

    private static SandboxKubernetes sandbox;
    private static io.onramp.exoscale.simulator.ExoscaleSimulator exoscale;

    /** An Exoscale API simulator whose operations and transitions complete at once. */
    public static synchronized io.onramp.exoscale.simulator.ExoscaleSimulator exoscale() {
        if (exoscale == null) {
            exoscale = io.onramp.exoscale.simulator.ExoscaleSimulator.builder()
                    .credentials(EXOSCALE_KEY, EXOSCALE_SECRET)
                    .pollsToComplete(1)
                    .transitionTime(java.time.Duration.ZERO)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(exoscale::close));
        }
        return exoscale;
    }

    private static io.onramp.core.testing.CodeServerStandIn codeServer;

    /** Stands in for every workspace's code-server /healthz (keyed by namespace or public IP), on the real clock. */
    public static synchronized io.onramp.core.testing.CodeServerStandIn codeServer() {
        if (codeServer == null) {
            codeServer = io.onramp.core.testing.CodeServerStandIn.http(java.time.Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(codeServer::close));
        }
        return codeServer;
    }

    public static synchronized SandboxKubernetes sandbox() {
        if (sandbox == null) {
            sandbox = new SandboxKubernetes(0);
            new SandboxControllers(sandbox).start();
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        }
        return sandbox;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        SandboxKubernetes k8s = sandbox();
        System.setProperty("kubernetes.master", k8s.url());
        System.setProperty("kubernetes.auth.token", "sandbox");
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        config.put("onramp.kubernetes.sandbox", "true");
        config.put("onramp.engine.poll-interval", "100ms");
        config.put("onramp.coder.webhook-secret", CODER_SECRET);
        config.put("onramp.exoscale.api-key", EXOSCALE_KEY);
        config.put("onramp.exoscale.api-secret", EXOSCALE_SECRET);
        config.put("onramp.exoscale.endpoint", exoscale().endpointTemplate());
        config.put("onramp.vms.password-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        config.put("onramp.vms.recheck-interval", "200ms");
        // the API server endpoint in-workspace kubectl may reach (a real cluster's is cluster-specific)
        config.put("onramp.pods.network.api-server-cidrs", "172.20.0.10/32");
        // the reconcile duties stay out of other tests' way; ReconcileFlowTest runs reconcile itself
        config.put("onramp.duties.\"pods.reconcile\".interval", "1h");
        config.put("onramp.duties.\"vms.reconcile\".interval", "1h");
        // the idle checks probe the stand-in code-server, never the (unroutable) cluster DNS names or VM addresses
        config.put("onramp.idle.pods.healthz-url", codeServer().urlTemplate("{namespace}"));
        config.put("onramp.idle.vms.healthz-url", codeServer().urlTemplate("{publicIp}"));
        config.put("onramp.idle.probe.connect-timeout", "5s"); // the test machine may be busy
        config.put("onramp.idle.probe.timeout", "15s");
        // service identities (a PingSource running one of the gateway's duties)
        config.putAll(ServiceTestTokens.config());
        return config;
    }
}
