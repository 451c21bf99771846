package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxControllersTest {

  private static SandboxKubernetes sandbox;
  private static SandboxControllers controllers;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    sandbox = new SandboxKubernetes(0);
    controllers = new SandboxControllers(sandbox);
    client = sandbox.client();
  }

  @AfterAll
  static void stop() {
    controllers.close();
    sandbox.close();
  }

  @Test
  void deploymentGetsReadyPodsThroughAReplicaSet() {
    namespace("deploy");
    client.apps().deployments().inNamespace("deploy").resource(SandboxKubernetesTest.deployment("web", 3)).create();

    assertTrue(controllers.reconcileNow() > 0);

    Deployment deployment = client.apps().deployments().inNamespace("deploy").withName("web").get();
    assertEquals(3, deployment.getStatus().getReplicas());
    assertEquals(3, deployment.getStatus().getReadyReplicas());
    assertEquals(3, deployment.getStatus().getAvailableReplicas());
    assertEquals(3, deployment.getStatus().getUpdatedReplicas());
    assertEquals(deployment.getMetadata().getGeneration(), deployment.getStatus().getObservedGeneration());
    assertEquals("True", condition(deployment, "Available").getStatus());
    assertEquals("NewReplicaSetAvailable", condition(deployment, "Progressing").getReason());
    assertTrue(Simulated.isSimulated(deployment));

    List<ReplicaSet> replicaSets = client.apps().replicaSets().inNamespace("deploy").list().getItems();
    assertEquals(1, replicaSets.size());
    ReplicaSet rs = replicaSets.get(0);
    String hash = rs.getMetadata().getLabels().get("pod-template-hash");
    assertNotNull(hash);
    assertEquals("web-" + hash, rs.getMetadata().getName());
    assertEquals(deployment.getMetadata().getUid(), rs.getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals(3, rs.getStatus().getReadyReplicas());

    List<Pod> pods = client.pods().inNamespace("deploy").list().getItems();
    assertEquals(3, pods.size());
    Set<String> ips = new HashSet<>();
    for (Pod pod : pods) {
      assertEquals("Running", pod.getStatus().getPhase());
      assertTrue(PodFactory.isReady(pod), pod.getMetadata().getName());
      assertTrue(pod.getStatus().getContainerStatuses().get(0).getReady());
      assertEquals(Map.of("app", "web", "pod-template-hash", hash), pod.getMetadata().getLabels());
      assertEquals(rs.getMetadata().getUid(), pod.getMetadata().getOwnerReferences().get(0).getUid());
      assertEquals("ReplicaSet", pod.getMetadata().getOwnerReferences().get(0).getKind());
      assertTrue(pod.getMetadata().getName().startsWith("web-" + hash + "-"));
      assertTrue(pod.getStatus().getPodIP().startsWith("10.244."), pod.getStatus().getPodIP());
      assertTrue(Simulated.isSimulated(pod));
      ips.add(pod.getStatus().getPodIP());
    }
    assertEquals(3, ips.size(), "pod IPs are distinct");

    assertEquals(0, controllers.reconcileNow(), "a settled cluster needs no writes");
  }

  @Test
  void scalingToZeroRemovesPodsAndBackUpAddsThem() {
    namespace("scale");
    client.apps().deployments().inNamespace("scale").resource(SandboxKubernetesTest.deployment("api", 2)).create();
    controllers.reconcileNow();
    assertEquals(2, client.pods().inNamespace("scale").list().getItems().size());

    client.apps().deployments().inNamespace("scale").withName("api").scale(0);
    controllers.reconcileNow();
    assertEquals(0, client.pods().inNamespace("scale").list().getItems().size());
    Deployment deployment = client.apps().deployments().inNamespace("scale").withName("api").get();
    assertEquals(0, deployment.getStatus().getReplicas());
    assertEquals(0, deployment.getStatus().getReadyReplicas());

    client.apps().deployments().inNamespace("scale").withName("api").scale(4);
    controllers.reconcileNow();
    assertEquals(4, client.pods().inNamespace("scale").list().getItems().stream().filter(PodFactory::isReady)
        .count());
    assertEquals(4, client.apps().deployments().inNamespace("scale").withName("api").get().getStatus()
        .getReadyReplicas());
  }

  @Test
  void newTemplateRollsOutANewReplicaSet() {
    namespace("rollout");
    client.apps().deployments().inNamespace("rollout").resource(SandboxKubernetesTest.deployment("web", 2)).create();
    controllers.reconcileNow();
    client.apps().deployments().inNamespace("rollout").withName("web").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:1.28");
      return d;
    });
    controllers.reconcileNow();

    List<ReplicaSet> replicaSets = client.apps().replicaSets().inNamespace("rollout").list().getItems();
    assertEquals(2, replicaSets.size());
    Map<String, Integer> replicasByImage = replicaSets.stream().collect(Collectors.toMap(
        rs -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
        rs -> rs.getSpec().getReplicas()));
    assertEquals(Map.of("nginx:1.27", 0, "nginx:1.28", 2), replicasByImage);
    List<Pod> pods = client.pods().inNamespace("rollout").list().getItems();
    assertEquals(2, pods.size());
    pods.forEach(p -> assertEquals("nginx:1.28", p.getSpec().getContainers().get(0).getImage()));
  }

  @Test
  void deletingADeploymentDeletesItsReplicaSetsAndPods() {
    namespace("cascade");
    client.apps().deployments().inNamespace("cascade").resource(SandboxKubernetesTest.deployment("web", 2)).create();
    controllers.reconcileNow();
    assertEquals(2, client.pods().inNamespace("cascade").list().getItems().size());

    client.apps().deployments().inNamespace("cascade").withName("web").delete();
    controllers.reconcileNow();
    assertEquals(0, client.apps().replicaSets().inNamespace("cascade").list().getItems().size());
    assertEquals(0, client.pods().inNamespace("cascade").list().getItems().size());
  }

  @Test
  void statefulSetGetsOrdinalPodsAndClaims() {
    namespace("sts");
    StatefulSet set = new StatefulSetBuilder()
        .withNewMetadata().withName("db").endMetadata()
        .withNewSpec()
        .withReplicas(3)
        .withServiceName("db")
        .withNewSelector().addToMatchLabels("app", "db").endSelector()
        .withNewTemplate()
        .withNewMetadata().addToLabels("app", "db").endMetadata()
        .withNewSpec().addNewContainer().withName("db").withImage("postgres:16").endContainer().endSpec()
        .endTemplate()
        .addNewVolumeClaimTemplate()
        .withNewMetadata().withName("data").endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
        .addToRequests("storage", new Quantity("2Gi")).endResources().endSpec()
        .endVolumeClaimTemplate()
        .endSpec()
        .build();
    client.apps().statefulSets().inNamespace("sts").resource(set).create();
    controllers.reconcileNow();

    List<String> names = client.pods().inNamespace("sts").list().getItems().stream()
        .filter(PodFactory::isReady).map(p -> p.getMetadata().getName()).sorted().toList();
    assertEquals(List.of("db-0", "db-1", "db-2"), names);
    Pod first = client.pods().inNamespace("sts").withName("db-0").get();
    assertEquals("db-0", first.getSpec().getHostname());
    assertEquals("db", first.getSpec().getSubdomain());
    assertEquals("data-db-0", first.getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
    StatefulSet status = client.apps().statefulSets().inNamespace("sts").withName("db").get();
    assertEquals(3, status.getStatus().getReadyReplicas());
    assertEquals(3, status.getStatus().getReplicas());
    PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace("sts").withName("data-db-2").get();
    assertEquals("Bound", claim.getStatus().getPhase());

    client.apps().statefulSets().inNamespace("sts").withName("db").scale(1);
    controllers.reconcileNow();
    assertEquals(List.of("db-0"), client.pods().inNamespace("sts").list().getItems().stream()
        .map(p -> p.getMetadata().getName()).toList());
    assertEquals(3, client.persistentVolumeClaims().inNamespace("sts").list().getItems().size(),
        "claims are kept when the set shrinks");
  }

  @Test
  void claimIsBoundWithRequestedCapacity() {
    namespace("pvc");
    client.persistentVolumeClaims().inNamespace("pvc").resource(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("home").endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("standard")
        .withNewResources().addToRequests("storage", new Quantity("5Gi")).endResources().endSpec()
        .build()).create();
    controllers.reconcileNow();

    PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace("pvc").withName("home").get();
    assertEquals("Bound", claim.getStatus().getPhase());
    assertEquals(new Quantity("5Gi"), claim.getStatus().getCapacity().get("storage"));
    assertEquals(List.of("ReadWriteOnce"), claim.getStatus().getAccessModes());
    assertTrue(Simulated.isSimulated(claim));
    String volumeName = claim.getSpec().getVolumeName();
    assertEquals("pvc-" + claim.getMetadata().getUid(), volumeName);
    assertEquals("Bound", client.persistentVolumes().withName(volumeName).get().getStatus().getPhase());

    client.persistentVolumeClaims().inNamespace("pvc").withName("home").delete();
    controllers.reconcileNow();
    assertNull(client.persistentVolumes().withName(volumeName).get(), "simulated volume is reclaimed");
  }

  @Test
  void jobSucceedsWithItsCompletions() {
    namespace("jobs");
    Job job = new JobBuilder()
        .withNewMetadata().withName("migrate").endMetadata()
        .withNewSpec()
        .withCompletions(3)
        .withNewTemplate()
        .withNewSpec().withRestartPolicy("Never")
        .addNewContainer().withName("migrate").withImage("busybox").withCommand("true").endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
    client.batch().v1().jobs().inNamespace("jobs").resource(job).create();
    controllers.reconcileNow();

    Job done = client.batch().v1().jobs().inNamespace("jobs").withName("migrate").get();
    assertEquals(3, done.getStatus().getSucceeded());
    assertEquals(0, done.getStatus().getActive());
    assertNotNull(done.getStatus().getCompletionTime());
    assertTrue(done.getStatus().getConditions().stream()
        .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus())));
    List<Pod> pods = client.pods().inNamespace("jobs").list().getItems();
    assertEquals(3, pods.size());
    pods.forEach(p -> {
      assertEquals("Succeeded", p.getStatus().getPhase());
      assertEquals("migrate", p.getMetadata().getLabels().get("job-name"));
    });
    assertEquals(0, controllers.reconcileNow(), "a finished job is left alone");
  }

  @Test
  void deletingANamespaceDeletesItsObjects() {
    namespace("doomed");
    client.configMaps().inNamespace("doomed").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("settings").endMetadata().addToData("a", "b").build()).create();
    client.apps().deployments().inNamespace("doomed").resource(SandboxKubernetesTest.deployment("web", 2)).create();
    controllers.reconcileNow();
    assertEquals(2, client.pods().inNamespace("doomed").list().getItems().size());

    client.namespaces().withName("doomed").delete();
    controllers.reconcileNow();

    assertNull(client.namespaces().withName("doomed").get());
    assertEquals(0, client.configMaps().inNamespace("doomed").list().getItems().size());
    assertEquals(0, client.apps().deployments().inNamespace("doomed").list().getItems().size());
    assertEquals(0, client.apps().replicaSets().inNamespace("doomed").list().getItems().size());
    assertEquals(0, client.pods().inNamespace("doomed").list().getItems().size());
  }

  @Test
  void serviceGetsAClusterIpAndEndpointsOfReadyPods() {
    namespace("svc");
    client.apps().deployments().inNamespace("svc").resource(SandboxKubernetesTest.deployment("web", 2)).create();
    client.services().inNamespace("svc").resource(new ServiceBuilder()
        .withNewMetadata().withName("web").endMetadata()
        .withNewSpec().addToSelector("app", "web").addNewPort().withPort(8080).withNewTargetPort(80).endPort()
        .endSpec()
        .build()).create();
    controllers.reconcileNow();

    Service service = client.services().inNamespace("svc").withName("web").get();
    assertTrue(service.getSpec().getClusterIP().startsWith("10.96."), service.getSpec().getClusterIP());
    Endpoints endpoints = client.endpoints().inNamespace("svc").withName("web").get();
    assertTrue(Simulated.isSimulated(endpoints));
    Set<String> podIps = client.pods().inNamespace("svc").list().getItems().stream()
        .map(p -> p.getStatus().getPodIP()).collect(Collectors.toSet());
    Set<String> endpointIps = endpoints.getSubsets().get(0).getAddresses().stream().map(a -> a.getIp())
        .collect(Collectors.toSet());
    assertEquals(podIps, endpointIps);
    assertEquals(80, endpoints.getSubsets().get(0).getPorts().get(0).getPort());
  }

  @Test
  void podsCreatedDirectlyStartRunning() {
    namespace("bare");
    client.pods().inNamespace("bare").resource(new PodBuilder()
        .withNewMetadata().withName("shell").endMetadata()
        .withNewSpec().addNewContainer().withName("sh").withImage("busybox").endContainer().endSpec()
        .build()).create();
    controllers.reconcileNow();
    Pod pod = client.pods().inNamespace("bare").withName("shell").get();
    assertTrue(PodFactory.isReady(pod));
    assertEquals("sandbox-node", pod.getSpec().getNodeName());
    assertTrue(Simulated.isSimulated(pod));
    assertNotNull(client.nodes().withName("sandbox-node").get());
  }

  @Test
  void backgroundLoopReconcilesWithoutBeingAsked() throws Exception {
    try (SandboxKubernetes own = new SandboxKubernetes(0);
        SandboxControllers background = new SandboxControllers(own, Duration.ofMillis(200)).start()) {
      assertTrue(background.isRunning());
      own.client().apps().deployments().inNamespace("bg").resource(SandboxKubernetesTest.deployment("web", 2))
          .create();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      Integer ready = null;
      while (System.nanoTime() < deadline) {
        Deployment d = own.client().apps().deployments().inNamespace("bg").withName("web").get();
        ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
        if (Integer.valueOf(2).equals(ready)) {
          break;
        }
        Thread.sleep(100);
      }
      assertEquals(2, ready);
      background.close();
      assertTrue(!background.isRunning());
    }
  }

  private static void namespace(String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  private static DeploymentCondition condition(Deployment deployment, String type) {
    DeploymentCondition condition = deployment.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    assertNotNull(condition, type);
    assertNotEquals(null, condition.getLastTransitionTime());
    return condition;
  }
}
