package io.onramp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * {@code serviceaccounts/<name>/token}: issues a JWT-shaped token that is not signed and grants nothing (the sandbox
 * checks no tokens). Lets code that requests service account tokens run unchanged.
 */
final class ServiceAccountTokens {

  private final CrudStore store;

  ServiceAccountTokens(CrudStore store) {
    this.store = store;
  }

  MockResponse handle(RecordedRequest request, ResourcePath path) {
    if (!"POST".equals(request.getMethod())) {
      return ApiResponses.failure(405, "MethodNotAllowed", "serviceaccounts/token supports create only");
    }
    if (store.get(path.objectPath()).isEmpty()) {
      return ApiResponses.notFound(path.plural(), path.name());
    }
    ObjectNode tokenRequest;
    try {
      tokenRequest = Json.parseObject(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return ApiResponses.failure(400, "BadRequest", e.getMessage());
    }
    ObjectNode spec = Json.child(tokenRequest, "spec");
    long seconds = spec.path("expirationSeconds").asLong(3600);
    spec.put("expirationSeconds", seconds);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant expiry = now.plusSeconds(seconds);

    ObjectNode claims = Json.object();
    claims.put("iss", "https://onramp-sandbox.local");
    claims.put("sub", "system:serviceaccount:" + path.namespace() + ":" + path.name());
    JsonNode audiences = spec.path("audiences");
    if (audiences.isArray()) {
      claims.set("aud", audiences.deepCopy());
    }
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", expiry.getEpochSecond());
    claims.put("onramp.io/simulated", true);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String token = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));

    tokenRequest.put("apiVersion", "authentication.k8s.io/v1");
    tokenRequest.put("kind", "TokenRequest");
    ObjectNode metadata = Json.child(tokenRequest, "metadata");
    metadata.put("name", path.name());
    metadata.put("namespace", path.namespace());
    metadata.put("creationTimestamp", now.toString());
    Simulated.mark(metadata);
    ObjectNode status = tokenRequest.putObject("status");
    status.put("token", token);
    status.put("expirationTimestamp", expiry.toString());
    return ApiResponses.json(201, tokenRequest);
  }
}
