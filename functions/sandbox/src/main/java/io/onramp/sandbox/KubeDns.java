package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** A stand-in for the cluster DNS pod, so that DNS egress policies have something to select in the sandbox. */
public final class KubeDns {

    private KubeDns() {
    }

    public static Pod pod() {
        return new PodBuilder()
                .withNewMetadata().withName("coredns").withNamespace("kube-system")
                .addToLabels("k8s-app", "kube-dns")
                .addToAnnotations(Simulated.ANNOTATION, "true").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("coredns").withImage("registry.k8s.io/coredns/coredns:v1.11.3")
                .addNewPort().withName("dns").withContainerPort(53).withProtocol("UDP").endPort()
                .addNewPort().withName("dns-tcp").withContainerPort(53).withProtocol("TCP").endPort()
                .endContainer().endSpec().build();
    }
}
