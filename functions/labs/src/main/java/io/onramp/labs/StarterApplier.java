package io.onramp.labs;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.onramp.core.error.OnrampException;

/** Creates manifests in a namespace through the API (JSON create only; no server-side apply). */
public final class StarterApplier {

    /** What an apply did: objects created, and objects that already existed (left as they are). */
    public record Applied(List<String> created, List<String> existing) {
        public Applied {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
        }
    }

    private StarterApplier() {
    }

    /** The manifest as a typed object (Deployment, Service, ...) for {@code client.resource(...)}. */
    public static HasMetadata toResource(KubernetesClient client, Manifest m) {
        var serialization = client.getKubernetesSerialization();
        Object typed = serialization.unmarshal(serialization.asJson(m.copy()));
        if (!(typed instanceof HasMetadata h)) {
            throw new IllegalArgumentException(m.origin() + " is not a Kubernetes object");
        }
        return h;
    }

    /**
     * Creates each manifest in {@code namespace}, in order; an object that already exists (HTTP 409) is left
     * unchanged, so applying twice is harmless.
     *
     * @throws OnrampException unavailable when the API server refuses an object for another reason
     */
    public static Applied createIfAbsent(KubernetesClient client, String namespace, List<Manifest> manifests) {
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (Manifest m : manifests) {
            try {
                client.resource(toResource(client, m)).inNamespace(namespace).create();
                created.add(m.key());
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    existing.add(m.key());
                } else {
                    throw new OnrampException(io.onramp.core.error.ErrorCode.UNAVAILABLE, "Could not create "
                            + m.key() + " in namespace " + namespace + " (HTTP " + e.getCode() + ").", e);
                }
            }
        }
        return new Applied(created, existing);
    }
}
