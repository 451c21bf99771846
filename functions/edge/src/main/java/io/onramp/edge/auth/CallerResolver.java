package io.onramp.edge.auth;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.onramp.core.auth.Caller;
import io.onramp.core.auth.Role;
import io.onramp.core.auth.WorkspaceTokens;
import io.onramp.core.error.OnrampException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Turns an {@code Authorization} header into a {@link Caller}: the bearer JWT is verified against the configured
 * public key or JWKS, with issuer, audience and expiry checked (SmallRye JWT). Roles come from {@code groups}; the
 * username from {@code preferred_username}, falling back to {@code sub}. A workspace token
 * ({@link WorkspaceTokens#PREFIX}) is looked up instead and stands for its workspace's owner, limited to that
 * workspace ({@link Caller#workspaceScoped()}).
 */
@ApplicationScoped
public class CallerResolver {

    private static final Logger LOG = Logger.getLogger(CallerResolver.class);
    private static final String BEARER = "bearer ";

    private final JWTParser parser;
    private final WorkspaceTokens workspaceTokens;

    public CallerResolver(JWTParser parser, WorkspaceTokens workspaceTokens) {
        this.parser = parser;
        this.workspaceTokens = workspaceTokens;
    }

    /** {@link Caller#ANONYMOUS} without a header; a verified caller; or UNAUTHENTICATED for anything else. */
    public Caller resolve(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Caller.ANONYMOUS;
        }
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw OnrampException.unauthenticated("Use 'Authorization: Bearer <token>'.");
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (WorkspaceTokens.isWorkspaceToken(token)) {
            return workspaceTokens.authenticate(token).orElseThrow(() -> OnrampException.unauthenticated(
                    "This workspace token is not valid (any more): its workspace was deleted or recreated. "
                            + "Run onramp-check in a terminal of your current workspace."));
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            // The reason (expired, wrong issuer, bad signature) goes to the log only, never the token itself.
            LOG.debugf("Rejected a bearer token: %s", rootMessage(e));
            throw OnrampException.unauthenticated(
                    "The bearer token is not valid here (expired, wrong issuer or audience, or bad signature).");
        } catch (RuntimeException e) {
            LOG.warnf("Could not verify a bearer token: %s", rootMessage(e));
            throw OnrampException.unauthenticated("The bearer token could not be verified.");
        }
        String username = firstNonBlank(jwt.getClaim("preferred_username"), jwt.getSubject());
        if (username == null) {
            throw OnrampException.unauthenticated("The token names no user (neither preferred_username nor sub).");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : jwt.getGroups()) {
            Role.fromGroup(group).ifPresent(roles::add);
        }
        return new Caller(username, roles);
    }

    private static String firstNonBlank(Object first, String second) {
        if (first instanceof String s && !s.isBlank()) {
            return s;
        }
        if (first instanceof jakarta.json.JsonString js && !js.getString().isBlank()) {
            return js.getString();
        }
        return second == null || second.isBlank() ? null : second;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
