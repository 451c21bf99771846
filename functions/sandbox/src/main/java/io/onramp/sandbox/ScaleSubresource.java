package io.onramp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /scale} subresource of deployments, replica sets, stateful sets and replication controllers: an
 * {@code autoscaling/v1 Scale} view on {@code spec.replicas}. The CRUD store alone would overwrite the whole object
 * with the Scale.
 */
final class ScaleSubresource {

  private final CrudStore store;

  ScaleSubresource(CrudStore store) {
    this.store = store;
  }

  MockResponse handle(RecordedRequest request, ResourcePath path) {
    Optional<ObjectNode> parent = store.get(path.objectPath());
    if (parent.isEmpty()) {
      return ApiResponses.notFound(path.plural(), path.name());
    }
    ObjectNode current = scaleOf(parent.get());
    JsonNode desired;
    switch (request.method()) {
      case GET:
        return ApiResponses.json(200, current);
      case PUT:
        try {
          desired = Json.parse(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          return ApiResponses.failure(400, "BadRequest", e.getMessage());
        }
        break;
      case PATCH:
        try {
          desired = Patches.apply(request.getHeader("Content-Type"), current,
              new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
        } catch (Patches.UnsupportedPatch e) {
          return ApiResponses.failure(e.code, e.code == 415 ? "UnsupportedMediaType" : "BadRequest", e.getMessage());
        }
        break;
      default:
        return ApiResponses.failure(405, "MethodNotAllowed", "the scale subresource supports get, update and patch");
    }
    String requestedVersion = Json.text(desired, "metadata", "resourceVersion");
    String currentVersion = Json.text(parent.get(), "metadata", "resourceVersion");
    if (requestedVersion != null && !requestedVersion.isEmpty() && !requestedVersion.equals(currentVersion)) {
      return ApiResponses.failure(409, "Conflict", "Operation cannot be fulfilled on " + path.plural() + " \""
          + path.name() + "\": the object has been modified; please apply your changes to the latest version and "
          + "try again");
    }
    JsonNode replicas = desired.path("spec").path("replicas");
    if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
      return ApiResponses.failure(422, "Invalid", "Scale is invalid: spec.replicas must be a non-negative integer");
    }
    ObjectNode updated = parent.get().deepCopy();
    Json.child(updated, "spec").put("replicas", replicas.asInt());
    MockResponse response = store.put(path.objectPath(), updated);
    if (response.code() != 200) {
      return ApiResponses.withJsonContentType(response);
    }
    return ApiResponses.json(200, scaleOf(Json.parseObject(CrudStore.body(response))));
  }

  static ObjectNode scaleOf(JsonNode parent) {
    ObjectNode scale = Json.object();
    scale.put("apiVersion", "autoscaling/v1");
    scale.put("kind", "Scale");
    ObjectNode metadata = scale.putObject("metadata");
    JsonNode parentMetadata = parent.path("metadata");
    for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (parentMetadata.hasNonNull(field)) {
        metadata.set(field, parentMetadata.get(field).deepCopy());
      }
    }
    JsonNode specReplicas = parent.path("spec").path("replicas");
    scale.putObject("spec").put("replicas", specReplicas.canConvertToInt() ? specReplicas.asInt() : 1);
    ObjectNode status = scale.putObject("status");
    status.put("replicas", parent.path("status").path("replicas").asInt(0));
    String selector = selectorString(parent.path("spec").path("selector"));
    if (!selector.isEmpty()) {
      status.put("selector", selector);
    }
    return scale;
  }

  /** Renders a label selector (or a plain label map of a replication controller) in kubectl's string syntax. */
  static String selectorString(JsonNode selector) {
    List<String> parts = new ArrayList<>();
    JsonNode matchLabels = selector.has("matchLabels") || selector.has("matchExpressions")
        ? selector.path("matchLabels") : selector;
    Iterator<Map.Entry<String, JsonNode>> labels = matchLabels.properties().iterator();
    while (labels.hasNext()) {
      Map.Entry<String, JsonNode> label = labels.next();
      parts.add(label.getKey() + "=" + label.getValue().asText());
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      List<String> values = new ArrayList<>();
      if (expression.path("values") instanceof ArrayNode array) {
        array.forEach(v -> values.add(v.asText()));
      }
      switch (expression.path("operator").asText()) {
        case "In" -> parts.add(key + " in (" + String.join(",", values) + ")");
        case "NotIn" -> parts.add(key + " notin (" + String.join(",", values) + ")");
        case "Exists" -> parts.add(key);
        case "DoesNotExist" -> parts.add("!" + key);
        default -> {
        }
      }
    }
    return String.join(",", parts);
  }
}
