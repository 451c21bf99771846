package io.onramp.vms;

import java.util.Objects;
import java.util.UUID;

/**
 * Everything one VM's user-data is rendered from. {@code owner} and {@code lab} may be anything here: the renderer
 * quotes every value ({@link CloudInit}); {@code hashedPassword} is the Argon2id PHC string, never the password.
 */
record BootSettings(
        UUID workspaceId,
        String owner,
        String lab,
        String labFilesUrl,
        String user,
        String hashedPassword,
        VmsConfig config) {

    BootSettings {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(hashedPassword, "hashedPassword");
        Objects.requireNonNull(config, "config");
        owner = owner == null ? "" : owner;
        lab = lab == null ? "" : lab;
        user = user == null || user.isBlank() ? "ubuntu" : user;
    }

    @Override
    public String toString() {
        return "BootSettings[workspace=" + workspaceId + ", lab=" + lab + ", user=" + user + "]";
    }
}
