package io.onramp.core.podsecurity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;

/**
 * The fields the checks need from a container, init container or ephemeral container (fabric8 has no common type).
 *
 * @param field {@code containers}, {@code initContainers} or {@code ephemeralContainers}
 * @param probes the probes that are set, keyed by field name ({@code livenessProbe}, ...)
 */
record ContainerView(String field, String name, SecurityContext securityContext, List<ContainerPort> ports,
        Map<String, Probe> probes, Lifecycle lifecycle) {

    static ContainerView of(String field, Container c) {
        return new ContainerView(field, c.getName(), c.getSecurityContext(), PodView.nonNull(c.getPorts()),
                probes(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()), c.getLifecycle());
    }

    static ContainerView of(EphemeralContainer c) {
        return new ContainerView("ephemeralContainers", c.getName(), c.getSecurityContext(), PodView.nonNull(c.getPorts()),
                probes(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()), c.getLifecycle());
    }

    private static Map<String, Probe> probes(Probe liveness, Probe readiness, Probe startup) {
        Map<String, Probe> probes = new LinkedHashMap<>();
        if (liveness != null) {
            probes.put("livenessProbe", liveness);
        }
        if (readiness != null) {
            probes.put("readinessProbe", readiness);
        }
        if (startup != null) {
            probes.put("startupProbe", startup);
        }
        return probes;
    }

    /** {@code containers[web]} */
    String ref() {
        return field + "[" + (name == null ? "" : name) + "]";
    }

    /** {@code containers[web].securityContext.<suffix>} */
    String securityPath(String suffix) {
        return ref() + ".securityContext." + suffix;
    }
}
