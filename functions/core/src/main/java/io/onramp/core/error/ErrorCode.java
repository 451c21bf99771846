package io.onramp.core.error;

/**
 * The one fixed set of error codes a client can see, on GraphQL ({@code errors[].extensions.code}) and on plain HTTP
 * routes (JSON body {@code {code, message}} with the matching status).
 */
public enum ErrorCode {
    BAD_USER_INPUT(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    QUOTA_EXCEEDED(429),
    UNAVAILABLE(503),
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code a plain HTTP status maps back to, used when a function is called over HTTP. */
    public static ErrorCode fromHttpStatus(int status) {
        for (ErrorCode code : values()) {
            if (code.httpStatus == status) {
                return code;
            }
        }
        if (status >= 400 && status < 500) {
            return BAD_USER_INPUT;
        }
        return status == 502 || status == 504 ? UNAVAILABLE : INTERNAL;
    }
}
