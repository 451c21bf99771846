package io.onramp.edge.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditedAccess;
import io.onramp.core.auth.AccessPolicy;
import io.onramp.core.auth.Caller;
import io.onramp.core.error.OnrampException;
import io.onramp.edge.http.ErrorResponses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Authentication for every entry point, before any route runs. A presented token must verify, or the request ends
 * with UNAUTHENTICATED. Without a token a request is anonymous: that is allowed on {@code /graphql} (each operation
 * decides; only {@code about} answers anonymously) and on the {@code about} function, and refused on every other
 * function route. {@code /q/*} (health, metrics, GraphiQL) is open. A workspace token (onramp-check's credential)
 * is accepted only on the workspace routes ({@link EntryPoints#isWorkspaceRoute}); elsewhere it is refused with
 * FORBIDDEN, audited.
 */
@ApplicationScoped
public class AuthenticationFilter {

    /** Runs before Quarkus' own handlers (body handler included): the request is paused while we verify. */
    static final int ORDER = -1000;

    private final CallerResolver resolver;
    private final AuditLog audit;

    public AuthenticationFilter(CallerResolver resolver, AuditLog audit) {
        this.resolver = resolver;
        this.audit = audit;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::authenticate);
    }

    void authenticate(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (EntryPoints.isOpenInfrastructure(path) || EntryPoints.isSeparatelyAuthenticated(path)) {
            rc.next();
            return;
        }
        String header = rc.request().getHeader("Authorization");
        if (header == null) {
            if (EntryPoints.allowsAnonymous(path)) {
                rc.put(Callers.KEY, Caller.ANONYMOUS);
                rc.next();
            } else {
                ErrorResponses.send(rc, OnrampException.unauthenticated("Sign in first: send 'Authorization: Bearer <token>'."));
            }
            return;
        }
        rc.request().pause();
        rc.vertx().<Caller> executeBlocking(() -> admit(resolver.resolve(header), path), false).onComplete(result -> {
            rc.request().resume();
            if (result.succeeded()) {
                rc.put(Callers.KEY, result.result());
                rc.next();
            } else if (result.cause() instanceof OnrampException e) {
                ErrorResponses.send(rc, e);
            } else {
                ErrorResponses.send(rc, OnrampException.internal("Authentication failed unexpectedly."));
            }
        });
    }

    /**
     * A workspace token is accepted only by the workspace routes ({@code onramp-check}); anywhere else it is refused
     * here, before any route runs, and the refusal is audited like every other.
     */
    private Caller admit(Caller caller, String path) {
        if (caller.workspaceScoped() && !EntryPoints.isWorkspaceRoute(path)) {
            return AuditedAccess.check(audit, caller, path, caller.workspace().toString(), () -> {
                throw OnrampException.forbidden(AccessPolicy.WORKSPACE_TOKEN_ONLY_CHECKS);
            });
        }
        return caller;
    }
}
