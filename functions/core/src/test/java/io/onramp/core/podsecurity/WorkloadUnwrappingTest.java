package io.onramp.core.podsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

class WorkloadUnwrappingTest {

    private static final ObjectMeta META = new ObjectMetaBuilder().withName("ws").withNamespace("dev-alice").build();

    static Stream<Arguments> kinds() {
        Map<String, Function<PodTemplateSpec, HasMetadata>> kinds = new java.util.LinkedHashMap<>();
        kinds.put("Pod", t -> new PodBuilder().withMetadata(META).withSpec(t.getSpec()).build());
        kinds.put("Deployment", t -> new DeploymentBuilder().withMetadata(META).withNewSpec().withTemplate(t).endSpec().build());
        kinds.put("ReplicaSet", t -> new ReplicaSetBuilder().withMetadata(META).withNewSpec().withTemplate(t).endSpec().build());
        kinds.put("StatefulSet", t -> new StatefulSetBuilder().withMetadata(META).withNewSpec().withTemplate(t).endSpec().build());
        kinds.put("DaemonSet", t -> new DaemonSetBuilder().withMetadata(META).withNewSpec().withTemplate(t).endSpec().build());
        kinds.put("Job", t -> new JobBuilder().withMetadata(META).withNewSpec().withTemplate(t).endSpec().build());
        kinds.put("CronJob", t -> new CronJobBuilder().withMetadata(META).withNewSpec().withSchedule("@hourly")
                .withNewJobTemplate().withNewSpec().withTemplate(t).endSpec().endJobTemplate().endSpec().build());
        kinds.put("ReplicationController", t -> new ReplicationControllerBuilder().withMetadata(META).withNewSpec()
                .withTemplate(t).endSpec().build());
        return kinds.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    static PodTemplateSpec template(PodSpec spec) {
        return new PodTemplateSpec(new ObjectMetaBuilder().withLabels(Map.of("app", "ws")).build(), spec);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void workloadTemplatesAreUnwrapped(String kind, Function<PodTemplateSpec, HasMetadata> wrap) {
        PodSpec bad = RestrictedPodSecurityTest.compliant();
        RestrictedPodSecurityTest.web(bad).setAllowPrivilegeEscalation(true);
        assertEquals(List.of(new Violation("allowPrivilegeEscalation", "containers[web].securityContext.allowPrivilegeEscalation",
                "containers[web].securityContext.allowPrivilegeEscalation must be false")),
                RestrictedPodSecurity.check(wrap.apply(template(bad))), kind);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void compliantWorkloadsPass(String kind, Function<PodTemplateSpec, HasMetadata> wrap) {
        assertEquals(List.of(), RestrictedPodSecurity.check(wrap.apply(template(RestrictedPodSecurityTest.compliant()))), kind);
    }

    @Test
    void objectsWithoutPodsHaveNoViolations() {
        assertEquals(List.of(), RestrictedPodSecurity.check(new ConfigMapBuilder().withMetadata(META).build()));
        assertEquals(List.of(), RestrictedPodSecurity.check(new ServiceBuilder().withMetadata(META).build()));
        assertEquals(List.of(), RestrictedPodSecurity.check(new DeploymentBuilder().withMetadata(META).build()));
        assertEquals(List.of(), RestrictedPodSecurity.check(new CronJobBuilder().withMetadata(META).withNewSpec().endSpec().build()));
    }

    @Test
    void appArmorAnnotationsOfTheTemplateAreChecked() {
        PodTemplateSpec t = template(RestrictedPodSecurityTest.compliant());
        t.getMetadata().setAnnotations(Map.of("container.apparmor.security.beta.kubernetes.io/web", "unconfined"));
        List<Violation> violations = RestrictedPodSecurity
                .check(new DeploymentBuilder().withMetadata(META).withNewSpec().withTemplate(t).endSpec().build());
        assertEquals(List.of("appArmorProfile"), violations.stream().map(Violation::check).toList());
        assertEquals("metadata.annotations[container.apparmor.security.beta.kubernetes.io/web]", violations.get(0).path());

        t.getMetadata().setAnnotations(Map.of("container.apparmor.security.beta.kubernetes.io/web", "localhost/k8s-web"));
        assertEquals(List.of(), RestrictedPodSecurity
                .check(new DeploymentBuilder().withMetadata(META).withNewSpec().withTemplate(t).endSpec().build()));
    }
}
