package io.onramp.core.auth;

import java.util.Optional;

/** The roles Onramp understands, as they appear in the token's {@code groups} claim. */
public enum Role {
    /** Acts for anyone. */
    ADMIN("onramp-admin"),
    /** Acts on its own workspaces only. */
    DEVELOPER("onramp-developer"),
    /** Coder's build hooks: only workspaces linked to a Coder workspace id. */
    CODER("onramp-coder");

    private final String group;

    Role(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    public static Optional<Role> fromGroup(String group) {
        for (Role role : values()) {
            if (role.group.equals(group)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
