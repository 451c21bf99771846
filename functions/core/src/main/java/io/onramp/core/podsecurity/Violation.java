package io.onramp.core.podsecurity;

import java.util.Objects;

/**
 * One Pod Security Standards finding.
 *
 * @param check the PSA check ID, e.g. {@code allowPrivilegeEscalation} (see {@link PodSecurityCheck#id()})
 * @param path field path relative to the pod spec, e.g. {@code containers[web].securityContext.allowPrivilegeEscalation};
 *        annotations are reported as {@code metadata.annotations[key]}
 * @param message what to change, e.g. {@code containers[web].securityContext.allowPrivilegeEscalation must be false}
 */
public record Violation(String check, String path, String message) {

    public Violation {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return check + ": " + message;
    }
}
