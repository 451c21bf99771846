package io.onramp.edge.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.auth.Caller;
import io.onramp.edge.service.ServiceCalls;
import io.onramp.edge.service.ServiceIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The caller of the current HTTP request, as the {@link AuthenticationFilter} established it. GraphQL resolvers and
 * Funqy functions both ask here, so both see exactly the same identity. On a function service the request also
 * carries the service identity that made the call (the gateway or the scheduler).
 */
@ApplicationScoped
public class Callers {

    static final String KEY = "onramp.caller";
    static final String SERVICE_KEY = "onramp.service";

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

    /** The verified service identity that made this call, when a service (not a person) called. */
    public Optional<ServiceIdentity> service() {
        RoutingContext rc = request.getCurrent();
        return rc == null ? Optional.empty() : Optional.ofNullable(rc.get(SERVICE_KEY));
    }

    /** The raw Authorization header of the request. */
    public String authorizationHeader() {
        RoutingContext rc = request.getCurrent();
        return rc == null ? null : rc.request().getHeader("Authorization");
    }

    /**
     * The end user's own bearer token, forwarded when this process calls a function over HTTP: the Authorization
     * bearer of a user's request, or the forwarded caller token of a service call.
     */
    public String callerToken() {
        RoutingContext rc = request.getCurrent();
        if (rc == null) {
            return null;
        }
        if (rc.get(SERVICE_KEY) != null) {
            return rc.request().getHeader(ServiceCalls.CALLER_TOKEN);
        }
        return ServiceCalls.bearer(rc.request().getHeader("Authorization"));
    }

    /** A query parameter of the current request (e.g. {@code /runDuty?name=pods.jobs} from a Knative Trigger). */
    public Optional<String> queryParam(String name) {
        RoutingContext rc = request.getCurrent();
        return rc == null ? Optional.empty() : Optional.ofNullable(rc.request().getParam(name));
    }
}
