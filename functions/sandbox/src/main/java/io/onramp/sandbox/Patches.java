package io.onramp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * PATCH bodies the sandbox understands: JSON patch, JSON merge patch (RFC 7386), and strategic merge patches that
 * contain no lists and no {@code $}-directives (for those the strategic merge equals a JSON merge). Other strategic
 * merge patches and server-side apply are refused with 415.
 */
final class Patches {

  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  static final String APPLY_PATCH = "application/apply-patch+yaml";

  private Patches() {
  }

  /** A patch the sandbox cannot apply, with the HTTP code to answer. */
  static final class UnsupportedPatch extends Exception {
    final int code;

    UnsupportedPatch(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  static String mediaType(String contentType) {
    if (contentType == null) {
      return JSON_PATCH;
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** Applies {@code body} of the given content type to {@code target} (not modified) and returns the result. */
  static JsonNode apply(String contentType, JsonNode target, String body) throws UnsupportedPatch {
    String type = mediaType(contentType);
    JsonNode patch;
    try {
      patch = Json.parse(body);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedPatch(400, "invalid patch body: " + e.getMessage());
    }
    switch (type) {
      case JSON_PATCH:
        try {
          return JsonPatch.apply(patch, target);
        } catch (RuntimeException e) {
          throw new UnsupportedPatch(422, "the JSON patch could not be applied: " + e.getMessage());
        }
      case MERGE_PATCH:
        return mergePatch(target, patch);
      case STRATEGIC_MERGE_PATCH:
        if (!isListFree(patch)) {
          throw new UnsupportedPatch(415, "the onramp sandbox applies strategic merge patches only when they contain "
              + "no lists and no $-directives; use 'kubectl patch --type merge', 'kubectl replace' or delete and "
              + "create instead");
        }
        return mergePatch(target, patch);
      case APPLY_PATCH:
        throw new UnsupportedPatch(415, "server-side apply is not supported by the onramp sandbox; use 'kubectl "
            + "create' or 'kubectl replace'");
      default:
        throw new UnsupportedPatch(415, "unsupported patch type " + type);
    }
  }

  /** RFC 7386 JSON merge patch: objects merge recursively, {@code null} removes, everything else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  /** True when the patch has no arrays and no {@code $}-directive keys anywhere. */
  static boolean isListFree(JsonNode patch) {
    if (patch.isArray()) {
      return false;
    }
    if (patch.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = patch.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().startsWith("$") || !isListFree(field.getValue())) {
          return false;
        }
      }
    }
    return true;
  }
}
