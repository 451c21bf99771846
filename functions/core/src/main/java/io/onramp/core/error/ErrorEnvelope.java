package io.onramp.core.error;

/** The wire shape of an error on plain HTTP routes: {@code {"code": "...", "message": "..."}}. */
public record ErrorEnvelope(String code, String message) {

    public static ErrorEnvelope of(OnrampException e) {
        return new ErrorEnvelope(e.code().name(), e.getMessage());
    }

    public OnrampException toException() {
        ErrorCode parsed;
        try {
            parsed = ErrorCode.valueOf(code);
        } catch (RuntimeException e) {
            parsed = ErrorCode.INTERNAL;
        }
        return new OnrampException(parsed, message == null ? "" : message);
    }
}
