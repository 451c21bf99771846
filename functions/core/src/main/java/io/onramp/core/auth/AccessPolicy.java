package io.onramp.core.auth;

import io.onramp.core.error.OnrampException;

/**
 * The one place that decides who may do what. Every entry point (GraphQL, function routes, hooks) asks it, so the
 * rules cannot drift apart.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /** Any authenticated caller with at least one Onramp role. */
    public static Caller requireMember(Caller caller) {
        requireAuthenticated(caller);
        if (caller.roles().isEmpty()) {
            throw OnrampException.forbidden("Your account has no Onramp role; ask an administrator for onramp-developer.");
        }
        return caller;
    }

    public static Caller requireAuthenticated(Caller caller) {
        if (caller == null || !caller.authenticated()) {
            throw OnrampException.unauthenticated("Sign in first: send 'Authorization: Bearer <token>'.");
        }
        return caller;
    }

    public static Caller requireAdmin(Caller caller) {
        requireAuthenticated(caller);
        if (!caller.isAdmin()) {
            throw OnrampException.forbidden("This operation needs the onramp-admin role.");
        }
        return caller;
    }

    /** Admins act for anyone; developers only for themselves. */
    public static Caller requireActingFor(Caller caller, String owner) {
        requireMember(caller);
        if (caller.isAdmin()) {
            return caller;
        }
        if (caller.has(Role.DEVELOPER) && caller.username().equals(owner)) {
            return caller;
        }
        throw OnrampException.forbidden("You may act only on your own workspaces.");
    }

    /**
     * Acting on one workspace: admins on any, developers on their own, Coder's build hooks ({@code onramp-coder}) on
     * workspaces linked to a Coder workspace.
     */
    public static Caller requireActingOn(Caller caller, String owner, String coderWorkspaceId) {
        requireMember(caller);
        if (caller.isAdmin()) {
            return caller;
        }
        if (caller.has(Role.DEVELOPER) && caller.username().equals(owner)) {
            return caller;
        }
        if (caller.has(Role.CODER) && coderWorkspaceId != null && !coderWorkspaceId.isBlank()) {
            return caller;
        }
        throw OnrampException.forbidden(caller.has(Role.CODER)
                ? "The onramp-coder role acts only on workspaces linked to a Coder workspace."
                : "You may act only on your own workspaces.");
    }

    /** The owner a developer may list or create for: themselves unless they are an admin. */
    public static String effectiveOwner(Caller caller, String requestedOwner) {
        requireMember(caller);
        if (requestedOwner == null || requestedOwner.isBlank()) {
            return caller.isAdmin() ? null : caller.username();
        }
        requireActingFor(caller, requestedOwner);
        return requestedOwner;
    }
}
