package io.onramp.core.podsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * A pod spec plus its metadata (for AppArmor annotations), with all containers in PSA visiting order: init containers,
 * containers, ephemeral containers.
 */
record PodView(Map<String, String> annotations, PodSpec spec, List<ContainerView> containers) {

    static PodView of(ObjectMeta meta, PodSpec spec) {
        List<ContainerView> all = new ArrayList<>();
        nonNull(spec.getInitContainers()).forEach(c -> all.add(ContainerView.of("initContainers", c)));
        nonNull(spec.getContainers()).forEach(c -> all.add(ContainerView.of("containers", c)));
        nonNull(spec.getEphemeralContainers()).forEach(c -> all.add(ContainerView.of(c)));
        Map<String, String> annotations = meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        return new PodView(annotations, spec, List.copyOf(all));
    }

    /** The pod-level security context, possibly null. */
    PodSecurityContext security() {
        return spec.getSecurityContext();
    }

    /** {@code spec.os.name == windows}: PSA exempts such pods from some restricted checks (since v1.25). */
    boolean windows() {
        return spec.getOs() != null && "windows".equalsIgnoreCase(spec.getOs().getName());
    }

    /** {@code hostUsers: false}: the pod runs in a user namespace; PSA relaxes some checks for it. */
    boolean userNamespace() {
        return Boolean.FALSE.equals(spec.getHostUsers());
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
