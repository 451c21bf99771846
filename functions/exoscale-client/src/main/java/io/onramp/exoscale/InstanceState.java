package io.onramp.exoscale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** {@code instance-state} of the API; {@link #UNKNOWN} stands for values this client does not know yet. */
public enum InstanceState {
    STARTING, RUNNING, STOPPING, STOPPED, MIGRATING, ERROR, DESTROYING, DESTROYED, EXPUNGING, UNKNOWN;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static InstanceState of(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** States that end by themselves: wait them out. */
    public boolean isTransitional() {
        return this == STARTING || this == STOPPING || this == MIGRATING;
    }

    /** States of an instance on its way out. */
    public boolean isGoingAway() {
        return this == DESTROYING || this == DESTROYED || this == EXPUNGING;
    }
}
