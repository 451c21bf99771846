package io.onramp.core.podsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * Checks pods and workload templates against the Pod Security Standards {@code restricted} profile (which includes
 * {@code baseline}), the way the PodSecurity admission plugin does with {@code enforce-version: latest}.
 *
 * <p>
 * Unlike the admission plugin, which only enforces on Pod objects, {@link #check(HasMetadata)} also unwraps workload
 * templates, so a Deployment whose pods would be rejected is caught before its ReplicaSet fails. Paths in violations
 * are relative to the pod spec ({@code containers[web].securityContext.runAsNonRoot}), whatever the enclosing kind.
 * Init and ephemeral containers are checked like containers. Namespace/user/runtimeClass exemptions are out of scope.
 */
public final class RestrictedPodSecurity {

    private RestrictedPodSecurity() {
    }

    /** The restricted-profile violations of a pod spec (annotation-based AppArmor settings are not visible here). */
    public static List<Violation> check(PodSpec spec) {
        return check(null, spec, PodSecurityLevel.RESTRICTED);
    }

    /**
     * The restricted-profile violations of the pod an object creates: Pod, Deployment, ReplicaSet, StatefulSet,
     * DaemonSet, Job, CronJob, ReplicationController, PodTemplate. Empty for objects without pods.
     */
    public static List<Violation> check(HasMetadata object) {
        Objects.requireNonNull(object, "object");
        return PodTemplates.of(object)
                .map(t -> check(t.getMetadata(), t.getSpec(), PodSecurityLevel.RESTRICTED))
                .orElse(List.of());
    }

    /** The baseline-profile violations of a pod spec (a subset of what {@link #check(PodSpec)} can report). */
    public static List<Violation> checkBaseline(PodSpec spec) {
        return check(null, spec, PodSecurityLevel.BASELINE);
    }

    /** Violations at a level, with pod metadata (may be null) for the AppArmor annotations. */
    public static List<Violation> check(ObjectMeta podMetadata, PodSpec spec, PodSecurityLevel level) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(level, "level");
        PodView pod = PodView.of(podMetadata, spec);
        List<Violation> out = new ArrayList<>();
        for (PodSecurityCheck check : PodSecurityCheck.at(level)) {
            check.evaluate(pod, out);
        }
        return List.copyOf(out);
    }
}
