package io.onramp.exoscale;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failed call to the Exoscale API, after retries. Besides the {@link ErrorCode} it tells whether the request may
 * have taken effect anyway ({@link #outcomeUnknown()}: 5xx, dropped connection, timeout) and whether trying again
 * later makes sense ({@link #isTransient()}). Its message names the call and never carries credentials.
 */
public class ExoscaleApiException extends OnrampException {

    private final int httpStatus;
    private final boolean transientFailure;
    private final boolean outcomeUnknown;
    private final transient Duration retryAfter;

    public ExoscaleApiException(ErrorCode code, String message, int httpStatus, boolean transientFailure,
            boolean outcomeUnknown, Duration retryAfter, Throwable cause) {
        super(code, message, cause);
        this.httpStatus = httpStatus;
        this.transientFailure = transientFailure;
        this.outcomeUnknown = outcomeUnknown;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status Exoscale answered, or 0 when no answer arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the same request may succeed later (429, 5xx but 501, connection problems). */
    public boolean isTransient() {
        return transientFailure;
    }

    /** Whether the request may have been carried out although it failed (5xx, dropped connection, timeout). */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** The server's {@code Retry-After}, if any. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
