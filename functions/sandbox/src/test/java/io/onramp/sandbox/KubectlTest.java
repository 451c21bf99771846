package io.onramp.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real kubectl against the sandbox, through a written kubeconfig. Skipped when no kubectl is on PATH (install one
 * with {@code .ci/install-kubectl.sh}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlTest {

  private static final String MANIFEST = """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: lab
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
        namespace: lab
      data:
        greeting: hello
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: lab
        labels:
          app: web
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: web
              image: nginx:1.27
              ports:
              - containerPort: 80
      """;

  private static Path kubectl;
  private static Path work;
  private static Path kubeconfig;
  private static Path manifest;
  private static SandboxKubernetes sandbox;
  private static SandboxControllers controllers;

  @BeforeAll
  static void start() throws IOException {
    Optional<Path> found = findKubectl();
    assumeTrue(found.isPresent(), "kubectl is not on PATH");
    kubectl = found.get();
    work = Files.createTempDirectory("kubectl-test");
    sandbox = new SandboxKubernetes(0);
    controllers = new SandboxControllers(sandbox);
    kubeconfig = sandbox.writeKubeconfig(work.resolve("kubeconfig"));
    manifest = Files.writeString(work.resolve("lab.yaml"), MANIFEST);
  }

  @AfterAll
  static void stop() {
    if (controllers != null) {
      controllers.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  @Order(1)
  void getNamespacesListsNamespaces() throws Exception {
    sandbox.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata().withName("team-a").endMetadata().build()).create();

    Result namespaces = kubectl("get", "namespaces");
    assertEquals(0, namespaces.code, namespaces.toString());
    assertTrue(namespaces.out.lines().anyMatch(l -> l.matches("NAME\\s+STATUS\\s+AGE")), namespaces.toString());
    assertTrue(namespaces.out.lines().anyMatch(l -> l.matches("team-a\\s+Active\\s+\\S+")), namespaces.toString());

    Result shortName = kubectl("get", "ns", "-o", "name");
    assertEquals(0, shortName.code, shortName.toString());
    assertTrue(shortName.out.lines().anyMatch("namespace/team-a"::equals), shortName.toString());
  }

  @Test
  @Order(2)
  void createFromFileThenGetDeploymentsAndPods() throws Exception {
    Result create = kubectl("create", "--validate=false", "-f", manifest.toString());
    assertEquals(0, create.code, create.toString());
    assertTrue(create.out.contains("namespace/lab created"), create.toString());
    assertTrue(create.out.contains("configmap/settings created"), create.toString());
    assertTrue(create.out.contains("deployment.apps/web created"), create.toString());
    assertEquals("hello", sandbox.client().configMaps().inNamespace("lab").withName("settings").get().getData()
        .get("greeting"));

    controllers.reconcileNow();

    Result get = kubectl("get", "deploy,pods", "-n", "lab");
    assertEquals(0, get.code, get.toString());
    assertTrue(get.out.lines().anyMatch(l -> l.matches("deployment\\.apps/web\\s+2/2\\s+2\\s+2\\s+\\S+")),
        get.toString());
    long running = get.out.lines().filter(l -> l.matches("pod/web-[a-z0-9]+-[a-z0-9]{5}\\s+1/1\\s+Running\\s+0\\s+\\S+"))
        .count();
    assertEquals(2, running, get.toString());

    Result jsonpath = kubectl("get", "deploy", "web", "-n", "lab", "-o", "jsonpath={.status.readyReplicas}");
    assertEquals("2", jsonpath.out.trim(), jsonpath.toString());
  }

  @Test
  @Order(3)
  void scaleThroughTheScaleSubresource() throws Exception {
    Result scale = kubectl("scale", "deployment/web", "-n", "lab", "--replicas=3");
    assertEquals(0, scale.code, scale.toString());
    assertTrue(scale.out.contains("deployment.apps/web scaled"), scale.toString());
    controllers.reconcileNow();
    assertEquals(3, sandbox.client().pods().inNamespace("lab").list().getItems().size());
  }

  @Test
  @Order(4)
  void logsOfADeploymentComeFromOneOfItsSimulatedPods() throws Exception {
    Result logs = kubectl("logs", "deployment/web", "-n", "lab");
    assertEquals(0, logs.code, logs.toString());
    assertTrue(logs.out.startsWith("onramp sandbox: pod web-"), logs.toString());
    assertTrue(logs.out.contains("is simulated"), logs.toString());
  }

  @Test
  @Order(5)
  void deleteFromFileRemovesEverything() throws Exception {
    Result delete = kubectl("delete", "-f", manifest.toString());
    assertEquals(0, delete.code, delete.toString());
    assertTrue(delete.out.contains("namespace \"lab\" deleted"), delete.toString());
    controllers.reconcileNow();

    Result namespaces = kubectl("get", "ns", "-o", "name");
    assertEquals(0, namespaces.code, namespaces.toString());
    assertFalse(namespaces.out.contains("namespace/lab"), namespaces.toString());
    Result pods = kubectl("get", "pods", "-n", "lab");
    assertEquals(0, pods.code, pods.toString());
    assertTrue(pods.all().contains("No resources found"), pods.toString());
    assertTrue(sandbox.client().apps().deployments().inNamespace("lab").list().getItems().isEmpty());
  }

  @Test
  @Order(6)
  void reportsTheServerVersion() throws Exception {
    Result version = kubectl("version");
    assertEquals(0, version.code, version.toString());
    assertTrue(version.out.contains("Server Version: " + SandboxDispatcher.GIT_VERSION), version.toString());
  }

  // ---------------------------------------------------------------------------------------------------------------

  private record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private static Result kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(kubectl.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + work.resolve("cache"));
    command.add("--request-timeout=20s");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(work.resolve("out.txt").toFile())
        .redirectError(work.resolve("err.txt").toFile());
    builder.environment().remove("KUBECONFIG");
    builder.environment().put("HOME", work.toString());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " timed out");
    }
    return new Result(process.exitValue(),
        Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  private static Optional<Path> findKubectl() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
