package io.onramp.core.audit;

import java.time.Instant;

/** One row of the audit log. */
public record AuditEntry(long id, Instant at, String actor, String operation, String target, Outcome outcome,
        String detail) {
}
