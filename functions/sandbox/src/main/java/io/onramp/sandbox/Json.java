package io.onramp.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.UncheckedIOException;

/** JSON helpers: fabric8 serialization for model objects, a plain Jackson mapper for trees. */
final class Json {

  static final ObjectMapper TREES = new ObjectMapper();
  static final KubernetesSerialization MODEL = new KubernetesSerialization();

  private Json() {
  }

  static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return TREES.createObjectNode();
    }
    try {
      return TREES.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static ObjectNode parseObject(String text) {
    JsonNode node = parse(text);
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Serializes a fabric8 model object (or any object) to JSON text. */
  static String write(Object value) {
    if (value instanceof JsonNode node) {
      try {
        return TREES.writeValueAsString(node);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return MODEL.asJson(value);
  }

  /** Converts a fabric8 model object into a JSON tree. */
  static ObjectNode tree(Object model) {
    return parseObject(MODEL.asJson(model));
  }

  static <T> T read(String text, Class<T> type) {
    return MODEL.unmarshal(text, type);
  }

  static ObjectNode object() {
    return TREES.createObjectNode();
  }

  /** {@code node.path(a).path(b)...} returning the text or {@code null}. */
  static String text(JsonNode node, String... path) {
    JsonNode current = node;
    for (String p : path) {
      current = current.path(p);
    }
    return current.isValueNode() && !current.isNull() ? current.asText() : null;
  }

  /** Returns (creating if needed) the object child {@code name} of {@code node}. */
  static ObjectNode child(ObjectNode node, String name) {
    JsonNode existing = node.get(name);
    if (existing instanceof ObjectNode object) {
      return object;
    }
    return node.putObject(name);
  }
}
