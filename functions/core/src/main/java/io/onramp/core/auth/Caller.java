package io.onramp.core.auth;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the username from the verified token ({@code preferred_username}, else {@code sub}) and the
 * Onramp roles from its {@code groups} claim. {@link #ANONYMOUS} stands for a request without credentials.
 * <p>
 * A caller with a {@code workspace} holds a workspace token ({@link WorkspaceTokens}): it acts for the workspace's
 * owner, has no role, and {@link AccessPolicy} lets it check that one workspace's tasks and nothing else.
 */
public record Caller(String username, Set<Role> roles, UUID workspace) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of());

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
        if (workspace != null && !roles.isEmpty()) {
            throw new IllegalArgumentException("a workspace token carries no role");
        }
    }

    public Caller(String username, Set<Role> roles) {
        this(username, roles, null);
    }

    /** The holder of a workspace token: the owner of {@code workspace}, limited to it. */
    public static Caller ofWorkspace(String owner, UUID workspace) {
        return new Caller(owner, Set.of(), java.util.Objects.requireNonNull(workspace, "workspace"));
    }

    public boolean authenticated() {
        return username != null;
    }

    /** True for a workspace token: it may only check the tasks of {@link #workspace()}. */
    public boolean workspaceScoped() {
        return workspace != null;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** The name written to the audit log: a workspace token is named by its workspace, never by its value. */
    public String auditName() {
        if (workspaceScoped()) {
            return "workspace:" + workspace;
        }
        return authenticated() ? username : "anonymous";
    }
}
