package io.onramp.core.netpol;

import java.util.List;

/**
 * The decision of one side of a connection: egress of the source or ingress of the destination.
 *
 * @param isolatedBy the policies ({@code ns/name}) that select the pod for this direction
 * @param allowedBy the rules that match the connection (all of them, not just the first)
 * @param note why the direction is not governed by rules, for {@link Outcome#NOT_A_POD}, {@link Outcome#ALWAYS_ALLOWED}
 *        and hostNetwork pods; otherwise empty
 */
public record DirectionVerdict(Direction direction, Outcome outcome, List<String> isolatedBy, List<RuleRef> allowedBy,
        String note) {

    public enum Outcome {
        /** This side is not a pod (external or node), NetworkPolicy does not govern it. */
        NOT_A_POD,
        /** No policy selects the pod for this direction: everything is allowed. */
        NOT_ISOLATED,
        /** Allowed whatever the policies say (loopback, the pod's own node). */
        ALWAYS_ALLOWED,
        /** Isolated and at least one rule matches. */
        ALLOWED,
        /** Isolated and no rule matches. */
        DENIED
    }

    public DirectionVerdict {
        isolatedBy = List.copyOf(isolatedBy);
        allowedBy = List.copyOf(allowedBy);
        note = note == null ? "" : note;
    }

    public boolean allowed() {
        return outcome != Outcome.DENIED;
    }

    /** e.g. {@code ingress: allowed by y/allow-x ingress[0]} or {@code egress: denied (isolated by x/deny-all; no rule matches)}. */
    public String explain() {
        String side = direction.policyType().toLowerCase(java.util.Locale.ROOT) + ": ";
        return side + switch (outcome) {
            case NOT_A_POD -> "not governed (" + note + ")";
            case NOT_ISOLATED -> "not isolated" + (note.isEmpty() ? "" : " (" + note + ")");
            case ALWAYS_ALLOWED -> "always allowed (" + note + ")";
            case ALLOWED -> "allowed by " + String.join(", ", allowedBy.stream().map(RuleRef::toString).toList());
            case DENIED -> "denied (isolated by " + String.join(", ", isolatedBy) + "; no rule matches)";
        };
    }
}
