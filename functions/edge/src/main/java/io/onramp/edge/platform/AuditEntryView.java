package io.onramp.edge.platform;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.core.audit.AuditEntry;
import io.onramp.core.audit.Outcome;

/** An audit log entry as clients see it. */
@Name("AuditEntry")
@Description("Who did what to which target, when, and how it ended.")
public record AuditEntryView(@NonNull @Id String id, @NonNull Instant at, @NonNull String actor, @NonNull String operation,
        String target, @NonNull Outcome outcome, String detail) {

    static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(Long.toString(e.id()), e.at(), e.actor(), e.operation(), e.target(), e.outcome(),
                e.detail());
    }
}
