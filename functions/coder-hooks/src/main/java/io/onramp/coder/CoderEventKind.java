package io.onramp.coder;

import java.util.Map;

/**
 * The Coder notifications Onramp acts on, recognised by Coder's well-known template ids (coderd/notifications/
 * events.go) or, when the id is zeroed or unknown, by the notification name.
 */
public enum CoderEventKind {
    CREATED("281fdf73-c6d6-4cbb-8ff5-888baf8a2fff", "Workspace Created"),
    DELETED("f517da0b-cdc9-410f-ab89-a86107c420ed", "Workspace Deleted"),
    DORMANT("0ea69165-ec14-4314-91f1-69566ac3c5a0", "Workspace Marked as Dormant"),
    MARKED_FOR_DELETION("51ce2fdf-c9ca-4be1-8d70-628674f9bc42", "Workspace Marked for Deletion"),
    OUT_OF_DISK("f047f6a3-5713-40f7-85aa-0394cce9fa3a", "Workspace Out Of Disk"),
    OUT_OF_MEMORY("a9d027b4-ac49-4fb1-9f6d-45af15f64e7a", "Workspace Out Of Memory"),
    OTHER(null, null);

    private static final Map<String, CoderEventKind> BY_ID = Map.of(
            CREATED.templateId, CREATED, DELETED.templateId, DELETED, DORMANT.templateId, DORMANT,
            MARKED_FOR_DELETION.templateId, MARKED_FOR_DELETION, OUT_OF_DISK.templateId, OUT_OF_DISK,
            OUT_OF_MEMORY.templateId, OUT_OF_MEMORY);

    private final String templateId;
    private final String notificationName;

    CoderEventKind(String templateId, String notificationName) {
        this.templateId = templateId;
        this.notificationName = notificationName;
    }

    public String templateId() {
        return templateId;
    }

    public static CoderEventKind of(String templateId, String notificationName) {
        CoderEventKind byId = templateId == null ? null : BY_ID.get(templateId.toLowerCase());
        if (byId != null) {
            return byId;
        }
        if (notificationName != null) {
            for (CoderEventKind kind : values()) {
                if (notificationName.equalsIgnoreCase(kind.notificationName)) {
                    return kind;
                }
            }
        }
        return OTHER;
    }

    /** Warnings the owner should see; no change to the workspace. */
    public boolean warning() {
        return this == MARKED_FOR_DELETION || this == OUT_OF_DISK || this == OUT_OF_MEMORY;
    }
}
