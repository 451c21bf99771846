package io.onramp.coder;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.Outcome;
import io.onramp.core.auth.Caller;
import io.onramp.core.auth.Role;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.event.WorkspaceEvents;
import io.onramp.core.workspace.DesiredState;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.Workspaces;
import io.onramp.pods.CreatePodWorkspaceInput;
import io.onramp.pods.PodWorkspaces;
import io.onramp.pods.blueprint.Ide;

/**
 * The hooks function: turns a Coder notification into what Onramp should do. Dormant pauses the workspace, Deleted
 * deletes it, Created ensures the developer's namespace, warnings become workspace events, anything else is ignored.
 * It acts only on workspaces it can identify (Coder workspace id in {@code targets}, or the owner in the labels) —
 * never on the notification's recipient — and handles each {@code msg_id} once.
 */
@ApplicationScoped
public class CoderHooks {

    private static final Logger LOG = Logger.getLogger(CoderHooks.class);
    /** Coder's notifications act with the narrow onramp-coder role: only Coder-linked workspaces. */
    static final Caller CODER = new Caller("coder-webhook", Set.of(Role.CODER));

    private final WorkspaceEngine engine;
    private final Workspaces workspaces;
    private final PodWorkspaces pods;
    private final WorkspaceEvents events;
    private final AuditLog audit;
    private final CoderEventPublisher publisher;

    public CoderHooks(WorkspaceEngine engine, Workspaces workspaces, PodWorkspaces pods, WorkspaceEvents events,
            AuditLog audit, CoderEventPublisher publisher) {
        this.publisher = publisher;
        this.engine = engine;
        this.workspaces = workspaces;
        this.pods = pods;
        this.events = events;
        this.audit = audit;
    }

    public HookOutcome receive(JsonNode body) {
        CoderNotification n = CoderNotification.parse(body);
        if (!events.firstDelivery(n.msgId())) {
            return new HookOutcome(n.msgId().toString(), n.kind().name(), "duplicate", null, true);
        }
        try {
            publisher.publish(n);
            HookOutcome outcome = act(n);
            events.outcome(n.msgId(), outcome.action());
            audit.record("coder", "coderWebhook", outcome.workspaceId() != null ? outcome.workspaceId() : n.workspaceName(),
                    Outcome.SUCCESS, n.kind() + " (" + n.notificationName() + "): " + outcome.action());
            return outcome;
        } catch (OnrampException e) {
            if (e.code() == ErrorCode.UNAVAILABLE) {
                events.forgetDelivery(n.msgId()); // let Coder's retry try again
                throw e;
            }
            events.outcome(n.msgId(), "failed: " + e.code());
            audit.record("coder", "coderWebhook", n.workspaceName(), Outcome.FAILED, n.kind() + ": " + e.getMessage());
            return new HookOutcome(n.msgId().toString(), n.kind().name(), "failed: " + e.getMessage(), null, false);
        }
    }

    private HookOutcome act(CoderNotification n) {
        String msg = n.msgId().toString();
        Workspace target = identify(n);
        return switch (n.kind()) {
            case DORMANT -> target == null ? recorded(n, null)
                    : done(msg, n, "paused", workspaces.pause(CODER, target.id().toString()));
            case DELETED -> target == null ? recorded(n, null)
                    : done(msg, n, "deleted", workspaces.delete(CODER, target.id().toString()));
            case CREATED -> created(n);
            case MARKED_FOR_DELETION, OUT_OF_DISK, OUT_OF_MEMORY -> recorded(n, target);
            case OTHER -> new HookOutcome(msg, n.kind().name(), "ignored", null, false);
        };
    }

    private HookOutcome created(CoderNotification n) {
        String coderId = n.coderWorkspaceId();
        if (n.owner() == null || coderId == null) {
            return recorded(n, null);
        }
        CreatePodWorkspaceInput input = new CreatePodWorkspaceInput();
        input.owner = n.owner();
        input.ide = Ide.NONE;
        input.coderWorkspaceId = coderId;
        Workspace w = pods.create(CODER, input).workspace();
        return done(n.msgId().toString(), n, "namespace ensured", w);
    }

    private HookOutcome done(String msg, CoderNotification n, String action, Workspace w) {
        events.record("coder", n.kind().name(), w.id(), w.owner(), n.title());
        return new HookOutcome(msg, n.kind().name(), action, w.id().toString(), false);
    }

    /** Records the event (against the workspace when known) and changes nothing. */
    private HookOutcome recorded(CoderNotification n, Workspace target) {
        events.record("coder", n.kind().name(), target == null ? null : target.id(),
                target == null ? n.owner() : target.owner(),
                n.title() == null ? n.notificationName() : n.title());
        return new HookOutcome(n.msgId().toString(), n.kind().name(), target == null ? "recorded (workspace unknown)"
                : "recorded", target == null ? null : target.id().toString(), false);
    }

    /** The live Onramp workspace the notification is about, or null when it cannot be told for sure. */
    Workspace identify(CoderNotification n) {
        String coderId = n.coderWorkspaceId();
        if (coderId != null) {
            List<Workspace> linked = engine.byCoderWorkspace(coderId).stream()
                    .filter(w -> w.desiredState() != DesiredState.DELETED).toList();
            if (linked.size() == 1) {
                return linked.get(0);
            }
        }
        if (n.owner() != null) {
            List<Workspace> linked = engine.liveOf(n.owner()).stream()
                    .filter(w -> w.coderWorkspaceId() != null).toList();
            if (linked.size() == 1) {
                return linked.get(0);
            }
        }
        LOG.debugf("Coder notification %s: no single Onramp workspace matches", n.msgId());
        return null;
    }

}
