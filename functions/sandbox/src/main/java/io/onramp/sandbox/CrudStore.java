package io.onramp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Direct access to the in-memory object store of the fabric8 CRUD dispatcher, without HTTP. */
final class CrudStore {

  private final KubernetesCrudDispatcher crud;

  CrudStore(KubernetesCrudDispatcher crud) {
    this.crud = crud;
  }

  KubernetesCrudDispatcher dispatcher() {
    return crud;
  }

  MockResponse dispatch(RecordedRequest request) {
    return crud.dispatch(request);
  }

  /** The object at {@code path}, if there is one. */
  Optional<ObjectNode> get(String path) {
    MockResponse response = crud.handleGet(path);
    if (response.code() != 200 || response.getBody() == null) {
      return Optional.empty();
    }
    JsonNode node = Json.parse(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
    if (!node.isObject() || "List".equals(Json.text(node, "kind"))) {
      return Optional.empty();
    }
    return Optional.of((ObjectNode) node);
  }

  /** Items of the collection at {@code path}. */
  Iterable<JsonNode> list(String path) {
    MockResponse response = crud.handleGet(path);
    if (response.code() != 200 || response.getBody() == null) {
      return java.util.List.of();
    }
    return Json.parse(new String(response.getBody().getBytes(), StandardCharsets.UTF_8)).path("items");
  }

  /** PUT of a full object (or of its status when {@code path} ends in /status). */
  MockResponse put(String path, JsonNode object) {
    return crud.handleUpdate(request(HttpMethod.PUT, path, Json.write(object)));
  }

  MockResponse delete(String path) {
    return crud.handleDelete(path);
  }

  static RecordedRequest request(HttpMethod method, String path, String body) {
    Headers headers = Headers.builder().add("Content-Type", ApiResponses.JSON).build();
    return new RecordedRequest("HTTP/1.1", method, path, headers,
        new Buffer(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
  }

  static String body(MockResponse response) {
    return response.getBody() == null ? "" : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
  }
}
