package io.onramp.edge.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The failure handler of every route: whatever went wrong becomes the error envelope. Client-caused failures keep
 * their code and message; anything unexpected is logged here with its stack trace and reaches the client as a bare
 * INTERNAL error, never with a stack trace or a class name.
 */
@ApplicationScoped
public class ErrorEnvelopeHandler {

    private static final Logger LOG = Logger.getLogger(ErrorEnvelopeHandler.class);

    void install(@Observes Router router) {
        router.route().order(-1000).failureHandler(this::handle);
    }

    void handle(RoutingContext rc) {
        Throwable failure = rc.failure();
        OnrampException known = Failures.find(failure);
        if (known != null) {
            ErrorResponses.send(rc, known);
            return;
        }
        if (failure != null && !(failure instanceof io.vertx.ext.web.handler.HttpException)) {
            LOG.errorf(failure, "Unexpected failure on %s %s", rc.request().method(), rc.normalizedPath());
            ErrorResponses.send(rc, ErrorCode.INTERNAL, "Something went wrong on our side; it has been logged.");
            return;
        }
        int status = failure instanceof io.vertx.ext.web.handler.HttpException http ? http.getStatusCode() : rc.statusCode();
        ErrorResponses.send(rc, forStatus(status));
    }

    static OnrampException forStatus(int status) {
        return switch (status) {
            case 400 -> OnrampException.badInput("The request body could not be read: send a JSON object matching the function's input.");
            case 401 -> OnrampException.unauthenticated("Sign in first: send 'Authorization: Bearer <token>'.");
            case 403 -> OnrampException.forbidden("You are not allowed to do this.");
            case 404 -> OnrampException.notFound("There is no such route. Functions are called with POST /<function>.");
            case 405 -> OnrampException.badInput("This route does not support that HTTP method; use POST.");
            case 413 -> OnrampException.badInput("The request body is too large.");
            case 415 -> OnrampException.badInput("Send the body as application/json.");
            case 503 -> OnrampException.unavailable("The service is not available right now; try again shortly.");
            default -> status >= 400 && status < 500
                    ? OnrampException.badInput("The request was not accepted (HTTP " + status + ").")
                    : OnrampException.internal("Something went wrong on our side; it has been logged.");
        };
    }
}
