package io.onramp.core.auth;

import io.onramp.core.error.OnrampException;

/**
 * The one place that decides who may do what. Every entry point (GraphQL, function routes, hooks) asks it, so the
 * rules cannot drift apart.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /** What a workspace token is refused everywhere but {@link #requireChecking}. */
    public static final String WORKSPACE_TOKEN_ONLY_CHECKS = "A workspace token only checks the tasks of its own "
            + "workspace (onramp-check); sign in with your own token for anything else.";

    /** Any authenticated caller with at least one Onramp role; never a workspace token. */
    public static Caller requireMember(Caller caller) {
        requireAuthenticated(caller);
        refuseWorkspaceToken(caller);
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
        refuseWorkspaceToken(caller);
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

    /**
     * Checking a task of a workspace (and reading its owner's progress there): a workspace token only in its own
     * workspace; everyone else as {@link #requireActingOn} decides (admins any, developers their own, Coder's hooks
     * Coder-linked workspaces).
     */
    public static Caller requireChecking(Caller caller, java.util.UUID workspace, String owner,
            String coderWorkspaceId) {
        requireAuthenticated(caller);
        if (caller.workspaceScoped()) {
            if (caller.workspace().equals(workspace) && caller.username().equals(owner)) {
                return caller;
            }
            throw OnrampException.forbidden("This workspace token belongs to another workspace; run onramp-check in "
                    + "the workspace you want to check.");
        }
        return requireActingOn(caller, owner, coderWorkspaceId);
    }

    private static void refuseWorkspaceToken(Caller caller) {
        if (caller.workspaceScoped()) {
            throw OnrampException.forbidden(WORKSPACE_TOKEN_ONLY_CHECKS);
        }
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
