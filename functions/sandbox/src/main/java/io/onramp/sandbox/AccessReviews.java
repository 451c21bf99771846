package io.onramp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;

/**
 * Answers the create-only review resources of {@code authorization.k8s.io/v1} and {@code authentication.k8s.io/v1}.
 * The sandbox has no RBAC: every access review is allowed, and the caller is {@value #USER} in
 * {@code system:masters}. Answers carry the annotation {@code onramp.io/simulated: "true"}. Nothing is stored.
 */
final class AccessReviews {

  static final String USER = SandboxKubernetes.USER_NAME;
  static final String REASON = "onramp sandbox: no authorization is enforced, every request is allowed";

  boolean handles(ResourcePath path) {
    return path.group().equals("authorization.k8s.io") || path.group().equals("authentication.k8s.io");
  }

  MockResponse answer(RecordedRequest request, ResourcePath path) {
    if (!"POST".equals(request.getMethod()) || path.name() != null) {
      return ApiResponses.failure(405, "MethodNotAllowed", path.plural() + " only support create");
    }
    ObjectNode review;
    try {
      review = Json.parseObject(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return ApiResponses.failure(400, "BadRequest", e.getMessage());
    }
    ObjectNode status = Json.object();
    switch (path.plural()) {
      case "subjectaccessreviews", "selfsubjectaccessreviews", "localsubjectaccessreviews" -> {
        status.put("allowed", true);
        status.put("reason", REASON);
      }
      case "selfsubjectrulesreviews" -> {
        ObjectNode rule = status.putArray("resourceRules").addObject();
        rule.putArray("verbs").add("*");
        rule.putArray("apiGroups").add("*");
        rule.putArray("resources").add("*");
        ObjectNode nonResource = status.putArray("nonResourceRules").addObject();
        nonResource.putArray("verbs").add("*");
        nonResource.putArray("nonResourceURLs").add("*");
        status.put("incomplete", false);
      }
      case "selfsubjectreviews" -> status.set("userInfo", userInfo());
      case "tokenreviews" -> {
        status.put("authenticated", true);
        status.set("user", userInfo());
        JsonNode audiences = review.path("spec").path("audiences");
        if (audiences.isArray()) {
          status.set("audiences", audiences.deepCopy());
        }
      }
      default -> {
        return ApiResponses.failure(404, "NotFound", "the server could not find the requested resource");
      }
    }
    String kind = path.plural().equals("selfsubjectreviews") ? "SelfSubjectReview" : kindOf(path.plural());
    review.put("apiVersion", path.group() + "/" + path.version());
    review.put("kind", kind);
    ObjectNode metadata = Json.child(review, "metadata");
    if (path.namespace() != null) {
      metadata.put("namespace", path.namespace());
    }
    Simulated.mark(metadata);
    review.set("status", status);
    return ApiResponses.json(201, review);
  }

  private static ObjectNode userInfo() {
    ObjectNode user = Json.object();
    user.put("username", USER);
    ArrayNode groups = user.putArray("groups");
    groups.add("system:masters");
    groups.add("system:authenticated");
    return user;
  }

  private static String kindOf(String plural) {
    return switch (plural) {
      case "subjectaccessreviews" -> "SubjectAccessReview";
      case "selfsubjectaccessreviews" -> "SelfSubjectAccessReview";
      case "localsubjectaccessreviews" -> "LocalSubjectAccessReview";
      case "selfsubjectrulesreviews" -> "SelfSubjectRulesReview";
      case "tokenreviews" -> "TokenReview";
      default -> plural;
    };
  }
}
