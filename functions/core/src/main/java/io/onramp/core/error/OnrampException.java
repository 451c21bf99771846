package io.onramp.core.error;

/**
 * An error a client caused or must know about. Its message is shown to the caller as is, so it must be written
 * for a person and must never carry secrets, stack traces or class names.
 */
public class OnrampException extends RuntimeException {

    private final ErrorCode code;

    public OnrampException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public OnrampException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static OnrampException badInput(String message) {
        return new OnrampException(ErrorCode.BAD_USER_INPUT, message);
    }

    public static OnrampException unauthenticated(String message) {
        return new OnrampException(ErrorCode.UNAUTHENTICATED, message);
    }

    public static OnrampException forbidden(String message) {
        return new OnrampException(ErrorCode.FORBIDDEN, message);
    }

    public static OnrampException notFound(String message) {
        return new OnrampException(ErrorCode.NOT_FOUND, message);
    }

    public static OnrampException conflict(String message) {
        return new OnrampException(ErrorCode.CONFLICT, message);
    }

    public static OnrampException quotaExceeded(String message) {
        return new OnrampException(ErrorCode.QUOTA_EXCEEDED, message);
    }

    public static OnrampException unavailable(String message) {
        return new OnrampException(ErrorCode.UNAVAILABLE, message);
    }

    public static OnrampException internal(String message) {
        return new OnrampException(ErrorCode.INTERNAL, message);
    }
}
