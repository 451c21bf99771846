package io.onramp.exoscale;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;

/** An asynchronous Exoscale operation that ended in {@code failure} or {@code timeout}, or was not waited out. */
public class ExoscaleOperationException extends OnrampException {

    private final transient Operation operation;

    public ExoscaleOperationException(ErrorCode code, String message, Operation operation) {
        super(code, message);
        this.operation = operation;
    }

    /** The operation as last seen. */
    public Operation operation() {
        return operation;
    }
}
