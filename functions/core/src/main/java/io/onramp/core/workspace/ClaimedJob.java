package io.onramp.core.workspace;

import java.util.UUID;

/** A converge job this process holds a lease on. {@code version} tells whether the request changed meanwhile. */
public record ClaimedJob(UUID workspaceId, long version, int attempts) {
}
