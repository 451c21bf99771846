package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.mockwebserver.http.MockResponse;

/** HTTP responses in the shape the Kubernetes API server gives them. */
final class ApiResponses {

  static final String JSON = "application/json";

  private ApiResponses() {
  }

  static MockResponse json(int code, Object body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", JSON)
        .setBody(Json.write(body));
  }

  static MockResponse text(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "text/plain; charset=utf-8")
        .setBody(body);
  }

  /** A {@code Status} failure, e.g. {@code failure(404, "NotFound", "pods \"x\" not found")}. */
  static MockResponse failure(int code, String reason, String message) {
    Status status = new StatusBuilder()
        .withStatus("Failure")
        .withCode(code)
        .withReason(reason)
        .withMessage(message)
        .withNewMetadata().endMetadata()
        .build();
    return json(code, status);
  }

  static MockResponse success(int code, String message) {
    Status status = new StatusBuilder()
        .withStatus("Success")
        .withCode(code)
        .withMessage(message)
        .withNewMetadata().endMetadata()
        .build();
    return json(code, status);
  }

  static MockResponse notFound(String plural, String name) {
    return failure(404, "NotFound", plural + " \"" + name + "\" not found");
  }

  /** Adds {@code Content-Type: application/json} to a JSON response of the CRUD store, which sets none. */
  static MockResponse withJsonContentType(MockResponse response) {
    if (response != null && response.getWebSocketListener() == null && response.getBody() != null
        && response.getBody().size() > 0 && response.header("Content-Type") == null) {
      response.setHeader("Content-Type", JSON);
    }
    return response;
  }
}
