package io.onramp.edge.platform;

import java.util.List;

/** One page of the audit log, newest first. */
public record AuditLogPage(@org.eclipse.microprofile.graphql.NonNull List<@org.eclipse.microprofile.graphql.NonNull AuditEntryView> nodes,
        @org.eclipse.microprofile.graphql.NonNull PageInfo pageInfo) {
}
