package io.onramp.edge.platform;

import java.util.Optional;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.Outcome;
import io.onramp.core.error.OnrampException;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.schedule.DutyScheduler;
import io.onramp.edge.auth.Callers;
import io.onramp.edge.auth.Guard;
import io.onramp.edge.service.ServiceIdentity;
import io.quarkus.funqy.Funq;

/**
 * {@code POST /runDuty} with {@code {"name": "pods.jobs"}} (or {@code ?name=pods.jobs}): runs one duty of this process now. What the cluster's
 * PingSources call (a PingSource delivers its {@code data} as the JSON body), what the split gateway calls to wake a
 * function, and what an admin may call by hand. Service identities and admins only; a duty this process does not
 * serve is NOT_FOUND.
 */
public class DutyFunctions {

    /** {@code {"name": "<duty>"}} */
    public static class DutyRequest {
        public String name;
    }

    private final DutyScheduler scheduler;
    private final Callers callers;
    private final Guard guard;
    private final AuditLog audit;

    public DutyFunctions(DutyScheduler scheduler, Callers callers, Guard guard, AuditLog audit) {
        this.scheduler = scheduler;
        this.callers = callers;
        this.guard = guard;
        this.audit = audit;
    }

    @Funq
    public DutyReport runDuty(DutyRequest request) {
        Optional<ServiceIdentity> service = callers.service().filter(s -> !callers.current().authenticated());
        String actor = service.isPresent() ? service.get().subject() : guard.admin("runDuty").username();
        // A PingSource sends {"name": ...}; a Trigger cannot rewrite the event it delivers, so it names the duty in
        // the subscriber URI (/runDuty?name=pods.jobs), which wins over whatever the event's own data holds.
        String name = callers.queryParam("name").map(String::trim)
                .orElse(request == null || request.name == null ? "" : request.name.trim());
        if (name.isEmpty()) {
            throw OnrampException.badInput("Send {\"name\": \"<duty>\"}, e.g. {\"name\": \"pods.jobs\"}.");
        }
        DutyReport report;
        try {
            report = scheduler.run(name);
        } catch (OnrampException e) {
            audit.record(actor, "runDuty", clip(name), Outcome.FAILED, e.getMessage());
            throw e;
        }
        // A PingSource calls every minute: its runs are audited when they did something, an admin's always.
        if (service.isEmpty() || report.acted() > 0) {
            audit.record(actor, "runDuty", name, Outcome.SUCCESS,
                    "examined " + report.examined() + ", acted on " + report.acted());
        }
        return report;
    }

    private static String clip(String value) {
        String v = value.codePoints().anyMatch(Character::isISOControl) ? "(invalid)" : value;
        return v.length() > 80 ? v.substring(0, 80) : v;
    }
}
