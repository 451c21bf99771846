package io.onramp.gateway.graphql;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.onramp.edge.platform.About;
import io.onramp.edge.platform.AuditLogPage;
import io.onramp.edge.platform.AuditLogRequest;
import io.onramp.edge.platform.Me;
import io.onramp.edge.platform.PlatformService;

/** Who am I, what is this Onramp, and the audit log. */
@GraphQLApi
public class PlatformApi {

    private final PlatformService platform;

    public PlatformApi(PlatformService platform) {
        this.platform = platform;
    }

    @Query
    @NonNull
    @Description("What this Onramp is and what it is connected to. Open to anyone.")
    public About about() {
        return platform.about();
    }

    @Query
    @NonNull
    @Description("The authenticated caller.")
    public Me me() {
        return platform.me();
    }

    @Query
    @NonNull
    @Description("The audit log, newest first (admins only). Every filter is optional; 'first' defaults to 50.")
    public AuditLogPage auditLog(String actor, String target, Instant from, Instant to, Integer first, String after) {
        AuditLogRequest request = new AuditLogRequest();
        request.actor = actor;
        request.target = target;
        request.from = from;
        request.to = to;
        request.first = first;
        request.after = after;
        return platform.auditLog(request);
    }
}
