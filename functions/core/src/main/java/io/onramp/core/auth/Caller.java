package io.onramp.core.auth;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling: the username from the verified token ({@code preferred_username}, else {@code sub}) and the
 * Onramp roles from its {@code groups} claim. {@link #ANONYMOUS} stands for a request without credentials.
 */
public record Caller(String username, Set<Role> roles) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of());

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    public boolean authenticated() {
        return username != null;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** The name written to the audit log. */
    public String auditName() {
        return authenticated() ? username : "anonymous";
    }
}
