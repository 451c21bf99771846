package io.onramp.pods.blueprint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Inputs and configuration shared by the tests. */
final class Fixtures {

    static final String PASSWORD = "test-password-0123456789-abcdef";
    static final String OTHER_PASSWORD = "another-password-0123456789-xyz";

    private Fixtures() {
    }

    /** Defaults plus API server CIDRs (so that every NetworkPolicy is rendered). */
    static PodsConfig config() {
        return config(Map.of());
    }

    static PodsConfig config(Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("onramp.pods.network.api-server-cidrs", "172.18.0.2/32,10.96.0.1/32");
        properties.putAll(overrides);
        return PodsConfigs.of(properties);
    }

    static BlueprintInput codeServer(String owner) {
        return BlueprintInput.codeServer("ws-" + Math.abs(owner.hashCode()), owner, Size.MEDIUM);
    }

    static BlueprintInput withLab(String owner) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", "# Pods\n");
        files.put(".tours/1-intro.tour", "{\"title\":\"1 - Intro\",\"steps\":[]}");
        files.put("manifests/pod.yaml", "apiVersion: v1\nkind: Pod\n");
        return codeServer(owner).withLab("ckad-pods", files);
    }

    static BlueprintInput coder(String owner) {
        return new BlueprintInput("ws-" + Math.abs(owner.hashCode()), owner, null, Ide.NONE, null, Size.SMALL, null,
                Map.of(), "coder-ws-1");
    }

    static List<HasMetadata> render(BlueprintInput input) {
        return NamespaceBlueprint.render(input, config(), () -> PASSWORD);
    }

    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> kind, String name) {
        return (T) objects.stream()
                .filter(o -> kind.isInstance(o) && o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind.getSimpleName() + "/" + name + " not rendered"));
    }

    static <T extends HasMetadata> Optional<T> maybe(List<HasMetadata> objects, Class<T> kind, String name) {
        return objects.stream()
                .filter(o -> kind.isInstance(o) && o.getMetadata().getName().equals(name))
                .map(kind::cast)
                .findFirst();
    }
}
