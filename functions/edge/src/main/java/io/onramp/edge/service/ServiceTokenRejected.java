package io.onramp.edge.service;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;

/** A service token that was refused, with the reason (for logs and tests; the client sees only the code and message). */
public final class ServiceTokenRejected extends OnrampException {

    /** Why a service token was refused. */
    public enum Reason {
        MISSING, MALFORMED, SIGNATURE, ISSUER, AUDIENCE, EXPIRED, SUBJECT_NOT_ALLOWED
    }

    private final Reason reason;

    ServiceTokenRejected(Reason reason, ErrorCode code, String message) {
        super(code, message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
