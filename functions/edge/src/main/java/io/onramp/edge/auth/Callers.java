package io.onramp.edge.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.auth.Caller;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The caller of the current HTTP request, as the {@link AuthenticationFilter} established it. GraphQL resolvers and
 * Funqy functions both ask here, so both see exactly the same identity.
 */
@ApplicationScoped
public class Callers {

    static final String KEY = "onramp.caller";

    private final CurrentVertxRequest request;

    public Callers(CurrentVertxRequest request) {
        this.request = request;
    }

    public Caller current() {
        return of(request.getCurrent());
    }

    /** The caller of a request, for plain Vert.x routes (where no CDI request context is active). */
    public static Caller of(RoutingContext rc) {
        if (rc == null) {
            return Caller.ANONYMOUS;
        }
        Caller caller = rc.get(KEY);
        return caller == null ? Caller.ANONYMOUS : caller;
    }

    /** The raw Authorization header, forwarded when the gateway calls a function over HTTP. */
    public String authorizationHeader() {
        RoutingContext rc = request.getCurrent();
        return rc == null ? null : rc.request().getHeader("Authorization");
    }
}
