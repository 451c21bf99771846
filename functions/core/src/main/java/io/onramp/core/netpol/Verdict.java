package io.onramp.core.netpol;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether {@code from} may open a connection to {@code to} on {@code probe}: egress of the source AND ingress of the
 * destination. Replies of an allowed connection are implicitly allowed and not evaluated.
 */
public record Verdict(Endpoint from, Endpoint to, Probe probe, boolean allowed, DirectionVerdict egress,
        DirectionVerdict ingress) {

    /** The rules that allowed the connection on either side (empty when sides are not isolated). */
    public List<RuleRef> decidingRules() {
        List<RuleRef> rules = new ArrayList<>(egress.allowedBy());
        rules.addAll(ingress.allowedBy());
        return rules;
    }

    /** e.g. {@code denied: egress: not isolated; ingress: denied (isolated by y/deny-all; no rule matches)}. */
    public String reason() {
        return (allowed ? "allowed: " : "denied: ") + egress.explain() + "; " + ingress.explain();
    }

    @Override
    public String toString() {
        return from + " -> " + to + " " + probe + " " + reason();
    }
}
