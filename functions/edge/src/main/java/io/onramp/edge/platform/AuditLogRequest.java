package io.onramp.edge.platform;

import java.time.Instant;

/** Input of the {@code auditLog} function; every field is optional. */
public class AuditLogRequest {
    public String actor;
    public String target;
    public Instant from;
    public Instant to;
    public Integer first;
    public String after;
}
