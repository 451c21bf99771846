package io.onramp.core.workspace;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What one converge step of a driver achieved: the state observed now, whether the desired state is reached, when to
 * look again if not, and facts learnt on the way (URL, instance id, public IP).
 */
public record Convergence(WorkspaceState observed, boolean done, Duration recheckAfter, String reason,
        Map<String, String> facts) {

    public static final String URL = "url";
    public static final String INSTANCE_ID = "instanceId";
    public static final String PUBLIC_IP = "publicIp";

    public Convergence {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    /** The desired state is reached. */
    public static Convergence reached(WorkspaceState state) {
        return new Convergence(state, true, null, null, Map.of());
    }

    /** Work was done or is under way; call again after the given delay. */
    public static Convergence inProgress(WorkspaceState state, Duration recheckAfter, String reason) {
        return new Convergence(state, false, recheckAfter, reason, Map.of());
    }

    public Convergence with(String fact, String value) {
        Map<String, String> copy = new HashMap<>(facts);
        if (value != null) {
            copy.put(fact, value);
        }
        return new Convergence(observed, done, recheckAfter, reason, copy);
    }
}
