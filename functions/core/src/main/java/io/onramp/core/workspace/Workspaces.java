package io.onramp.core.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditedAccess;
import io.onramp.core.audit.Outcome;
import io.onramp.core.auth.AccessPolicy;
import io.onramp.core.auth.Caller;
import io.onramp.core.error.OnrampException;
import io.onramp.core.page.Page;
import io.onramp.core.page.PageRequest;

/**
 * The workspace operations as every entry point offers them (GraphQL, function routes, Coder hooks): who may do what
 * is decided here by {@link AccessPolicy}, and every mutation, refusal and password reveal is audited.
 */
@ApplicationScoped
public class Workspaces {

    private final WorkspaceEngine engine;
    private final AuditLog audit;

    public Workspaces(WorkspaceEngine engine, AuditLog audit) {
        this.engine = engine;
        this.audit = audit;
    }

    public CreateResult create(Caller caller, NewWorkspace request, String idempotencyKey, String fingerprint) {
        String operation = "create" + (request.kind() == WorkspaceKind.POD ? "Pod" : "Vm") + "Workspace";
        audited(caller, operation, request.owner(),
                () -> AccessPolicy.requireActingOn(caller, request.owner(), request.coderWorkspaceId()));
        try {
            CreateResult result = engine.create(request, caller.username(), idempotencyKey, fingerprint);
            audit.record(caller, operation, result.workspace().id().toString(), Outcome.SUCCESS,
                    (result.created() ? "created for " : "existing, for ") + request.owner());
            return result;
        } catch (OnrampException e) {
            audit.record(caller, operation, request.owner(), Outcome.FAILED, e.getMessage());
            throw e;
        }
    }

    public Workspace get(Caller caller, String id) {
        Workspace w = engine.get(parse(id));
        audited(caller, "workspace", w.id().toString(),
                () -> AccessPolicy.requireActingOn(caller, w.owner(), w.coderWorkspaceId()));
        return w;
    }

    /**
     * The workspace whose tasks the caller wants to check (or whose owner's progress to read there): as
     * {@link #get}, and also for the holder of that workspace's own workspace token
     * ({@link AccessPolicy#requireChecking}). Refusals are audited as {@code operation}.
     */
    public Workspace forTaskCheck(Caller caller, String id, String operation) {
        AccessPolicy.requireAuthenticated(caller);
        Workspace w = engine.get(parse(id));
        audited(caller, operation, w.id().toString(),
                () -> AccessPolicy.requireChecking(caller, w.id(), w.owner(), w.coderWorkspaceId()));
        return w;
    }

    public Workspace pause(Caller caller, String id) {
        return mutate(caller, "pauseWorkspace", id, engine::pause);
    }

    public Workspace resume(Caller caller, String id) {
        return mutate(caller, "resumeWorkspace", id, engine::resume);
    }

    public Workspace delete(Caller caller, String id) {
        return mutate(caller, "deleteWorkspace", id, engine::delete);
    }

    public Page<Workspace> list(Caller caller, String owner, WorkspaceState state, WorkspaceKind kind, Integer first,
            String after) {
        String effective = audited(caller, "workspaces", owner, () -> {
            AccessPolicy.requireMember(caller);
            return AccessPolicy.effectiveOwner(caller, owner);
        });
        return engine.list(new WorkspaceFilter(effective, state, kind, state == WorkspaceState.DELETED,
                PageRequest.of(first, after)));
    }

    public String revealAccessPassword(Caller caller, String id) {
        Workspace w = engine.get(parse(id));
        audited(caller, "revealAccessPassword", w.id().toString(),
                () -> AccessPolicy.requireActingOn(caller, w.owner(), null));
        if (w.state() == WorkspaceState.DELETED || w.desiredState() == DesiredState.DELETED) {
            throw OnrampException.notFound("Workspace " + id + " is deleted; it has no password any more.");
        }
        String password = engine.accessPassword(w).orElseThrow(() -> OnrampException.notFound(
                "Workspace " + id + " has no IDE password (yet): it has no Onramp-run IDE or is still provisioning."));
        audit.record(caller, "revealAccessPassword", w.id().toString(), Outcome.SUCCESS, null);
        return password;
    }

    /**
     * The kind of a workspace, to route a call to the function that owns it; empty for an unknown or malformed id.
     * Nothing reaches the caller from here: the operation itself checks access (in whichever process runs it).
     */
    public Optional<WorkspaceKind> kindOf(String id) {
        UUID uuid;
        try {
            uuid = parse(id);
        } catch (OnrampException e) {
            return Optional.empty();
        }
        return engine.find(uuid).map(Workspace::kind);
    }

    /** Deletes every live workspace of a developer (admins). */
    public List<Workspace> offboard(Caller caller, String owner) {
        audited(caller, "offboard", owner, () -> AccessPolicy.requireAdmin(caller));
        if (owner == null || owner.isBlank()) {
            throw OnrampException.badInput("Name the developer to offboard.");
        }
        List<Workspace> deleted = new ArrayList<>();
        for (Workspace w : engine.liveOf(owner)) {
            deleted.add(engine.delete(w.id()));
        }
        audit.record(caller, "offboard", owner, Outcome.SUCCESS, deleted.size() + " workspace(s) deleted");
        return deleted;
    }

    public void requireAdmin(Caller caller, String operation) {
        audited(caller, operation, null, () -> AccessPolicy.requireAdmin(caller));
    }

    private Workspace mutate(Caller caller, String operation, String id, java.util.function.Function<UUID, Workspace> change) {
        UUID uuid = parse(id);
        Workspace w = engine.get(uuid);
        audited(caller, operation, id, () -> AccessPolicy.requireActingOn(caller, w.owner(), w.coderWorkspaceId()));
        try {
            Workspace result = change.apply(uuid);
            audit.record(caller, operation, id, Outcome.SUCCESS, "now " + result.state());
            return result;
        } catch (OnrampException e) {
            audit.record(caller, operation, id, Outcome.FAILED, e.getMessage());
            throw e;
        }
    }

    private <T> T audited(Caller caller, String operation, String target, Supplier<T> check) {
        return AuditedAccess.check(audit, caller, operation, target, check);
    }

    static UUID parse(String id) {
        if (id == null || id.isBlank()) {
            throw OnrampException.badInput("Give the workspace id.");
        }
        try {
            return UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            throw OnrampException.notFound("No workspace with id '" + (id.length() > 64 ? id.substring(0, 64) : id) + "'.");
        }
    }
}
