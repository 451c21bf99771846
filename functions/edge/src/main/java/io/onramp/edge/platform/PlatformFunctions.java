package io.onramp.edge.platform;

import io.quarkus.funqy.Funq;

/**
 * The platform operations as Funqy functions ({@code POST /about}, {@code /me}, {@code /auditLog}); the same service
 * and the same checks as the GraphQL operations.
 */
public class PlatformFunctions {

    private final PlatformService platform;

    public PlatformFunctions(PlatformService platform) {
        this.platform = platform;
    }

    @Funq
    public About about() {
        return platform.about();
    }

    @Funq
    public Me me() {
        return platform.me();
    }

    @Funq
    public AuditLogPage auditLog(AuditLogRequest request) {
        return platform.auditLog(request);
    }
}
