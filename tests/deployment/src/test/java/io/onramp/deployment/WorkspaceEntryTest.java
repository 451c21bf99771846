package io.onramp.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServicePort;

/**
 * onramp-check's path from a workspace: the URL the pods function gives workspaces names a plain Service in the
 * onramp namespace (which the workspace NetworkPolicies allow) that selects the gateway's Knative pods on the port
 * the gateway's container listens on.
 */
class WorkspaceEntryTest {

    final Kustomization k = Kustomization.load();

    @Test
    void workspacesReachTheGatewaysPodsInsideTheOnrampNamespace() {
        io.fabric8.kubernetes.api.model.Service entry = k.require(io.fabric8.kubernetes.api.model.Service.class,
                "onramp-workspace-entry");
        assertEquals(Kustomization.NAMESPACE, entry.getMetadata().getNamespace());
        assertEquals("onramp-gateway", entry.getSpec().getSelector().get("serving.knative.dev/service"));

        io.fabric8.knative.serving.v1.Service gateway = k.require(io.fabric8.knative.serving.v1.Service.class,
                "onramp-gateway");
        int containerPort = gateway.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0)
                .getContainerPort();
        ServicePort port = entry.getSpec().getPorts().get(0);
        assertEquals(containerPort, port.getTargetPort().getIntVal());
        int minScale = Integer.parseInt(gateway.getSpec().getTemplate().getMetadata().getAnnotations()
                .getOrDefault("autoscaling.knative.dev/min-scale", "0"));
        assertTrue(minScale >= 1, "a pod must always be behind the plain Service: the gateway keeps min-scale >= 1");

        URI url = URI.create(k.require(ConfigMap.class, "onramp-pods-config").getData().get("ONRAMP_PODS_ONRAMP_URL"));
        assertEquals("onramp-workspace-entry.onramp.svc.cluster.local", url.getHost());
        assertEquals(port.getPort().intValue(), url.getPort() == -1 ? 80 : url.getPort());
    }
}
