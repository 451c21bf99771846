package io.onramp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestStatsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void countsByClientMethodAndResourceAndResets() throws Exception {
    try (SandboxKubernetes sandbox = new SandboxKubernetes(0);
        KubernetesClient other = sandbox.newClient()) {
      sandbox.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("a").endMetadata()
          .build()).create();
      other.configMaps().inNamespace("a").resource(new ConfigMapBuilder().withNewMetadata().withName("c")
          .endMetadata().build()).create();
      other.configMaps().inNamespace("a").withName("c").get();
      other.configMaps().inNamespace("a").list();
      other.apps().deployments().inNamespace("a").withName("missing").get();

      JsonNode stats = call(sandbox, "GET", RequestStats.PATH);
      assertEquals(5, stats.path("total").asLong(), stats.toString());
      assertEquals(3, stats.path("byMethod").path("GET").asLong());
      assertEquals(2, stats.path("byMethod").path("POST").asLong());
      assertEquals(1, stats.path("byResource").path("POST namespaces").asLong());
      JsonNode own = stats.path("byClient").path(SandboxKubernetes.OWN_USER_AGENT);
      assertEquals(1, own.path("total").asLong());
      assertEquals(1, own.path("byResource").path("POST namespaces").asLong());
      String otherAgent = other.getConfiguration().getUserAgent();
      JsonNode mine = stats.path("byClient").path(otherAgent);
      assertEquals(4, mine.path("total").asLong(), stats.toString());
      assertEquals(1, mine.path("byMethod").path("POST").asLong());
      assertEquals(3, mine.path("byMethod").path("GET").asLong());
      assertEquals(1, mine.path("byResource").path("POST configmaps").asLong());
      assertEquals(1, mine.path("byResource").path("GET configmaps/{name}").asLong());
      assertEquals(1, mine.path("byResource").path("GET configmaps").asLong());
      assertEquals(1, mine.path("byResource").path("GET apps/deployments/{name}").asLong());

      // the stats requests are not counted; a reset answers the counts before it and starts from zero
      JsonNode before = call(sandbox, "POST", RequestStats.RESET_PATH);
      assertEquals(5, before.path("total").asLong());
      JsonNode after = call(sandbox, "GET", RequestStats.PATH);
      assertEquals(0, after.path("total").asLong());
      assertTrue(after.path("byClient").isEmpty());
      other.namespaces().withName("a").get();
      assertEquals(1, call(sandbox, "GET", RequestStats.PATH).path("byResource").path("GET namespaces/{name}")
          .asLong());
    }
  }

  @Test
  void countsConcurrentRequestsExactly() throws Exception {
    RequestStats stats = new RequestStats();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String agent = "agent-" + (t % 2);
        done.add(pool.submit(() -> {
          for (int i = 0; i < 5_000; i++) {
            stats.count(request(i % 2 == 0 ? HttpMethod.GET : HttpMethod.POST,
                "/apis/apps/v1/namespaces/ns" + i + "/deployments" + (i % 2 == 0 ? "/web" : ""), agent));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode json = stats.snapshot();
    assertEquals(40_000, json.path("total").asLong());
    assertEquals(20_000, json.path("byMethod").path("GET").asLong());
    assertEquals(20_000, json.path("byResource").path("POST apps/deployments").asLong());
    assertEquals(20_000, json.path("byResource").path("GET apps/deployments/{name}").asLong());
    assertEquals(20_000, json.path("byClient").path("agent-1").path("total").asLong());
  }

  @Test
  void namesResourcesLikeRestPathTemplates() {
    assertEquals("namespaces/{name}/status", RequestStats.resource(request(HttpMethod.PUT,
        "/api/v1/namespaces/x/status", null)));
    assertEquals("networking.k8s.io/networkpolicies", RequestStats.resource(request(HttpMethod.GET,
        "/apis/networking.k8s.io/v1/namespaces/x/networkpolicies?labelSelector=a%3Db", null)));
    assertEquals("pods (watch)", RequestStats.resource(request(HttpMethod.GET, "/api/v1/pods?watch=true", null)));
    assertEquals("/version", RequestStats.resource(request(HttpMethod.GET, "/version", null)));
  }

  private static RecordedRequest request(HttpMethod method, String path, String agent) {
    Headers.Builder headers = Headers.builder();
    if (agent != null) {
      headers.add("User-Agent", agent);
    }
    return new RecordedRequest("HTTP/1.1", method, path, headers.build(), new Buffer(new byte[0]));
  }

  private static JsonNode call(SandboxKubernetes sandbox, String method, String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.url() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return MAPPER.readTree(response.body());
  }
}
