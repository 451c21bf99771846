package io.onramp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxKubernetesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static SandboxKubernetes sandbox;

  @BeforeAll
  static void start() {
    sandbox = new SandboxKubernetes(0);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void listensOnLoopbackOverPlainHttp() {
    assertTrue(sandbox.port() > 0);
    assertEquals("http://127.0.0.1:" + sandbox.port(), sandbox.url());
  }

  @Test
  void servesLegacyApiVersions() throws Exception {
    JsonNode api = get("/api");
    assertEquals("APIVersions", api.path("kind").asText());
    assertEquals("v1", api.path("versions").path(0).asText());
    assertEquals("127.0.0.1:" + sandbox.port(),
        api.path("serverAddressByClientCIDRs").path(0).path("serverAddress").asText());
  }

  @Test
  void servesApiGroupList() throws Exception {
    JsonNode apis = get("/apis");
    assertEquals("APIGroupList", apis.path("kind").asText());
    List<String> groups = new ArrayList<>();
    apis.path("groups").forEach(g -> groups.add(g.path("name").asText() + "=" + g.path("preferredVersion")
        .path("groupVersion").asText()));
    assertTrue(groups.containsAll(List.of("apps=apps/v1", "batch=batch/v1", "autoscaling=autoscaling/v2",
        "networking.k8s.io=networking.k8s.io/v1", "rbac.authorization.k8s.io=rbac.authorization.k8s.io/v1",
        "policy=policy/v1", "storage.k8s.io=storage.k8s.io/v1", "authorization.k8s.io=authorization.k8s.io/v1")),
        groups.toString());
  }

  @Test
  void servesCoreResourceListWithShortNamesAndSubresources() throws Exception {
    JsonNode v1 = get("/api/v1");
    assertEquals("APIResourceList", v1.path("kind").asText());
    assertEquals("v1", v1.path("groupVersion").asText());
    JsonNode pods = resource(v1, "pods");
    assertEquals("pod", pods.path("singularName").asText());
    assertEquals("Pod", pods.path("kind").asText());
    assertTrue(pods.path("namespaced").asBoolean());
    assertEquals("po", pods.path("shortNames").path(0).asText());
    assertTrue(pods.path("verbs").toString().contains("\"watch\""));
    JsonNode namespaces = resource(v1, "namespaces");
    assertFalse(namespaces.path("namespaced").asBoolean());
    assertEquals("ns", namespaces.path("shortNames").path(0).asText());
    for (String name : List.of("pods/log", "pods/exec", "pods/status", "services", "endpoints", "configmaps",
        "secrets", "serviceaccounts", "persistentvolumeclaims", "persistentvolumes", "events", "resourcequotas",
        "limitranges", "nodes")) {
      assertNotNull(resource(v1, name), name);
    }
    assertEquals("Pod", resource(v1, "pods/log").path("kind").asText());
  }

  @Test
  void servesGroupResourceLists() throws Exception {
    JsonNode apps = get("/apis/apps/v1");
    assertEquals("apps/v1", apps.path("groupVersion").asText());
    assertEquals("deploy", resource(apps, "deployments").path("shortNames").path(0).asText());
    JsonNode scale = resource(apps, "deployments/scale");
    assertEquals("Scale", scale.path("kind").asText());
    assertEquals("autoscaling", scale.path("group").asText());
    for (String name : List.of("replicasets", "statefulsets", "daemonsets", "deployments/status")) {
      assertNotNull(resource(apps, name), name);
    }
    assertNotNull(resource(get("/apis/batch/v1"), "cronjobs"));
    assertNotNull(resource(get("/apis/autoscaling/v2"), "horizontalpodautoscalers"));
    assertEquals("netpol", resource(get("/apis/networking.k8s.io/v1"), "networkpolicies").path("shortNames")
        .path(0).asText());
    assertNotNull(resource(get("/apis/rbac.authorization.k8s.io/v1"), "clusterrolebindings"));
    assertNotNull(resource(get("/apis/policy/v1"), "poddisruptionbudgets"));
    assertNotNull(resource(get("/apis/storage.k8s.io/v1"), "storageclasses"));
    JsonNode review = resource(get("/apis/authorization.k8s.io/v1"), "selfsubjectaccessreviews");
    assertEquals("[\"create\"]", review.path("verbs").toString());
    assertEquals("apps", get("/apis/apps").path("name").asText());
  }

  @Test
  void servesVersionAndNoOpenApi() throws Exception {
    JsonNode version = get("/version");
    assertEquals("1", version.path("major").asText());
    assertTrue(version.path("gitVersion").asText().startsWith("v1."));
    assertEquals(404, send("/openapi/v2", null).statusCode());
    assertEquals(404, send("/openapi/v3", null).statusCode());
  }

  @Test
  void fabric8ClientCrudWorks() {
    KubernetesClient client = sandbox.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("crud").endMetadata().build())
        .create();
    ConfigMap created = client.configMaps().inNamespace("crud").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("settings").addToLabels("tier", "web").endMetadata()
        .addToData("color", "blue")
        .build()).create();
    assertNotNull(created.getMetadata().getUid());
    assertEquals("crud", created.getMetadata().getNamespace());

    ConfigMap edited = client.configMaps().inNamespace("crud").withName("settings")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("size", "L").build());
    assertEquals(Map.of("color", "blue", "size", "L"), edited.getData());
    assertEquals(1, client.configMaps().inNamespace("crud").withLabel("tier", "web").list().getItems().size());
    assertEquals("crud", client.namespaces().withName("crud").get().getMetadata().getName());

    assertThrows(KubernetesClientException.class, () -> client.configMaps().inNamespace("crud")
        .resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().build()).create());

    assertFalse(client.configMaps().inNamespace("crud").withName("settings").delete().isEmpty());
    assertNull(client.configMaps().inNamespace("crud").withName("settings").get());
  }

  @Test
  void mergePatchRemovesNullFieldsAndListFreeStrategicPatchIsAccepted() {
    KubernetesClient client = sandbox.client();
    client.configMaps().inNamespace("patch").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("cm").addToLabels("a", "1").addToLabels("b", "2").endMetadata()
        .addToData("k", "v").build()).create();
    ConfigMap merged = client.configMaps().inNamespace("patch").withName("cm")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"a\":null}},\"data\":{\"x\":\"y\"}}");
    assertEquals(Map.of("b", "2"), merged.getMetadata().getLabels());
    assertEquals(Map.of("k", "v", "x", "y"), merged.getData());

    ConfigMap strategic = client.configMaps().inNamespace("patch").withName("cm")
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"data\":{\"k\":\"w\"}}");
    assertEquals("w", strategic.getData().get("k"));

    KubernetesClientException refused = assertThrows(KubernetesClientException.class, () -> client.configMaps()
        .inNamespace("patch").withName("cm")
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"metadata\":{\"finalizers\":[\"x\"]}}"));
    assertEquals(415, refused.getCode());
  }

  @Test
  void scaleSubresourceChangesReplicasOnly() {
    KubernetesClient client = sandbox.client();
    client.apps().deployments().inNamespace("scale").resource(deployment("web", 1)).create();
    Deployment scaled = client.apps().deployments().inNamespace("scale").withName("web").scale(4);
    assertEquals(4, scaled.getSpec().getReplicas());
    assertEquals("Deployment", scaled.getKind());
    assertEquals("nginx:1.27", scaled.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals(4, client.apps().deployments().inNamespace("scale").withName("web").scale().getSpec()
        .getReplicas());
    assertEquals("app=web", client.apps().deployments().inNamespace("scale").withName("web").scale().getStatus()
        .getSelector());
  }

  @Test
  void listsCarryTheirTypedKindForClientGo() throws Exception {
    sandbox.client().configMaps().inNamespace("lists").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("one").endMetadata().build()).create();
    JsonNode list = get("/api/v1/namespaces/lists/configmaps");
    assertEquals("ConfigMapList", list.path("kind").asText());
    assertEquals("v1", list.path("apiVersion").asText());
    assertEquals("one", list.path("items").path(0).path("metadata").path("name").asText());
    assertEquals("DeploymentList", get("/apis/apps/v1/deployments").path("kind").asText());
    assertEquals("apps/v1", get("/apis/apps/v1/deployments").path("apiVersion").asText());
  }

  @Test
  void accessReviewsAreAllowedAndMarkedSimulated() {
    SelfSubjectAccessReview review = sandbox.client().authorization().v1().selfSubjectAccessReview()
        .create(new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes().withVerb("create")
            .withResource("pods").withNamespace("x").endResourceAttributes().endSpec().build());
    assertTrue(review.getStatus().getAllowed());
    assertTrue(Simulated.isSimulated(review));
  }

  @Test
  void answersKubectlTableRequestsWithColumns() throws Exception {
    sandbox.client().configMaps().inNamespace("table").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("two").endMetadata().addToData("a", "1").addToData("b", "2").build()).create();
    HttpResponse<String> response = send("/api/v1/namespaces/table/configmaps",
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
    JsonNode table = MAPPER.readTree(response.body());
    assertEquals("Table", table.path("kind").asText());
    assertEquals("Name", table.path("columnDefinitions").path(0).path("name").asText());
    assertEquals("Data", table.path("columnDefinitions").path(1).path("name").asText());
    assertEquals("two", table.path("rows").path(0).path("cells").path(0).asText());
    assertEquals(2, table.path("rows").path(0).path("cells").path(1).asInt());
  }

  @Test
  void writesKubeconfigForTheSandbox(@TempDir Path dir) throws IOException {
    Path file = sandbox.writeKubeconfig(dir.resolve("nested/kubeconfig"));
    String yaml = Files.readString(file);
    Config config = Config.fromKubeconfig(yaml);
    assertEquals(sandbox.url() + "/", config.getMasterUrl());
    assertEquals(SandboxKubernetes.CLUSTER_NAME, config.getCurrentContext().getName());
    assertEquals(SandboxKubernetes.CLUSTER_NAME, config.getCurrentContext().getContext().getCluster());
    String token = config.getOauthToken() != null ? config.getOauthToken() : config.getAutoOAuthToken();
    assertEquals(SandboxKubernetes.DUMMY_TOKEN, token, "the kubeconfig user carries the dummy token");
    assertTrue(yaml.contains("current-context: \"onramp-sandbox\"") || yaml.contains("current-context: onramp-sandbox"),
        yaml);
  }

  @Test
  void closeIsIdempotent() {
    SandboxKubernetes other = new SandboxKubernetes(0);
    int port = other.port();
    other.close();
    other.close();
    assertTrue(other.isClosed());
    assertThrows(IOException.class, () -> HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/version")).build(), HttpResponse.BodyHandlers.ofString()));
  }

  static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).addToLabels("app", name).endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate()
        .withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec()
        .addNewContainer().withName(name).withImage("nginx:1.27").addNewPort().withContainerPort(80).endPort()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static JsonNode resource(JsonNode list, String name) {
    for (JsonNode r : list.path("resources")) {
      if (name.equals(r.path("name").asText())) {
        return r;
      }
    }
    return null;
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send(path, null);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
    return MAPPER.readTree(response.body());
  }

  private static HttpResponse<String> send(String path, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.url() + path));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
