package io.onramp.edge.http;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.edge.auth.EntryPoints;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the one error envelope. Plain HTTP routes get {@code {"code","message"}} with the code's status; the
 * GraphQL endpoint gets the GraphQL shape ({@code errors[].extensions.code}) for failures that happen before a
 * query runs (bad token, unreadable body).
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static void send(RoutingContext rc, OnrampException e) {
        send(rc, e.code(), e.getMessage());
    }

    public static void send(RoutingContext rc, ErrorCode code, String message) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        String body = EntryPoints.isGraphQL(rc.normalizedPath())
                ? graphQLBody(code, message)
                : envelope(code, message);
        rc.response()
                .setStatusCode(code.httpStatus())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body);
    }

    public static String envelope(ErrorCode code, String message) {
        return new JsonObject().put("code", code.name()).put("message", message).encode();
    }

    public static String graphQLBody(ErrorCode code, String message) {
        JsonObject error = new JsonObject()
                .put("message", message)
                .put("extensions", new JsonObject().put("code", code.name()));
        return new JsonObject().put("errors", new JsonArray().add(error)).putNull("data").encode();
    }
}
