package io.onramp.core.event;

import java.time.Instant;
import java.util.UUID;

/** Something that happened to a workspace that its owner should see, e.g. a Coder warning. */
public record WorkspaceEvent(long id, Instant at, String source, String kind, UUID workspaceId, String owner,
        String message) {
}
