package io.onramp.core.audit;

import java.time.Instant;

import io.onramp.core.error.OnrampException;
import io.onramp.core.page.PageRequest;

/** Filters for reading the audit log; every filter is optional. Newest entries come first. */
public record AuditQuery(String actor, String target, Instant from, Instant to, PageRequest page) {

    public AuditQuery {
        if (from != null && to != null && from.isAfter(to)) {
            throw OnrampException.badInput("'from' must not be after 'to'.");
        }
    }
}
