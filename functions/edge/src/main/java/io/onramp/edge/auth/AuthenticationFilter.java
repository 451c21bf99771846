package io.onramp.edge.auth;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditedAccess;
import io.onramp.core.auth.AccessPolicy;
import io.onramp.core.auth.Caller;
import io.onramp.core.deploy.DeploymentConfig;
import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.edge.http.ErrorResponses;
import io.onramp.edge.service.ServiceCalls;
import io.onramp.edge.service.ServiceIdentity;
import io.onramp.edge.service.ServiceTokenRejected;
import io.onramp.edge.service.ServiceTokens;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Authentication for every entry point, before any route runs.
 *
 * <p>A process that serves the gateway ({@code onramp.deployment.serve} includes {@code gateway}): a presented token
 * must verify, or the request ends with UNAUTHENTICATED. Without a token a request is anonymous: that is allowed on
 * {@code /graphql} (each operation decides; only {@code about} answers anonymously) and on the {@code about}
 * function, and refused on every other function route. {@code runDuty} also accepts a service identity (a PingSource
 * running one of the gateway's duties).
 *
 * <p>A function service (the gateway not served here) accepts only service identities ({@link ServiceTokens}):
 * {@code Authorization} must carry a valid service token of an allowed subject, and the end user's own token, which
 * the gateway forwards in {@link ServiceCalls#CALLER_TOKEN}, is verified like any user token and becomes the caller,
 * so every operation runs the same checks as in the all-in-one process. GraphQL is not served there.
 *
 * <p>A workspace token (onramp-check's credential) is accepted only on the workspace routes
 * ({@link EntryPoints#isWorkspaceRoute}); elsewhere it is refused with FORBIDDEN, audited. A function service takes
 * the gateway's word for it: the gateway admitted the forwarded token on a workspace route.
 *
 * <p>{@code /q/*} (health, metrics, GraphiQL) is open everywhere; webhook receivers check their own credentials.
 */
@ApplicationScoped
public class AuthenticationFilter {

    /** Runs before Quarkus' own handlers (body handler included): the request is paused while we verify. */
    static final int ORDER = -1000;

    private final CallerResolver resolver;
    private final ServiceTokens services;
    private final DeploymentConfig deployment;
    private final AuditLog audit;

    public AuthenticationFilter(CallerResolver resolver, ServiceTokens services, DeploymentConfig deployment,
            AuditLog audit) {
        this.resolver = resolver;
        this.services = services;
        this.deployment = deployment;
        this.audit = audit;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::authenticate);
    }

    /** Who called: the person, and the service that relayed the call (null when a person called directly). */
    record Identity(Caller caller, ServiceIdentity service) {
    }

    void authenticate(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (EntryPoints.isOpenInfrastructure(path) || EntryPoints.isSeparatelyAuthenticated(path)) {
            rc.next();
            return;
        }
        if (!deployment.serves(FunctionGroup.GATEWAY)) {
            authenticateServiceCall(rc, path);
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
        if (EntryPoints.isDutyRoute(path) && services.verifiable()) {
            verifyThen(rc, () -> userOrService(header, path));
        } else {
            verifyThen(rc, () -> new Identity(admit(resolver.resolve(header), path), null));
        }
    }

    /** On a function service: a service identity, and the forwarded user (anonymous when none was forwarded). */
    private void authenticateServiceCall(RoutingContext rc, String path) {
        if (EntryPoints.isGraphQL(path)) {
            ErrorResponses.send(rc, OnrampException.notFound(
                    "GraphQL is served by the gateway (onramp-gateway), not by this function service."));
            return;
        }
        String serviceToken = ServiceCalls.bearer(rc.request().getHeader("Authorization"));
        String callerToken = rc.request().getHeader(ServiceCalls.CALLER_TOKEN);
        verifyThen(rc, () -> {
            ServiceIdentity service = services.verify(serviceToken);
            Caller caller = callerToken == null ? Caller.ANONYMOUS : resolver.resolve("Bearer " + callerToken);
            return new Identity(caller, service);
        });
    }

    /** On the gateway's runDuty: a service token of an allowed subject, else a user token as everywhere. */
    private Identity userOrService(String header, String path) {
        try {
            return new Identity(Caller.ANONYMOUS, services.verify(ServiceCalls.bearer(header)));
        } catch (ServiceTokenRejected e) {
            if (e.code() == ErrorCode.FORBIDDEN) {
                throw e;
            }
            return new Identity(admit(resolver.resolve(header), path), null);
        }
    }

    private void verifyThen(RoutingContext rc, Callable<Identity> verification) {
        rc.request().pause();
        rc.vertx().<Identity> executeBlocking(verification, false).onComplete(result -> {
            rc.request().resume();
            if (result.succeeded()) {
                rc.put(Callers.KEY, result.result().caller());
                if (result.result().service() != null) {
                    rc.put(Callers.SERVICE_KEY, result.result().service());
                }
                rc.next();
            } else if (result.cause() instanceof ServiceTokenRejected e) {
                rc.response().putHeader(ServiceCalls.REFUSED, "service");
                ErrorResponses.send(rc, e);
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
