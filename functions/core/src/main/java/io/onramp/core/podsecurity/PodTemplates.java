package io.onramp.core.podsecurity;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** Finds the pod (metadata + spec) an object creates: the Pod itself or a workload's pod template. */
final class PodTemplates {

    private PodTemplates() {
    }

    /**
     * The pod template of Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob
     * ({@code jobTemplate.spec.template}), ReplicationController and PodTemplate; empty for objects without pods or
     * without a spec.
     */
    static Optional<PodTemplateSpec> of(HasMetadata object) {
        PodTemplateSpec template = null;
        if (object instanceof Pod p) {
            template = p.getSpec() == null ? null : new PodTemplateSpec(p.getMetadata(), p.getSpec());
        } else if (object instanceof Deployment d) {
            template = d.getSpec() == null ? null : d.getSpec().getTemplate();
        } else if (object instanceof ReplicaSet r) {
            template = r.getSpec() == null ? null : r.getSpec().getTemplate();
        } else if (object instanceof StatefulSet s) {
            template = s.getSpec() == null ? null : s.getSpec().getTemplate();
        } else if (object instanceof DaemonSet d) {
            template = d.getSpec() == null ? null : d.getSpec().getTemplate();
        } else if (object instanceof Job j) {
            template = j.getSpec() == null ? null : j.getSpec().getTemplate();
        } else if (object instanceof CronJob c) {
            template = c.getSpec() == null || c.getSpec().getJobTemplate() == null
                    || c.getSpec().getJobTemplate().getSpec() == null ? null
                            : c.getSpec().getJobTemplate().getSpec().getTemplate();
        } else if (object instanceof ReplicationController r) {
            template = r.getSpec() == null ? null : r.getSpec().getTemplate();
        } else if (object instanceof PodTemplate t) {
            template = t.getTemplate();
        }
        return Optional.ofNullable(template).filter(t -> t.getSpec() != null);
    }
}
