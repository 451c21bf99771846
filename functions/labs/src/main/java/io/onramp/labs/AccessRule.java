package io.onramp.labs;

import java.util.Objects;

/**
 * An {@code access} assertion: may {@code system:serviceaccount:<ns>:<serviceAccount>} do {@code verb} on
 * {@code group/resource[/subresource]} (named {@code resourceName}) in the namespace? {@code group} is {@code ""} for
 * the core group; {@code subresource} and {@code resourceName} may be null.
 */
public record AccessRule(String serviceAccount, String verb, String resource, String subresource, String group,
        String resourceName, boolean allowed) {

    public AccessRule {
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(resource, "resource");
        group = group == null ? "" : group;
    }

    /** {@code resource} or {@code resource/subresource}. */
    public String fullResource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    @Override
    public String toString() {
        return serviceAccount + (allowed ? " may " : " may not ") + verb + " "
                + (group.isEmpty() ? "" : group + "/") + fullResource()
                + (resourceName == null ? "" : " " + resourceName);
    }
}
