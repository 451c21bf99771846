package io.onramp.edge.platform;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditQuery;
import io.onramp.core.auth.Caller;
import io.onramp.core.config.OnrampConfig;
import io.onramp.core.page.Page;
import io.onramp.core.page.PageRequest;
import io.onramp.edge.auth.Guard;

/** The operations every Onramp process offers: who am I, what is this, and (for admins) the audit log. */
@ApplicationScoped
public class PlatformService {

    private final Guard guard;
    private final AuditLog audit;
    private final OnrampConfig config;
    private final String version;

    public PlatformService(Guard guard, AuditLog audit, OnrampConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.guard = guard;
        this.audit = audit;
        this.config = config;
        this.version = version;
    }

    public About about() {
        String kubernetes = config.kubernetes().sandbox()
                ? "SANDBOX"
                : config.kubernetes().apiServer().orElse("https://kubernetes.default.svc");
        return new About(version, config.mode(), kubernetes,
                config.exoscale().configured() ? About.ExoscaleStatus.CONFIGURED : About.ExoscaleStatus.NOT_CONFIGURED,
                config.kubernetes().sandbox() ? About.SANDBOX_SIMULATION : java.util.List.of());
    }

    public Me me() {
        Caller caller = guard.member("me");
        return new Me(caller.username(), new ArrayList<>(caller.roles()));
    }

    public AuditLogPage auditLog(AuditLogRequest request) {
        guard.admin("auditLog");
        AuditLogRequest r = request == null ? new AuditLogRequest() : request;
        Page<io.onramp.core.audit.AuditEntry> page = audit.find(
                new AuditQuery(r.actor, r.target, r.from, r.to, PageRequest.of(r.first, r.after)));
        List<AuditEntryView> nodes = page.items().stream().map(AuditEntryView::of).toList();
        return new AuditLogPage(nodes, new PageInfo(page.endCursor(), page.hasNextPage()));
    }
}
