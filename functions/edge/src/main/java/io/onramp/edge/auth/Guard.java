package io.onramp.edge.auth;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditedAccess;
import io.onramp.core.auth.AccessPolicy;
import io.onramp.core.auth.Caller;

/**
 * Applies {@link AccessPolicy} for the current caller and writes every refusal to the audit log, so that attempts to
 * reach other people's workspaces leave a trace.
 */
@ApplicationScoped
public class Guard {

    private final Callers callers;
    private final AuditLog audit;

    public Guard(Callers callers, AuditLog audit) {
        this.callers = callers;
        this.audit = audit;
    }

    public Caller caller() {
        return callers.current();
    }

    public Caller member(String operation) {
        return check(operation, null, () -> AccessPolicy.requireMember(caller()));
    }

    public Caller admin(String operation) {
        return check(operation, null, () -> AccessPolicy.requireAdmin(caller()));
    }

    public Caller actingFor(String operation, String owner) {
        return check(operation, owner, () -> AccessPolicy.requireActingFor(caller(), owner));
    }

    private Caller check(String operation, String target, Supplier<Caller> rule) {
        return AuditedAccess.check(audit, caller(), operation, target, rule);
    }
}
