package io.onramp.exoscale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An asynchronous API operation: every change answers one. {@code reference.id} is the resource created or changed.
 *
 * @param reason  on failure: {@code busy, conflict, fault, forbidden, incorrect, interrupted, not-found, partial,
 *                unavailable, unknown, unsupported}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Operation(String id, State state, String reason, String message, Reference reference) {

    public enum State {
        PENDING, SUCCESS, FAILURE, TIMEOUT, UNKNOWN;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static State of(String value) {
            if (value == null) {
                return UNKNOWN;
            }
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return UNKNOWN;
            }
        }
    }

    /** The resource an operation is about. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reference(String id, String link, String command) {
    }

    public Operation {
        state = state == null ? State.UNKNOWN : state;
    }

    /** The id of the resource the operation created or changed, or null. */
    public String referenceId() {
        return reference == null ? null : reference.id();
    }

    public boolean isPending() {
        return state == State.PENDING;
    }

    public boolean isSuccess() {
        return state == State.SUCCESS;
    }

    String stateName() {
        return state.value();
    }
}
