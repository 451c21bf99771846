package io.onramp.core.workspace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditedAccess;
import io.onramp.core.audit.Outcome;
import io.onramp.core.auth.AccessPolicy;
import io.onramp.core.auth.Caller;
import io.onramp.core.error.OnrampException;

/**
 * Onboards a cohort: one workspace per owner, each created independently, so one bad name does not stop the others.
 * Safe to repeat: owners who already have a workspace get it back.
 */
@ApplicationScoped
public class Onboarding {

    public static final int MAX_COHORT = 500;

    private final Map<WorkspaceKind, WorkspaceCreator> creators = new ConcurrentHashMap<>();
    private final AuditLog audit;

    public Onboarding(Instance<WorkspaceCreator> found, AuditLog audit) {
        for (WorkspaceCreator creator : found) {
            creators.put(creator.kind(), creator);
        }
        this.audit = audit;
    }

    public List<OnboardingResult> onboard(Caller caller, List<String> owners, WorkspaceKind kind, String lab) {
        AuditedAccess.check(audit, caller, "onboard", null, () -> AccessPolicy.requireAdmin(caller));
        if (owners == null || owners.isEmpty()) {
            throw OnrampException.badInput("Name at least one owner to onboard.");
        }
        if (owners.size() > MAX_COHORT) {
            throw OnrampException.badInput("Onboard at most " + MAX_COHORT + " developers per call.");
        }
        WorkspaceKind effective = kind == null ? WorkspaceKind.POD : kind;
        WorkspaceCreator creator = creators.get(effective);
        if (creator == null) {
            throw OnrampException.unavailable(effective + " workspaces are not served by this process.");
        }
        List<OnboardingResult> results = new ArrayList<>();
        int ok = 0;
        for (String owner : new LinkedHashSet<>(owners)) {
            try {
                CreateResult created = creator.createDefault(caller, owner, lab);
                results.add(new OnboardingResult(owner, created.workspace(), created.created(), null, null));
                ok++;
            } catch (OnrampException e) {
                results.add(new OnboardingResult(owner, null, false, e.code().name(), e.getMessage()));
            }
        }
        audit.record(caller, "onboard", effective.name(), Outcome.SUCCESS,
                ok + " of " + results.size() + " owners have a workspace");
        return results;
    }
}
