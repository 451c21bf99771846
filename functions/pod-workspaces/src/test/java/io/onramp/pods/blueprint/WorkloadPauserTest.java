package io.onramp.pods.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.sandbox.SandboxControllers;
import io.onramp.sandbox.SandboxKubernetes;

class WorkloadPauserTest {

    private static SandboxKubernetes sandbox;
    private static SandboxControllers controllers;
    private static KubernetesClient client;
    private static BlueprintApplier applier;
    private static WorkloadPauser pauser;

    @BeforeAll
    static void start() {
        sandbox = new SandboxKubernetes(0);
        controllers = new SandboxControllers(sandbox);
        client = sandbox.client();
        applier = new BlueprintApplier(client);
        pauser = new WorkloadPauser(client);
    }

    @AfterAll
    static void stop() {
        controllers.close();
        sandbox.close();
    }

    @Test
    void pauseScalesEverythingToZeroAndResumeRestores() {
        String ns = workspaceWithDeveloperWorkloads("pause");
        assertEquals(1 + 3 + 2, pods(ns));

        WorkloadPauser.PauseResult paused = pauser.pause(ns);
        assertTrue(paused.changed().containsAll(List.of("Namespace/" + ns, "Deployment/code-server",
                "Deployment/web", "StatefulSet/db", "CronJob/report", "CronJob/cleanup")), paused.changed().toString());
        assertTrue(pauser.isPaused(ns));
        assertPaused(ns);
        controllers.reconcileNow();
        assertEquals(0, pods(ns), "no pods after pause");
        assertNotNull(client.persistentVolumeClaims().inNamespace(ns).withName("code-server-home").get());
        assertEquals("Bound", client.persistentVolumeClaims().inNamespace(ns).withName("code-server-home").get()
                .getStatus().getPhase(), "PVC untouched");

        WorkloadPauser.PauseResult resumed = pauser.resume(ns);
        assertTrue(resumed.changed().contains("Namespace/" + ns));
        assertFalse(pauser.isPaused(ns));
        assertResumed(ns);
        controllers.reconcileNow();
        assertEquals(1 + 3 + 2, pods(ns));
    }

    @Test
    void pausingTwiceKeepsTheOriginalCounts() {
        String ns = workspaceWithDeveloperWorkloads("twice");
        pauser.pause(ns);
        WorkloadPauser.PauseResult second = pauser.pause(ns);
        assertTrue(second.changed().isEmpty(), second.changed().toString());
        assertPaused(ns);

        // the developer scales up while paused: a third pause scales back, keeping the original count
        client.apps().deployments().inNamespace(ns).withName("web").scale(5);
        WorkloadPauser.PauseResult third = pauser.pause(ns);
        assertEquals(List.of("Deployment/web"), third.changed());
        assertPaused(ns);

        pauser.resume(ns);
        assertResumed(ns);
        WorkloadPauser.PauseResult again = pauser.resume(ns);
        assertTrue(again.changed().isEmpty(), "resume is idempotent: " + again.changed());
        assertResumed(ns);
    }

    @Test
    void applyWhilePausedKeepsZeroReplicasAndResumeRestoresGuardrails() {
        String ns = workspaceWithDeveloperWorkloads("apply-paused");
        pauser.pause(ns);
        BlueprintInput input = Fixtures.codeServer("apply-paused");
        ApplyResult result = applier.apply(Fixtures.render(input));
        assertTrue(result.unchanged().contains("Deployment/code-server"), result.toString());
        assertEquals(0, deployment(ns, "code-server").getSpec().getReplicas());

        // while paused the developer deletes a policy; resume re-applies the guardrails
        client.network().v1().networkPolicies().inNamespace(ns).withName("onramp-default-deny").delete();
        pauser.resume(ns);
        ApplyResult guardrails = applier.reapplyGuardrails(ns, Fixtures.render(input));
        assertEquals(List.of("NetworkPolicy/onramp-default-deny"), guardrails.created());
        assertEquals(1, deployment(ns, "code-server").getSpec().getReplicas());
    }

    @Test
    void deploymentWithZeroReplicasStaysAtZero() {
        String ns = workspaceWithDeveloperWorkloads("zero");
        client.apps().deployments().inNamespace(ns).withName("web").scale(0);
        pauser.pause(ns);
        assertEquals("0", deployment(ns, "web").getMetadata().getAnnotations().get(BlueprintLabels.PAUSED_REPLICAS));
        pauser.resume(ns);
        assertEquals(0, deployment(ns, "web").getSpec().getReplicas());
    }

    @Test
    void missingNamespaceIsNotFound() {
        OnrampException e = assertThrows(OnrampException.class, () -> pauser.pause("onramp-nobody"));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(OnrampException.class,
                () -> pauser.resume("onramp-nobody")).code());
    }

    /** A code-server workspace plus the developer's own Deployment (3), StatefulSet (2) and two CronJobs. */
    private static String workspaceWithDeveloperWorkloads(String owner) {
        BlueprintInput input = Fixtures.codeServer(owner);
        String ns = input.namespace();
        applier.apply(Fixtures.render(input));
        Map<String, String> web = Map.of("app", "web");
        client.resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().withMatchLabels(web).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(web).endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        Map<String, String> db = Map.of("app", "db");
        client.resource(new StatefulSetBuilder()
                .withNewMetadata().withName("db").withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(2).withServiceName("db").withNewSelector().withMatchLabels(db)
                .endSelector()
                .withNewTemplate().withNewMetadata().withLabels(db).endMetadata()
                .withNewSpec().addNewContainer().withName("redis").withImage("redis:7").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        client.resource(cronJob(ns, "report", null)).create();
        client.resource(cronJob(ns, "cleanup", true)).create();
        controllers.reconcileNow();
        return ns;
    }

    private static CronJob cronJob(String ns, String name, Boolean suspend) {
        return new CronJobBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withSchedule("*/5 * * * *").withSuspend(suspend)
                .withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("job").withImage("busybox:1.36").endContainer()
                .endSpec().endTemplate().endSpec().endJobTemplate()
                .endSpec().build();
    }

    private static void assertPaused(String ns) {
        for (String name : List.of("code-server", "web")) {
            assertEquals(0, deployment(ns, name).getSpec().getReplicas(), name);
        }
        assertEquals("1", annotation(deployment(ns, "code-server")));
        assertEquals("3", annotation(deployment(ns, "web")));
        StatefulSet db = client.apps().statefulSets().inNamespace(ns).withName("db").get();
        assertEquals(0, db.getSpec().getReplicas());
        assertEquals("2", annotation(db));
        CronJob report = client.batch().v1().cronjobs().inNamespace(ns).withName("report").get();
        assertEquals(true, report.getSpec().getSuspend());
        assertEquals("false", report.getMetadata().getAnnotations().get(BlueprintLabels.PAUSED_SUSPEND));
        CronJob cleanup = client.batch().v1().cronjobs().inNamespace(ns).withName("cleanup").get();
        assertEquals(true, cleanup.getSpec().getSuspend());
        assertEquals("true", cleanup.getMetadata().getAnnotations().get(BlueprintLabels.PAUSED_SUSPEND));
    }

    private static void assertResumed(String ns) {
        assertEquals(1, deployment(ns, "code-server").getSpec().getReplicas());
        assertEquals(3, deployment(ns, "web").getSpec().getReplicas());
        assertNull(annotation(deployment(ns, "code-server")));
        assertNull(annotation(deployment(ns, "web")));
        StatefulSet db = client.apps().statefulSets().inNamespace(ns).withName("db").get();
        assertEquals(2, db.getSpec().getReplicas());
        assertNull(annotation(db));
        CronJob report = client.batch().v1().cronjobs().inNamespace(ns).withName("report").get();
        assertEquals(false, report.getSpec().getSuspend());
        assertNull(report.getMetadata().getAnnotations() == null ? null
                : report.getMetadata().getAnnotations().get(BlueprintLabels.PAUSED_SUSPEND));
        assertEquals(true, client.batch().v1().cronjobs().inNamespace(ns).withName("cleanup").get().getSpec()
                .getSuspend(), "was suspended before the pause");
    }

    private static Deployment deployment(String ns, String name) {
        return client.apps().deployments().inNamespace(ns).withName(name).get();
    }

    private static String annotation(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return o.getMetadata().getAnnotations() == null ? null
                : o.getMetadata().getAnnotations().get(BlueprintLabels.PAUSED_REPLICAS);
    }

    private static int pods(String ns) {
        return client.pods().inNamespace(ns).list().getItems().size();
    }
}
