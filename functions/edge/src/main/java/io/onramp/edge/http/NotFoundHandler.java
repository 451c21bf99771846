package io.onramp.edge.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.onramp.core.error.OnrampException;
import io.vertx.ext.web.Router;

/** Requests no route took end with the NOT_FOUND envelope instead of an HTML page. */
@ApplicationScoped
public class NotFoundHandler {

    void install(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE - 100).handler(rc -> ErrorResponses.send(rc,
                OnrampException.notFound("There is no such route. Functions are called with POST /<function>; GraphQL is at /graphql.")));
    }
}
