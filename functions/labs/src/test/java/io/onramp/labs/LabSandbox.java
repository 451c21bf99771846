package io.onramp.labs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.onramp.pods.blueprint.BlueprintInput;
import io.onramp.pods.blueprint.DeveloperClusterRole;
import io.onramp.pods.blueprint.NamespaceBlueprint;
import io.onramp.pods.blueprint.PodsConfigs;
import io.onramp.pods.blueprint.Size;
import io.onramp.sandbox.SandboxControllers;
import io.onramp.sandbox.SandboxKubernetes;

/**
 * One sandbox API server with simulated controllers for a test class, and helpers to fill namespaces: the learner
 * baseline (Onramp's real namespace blueprint with a code-server workspace), manifests, and clean-up.
 */
final class LabSandbox implements AutoCloseable {

    private final SandboxKubernetes sandbox;
    private final SandboxControllers controllers;
    private final AtomicInteger counter = new AtomicInteger();

    LabSandbox() {
        sandbox = new SandboxKubernetes(0);
        controllers = new SandboxControllers(sandbox);
        client().resource(DeveloperClusterRole.build()).create();
    }

    /** The API server's base URL (its request counts are at {@code /onramp-sandbox/stats}). */
    String url() {
        return sandbox.url();
    }

    KubernetesClient client() {
        return sandbox.client();
    }

    /** A new, empty namespace object with a unique name. */
    String namespace(String prefix) {
        String base = prefix.replaceAll("[^a-z0-9-]", "-");
        String name = (base.length() > 50 ? base.substring(0, 50) : base) + "-" + counter.incrementAndGet();
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
        client().resource(ns).create();
        return name;
    }

    /**
     * A namespace as Onramp sets it up for a learner (content/README.md section 7 "namespace baseline"): quota,
     * LimitRange, NetworkPolicies, developer ServiceAccount and RoleBinding, code-server Deployment, Service, Secret,
     * PVC and Ingress; plus the default ServiceAccount and kube-root-ca.crt a real cluster adds.
     */
    String baselineNamespace(String prefix) {
        String base = prefix.replaceAll("[^a-z0-9-]", "-");
        String name = (base.length() > 50 ? base.substring(0, 50) : base) + "-" + counter.incrementAndGet();
        BlueprintInput input = new BlueprintInput("ws-" + counter.get(), "learner-" + counter.get(), name,
                io.onramp.pods.blueprint.Ide.CODE_SERVER, null, Size.MEDIUM, null, Map.of(), null);
        List<HasMetadata> objects = NamespaceBlueprint.render(input, PodsConfigs.defaults(),
                () -> "sandbox-password-0123456789abcdef");
        for (HasMetadata o : objects) {
            if (o instanceof Namespace) {
                client().resource(o).create();
            } else {
                client().resource(o).inNamespace(name).create();
            }
        }
        client().serviceAccounts().inNamespace(name).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata().withName("default").endMetadata().build()).create();
        client().configMaps().inNamespace(name).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("kube-root-ca.crt").endMetadata()
                .addToData("ca.crt", "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n").build())
                .create();
        return name;
    }

    /** Creates each manifest in the namespace (JSON create; no apply). */
    void create(String namespace, List<Manifest> manifests) {
        for (Manifest m : manifests) {
            client().resource(StarterApplier.toResource(client(), m)).inNamespace(namespace).create();
        }
    }

    /** Creates object trees (mutable maps) in the namespace. */
    void createTrees(String namespace, List<Map<String, Object>> objects) {
        List<Manifest> manifests = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            manifests.add(new Manifest("mutated", manifests.size(), o));
        }
        create(namespace, manifests);
    }

    void reconcile() {
        controllers.reconcileNow();
    }

    /** Deletes the namespace and lets the simulated controllers purge its objects. */
    void drop(String namespace) {
        client().namespaces().withName(namespace).delete();
        controllers.reconcileNow();
    }

    @Override
    public void close() {
        controllers.close();
        sandbox.close();
    }
}
