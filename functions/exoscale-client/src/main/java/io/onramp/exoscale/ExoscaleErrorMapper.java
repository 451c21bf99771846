package io.onramp.exoscale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.core.error.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns Exoscale failures into {@link io.onramp.core.error.OnrampException}s with messages for people.
 *
 * <ul>
 *   <li>Error text: {@code {"message"}}, else {@code {"error"}}, else RFC 9457 {@code detail} / {@code title},
 *       else the raw body (shortened).</li>
 *   <li>400, 413, 422: BAD_USER_INPUT. 401, 403: UNAVAILABLE naming {@code EXOSCALE_API_KEY} and
 *       {@code EXOSCALE_API_SECRET} (a platform setting is wrong; the caller cannot fix it). 404: NOT_FOUND.
 *       409: CONFLICT. A 4xx (but 429) whose text mentions a quota: QUOTA_EXCEEDED (a heuristic: Exoscale
 *       documents no quota error shape).</li>
 *   <li>429 (after retries): UNAVAILABLE, not QUOTA_EXCEEDED: the platform's shared API key is being throttled,
 *       which is transient and not a quota of the Onramp user; the message says to try again later.</li>
 *   <li>5xx (after retries): UNAVAILABLE; 501: INTERNAL (the client calls something Exoscale does not offer).
 *       Other 4xx: INTERNAL (a client bug). No answer at all: UNAVAILABLE naming the endpoint host.</li>
 * </ul>
 * Every message is scrubbed of the key, the secret and signature-like text (in case a server echoes them);
 * request headers are never used.
 */
public final class ExoscaleErrorMapper {

    static final String CREDENTIALS_HINT =
            "Exoscale rejected the API credentials: check " + ExoscaleCredentials.KEY_VARIABLE + " and "
                    + ExoscaleCredentials.SECRET_VARIABLE;
    private static final int MAX_DETAIL = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SIGNATURE = Pattern.compile("signature=[A-Za-z0-9+/=_-]*");
    private static final Pattern AUTHORIZATION = Pattern.compile("EXO2-HMAC-SHA256\\s+\\S+");

    private final ExoscaleCredentials credentials;

    public ExoscaleErrorMapper(ExoscaleCredentials credentials) {
        this.credentials = credentials;
    }

    /** The error for an HTTP error answer to {@code call} (e.g. {@code "GET /instance in zone ch-gva-2"}). */
    public ExoscaleApiException fromResponse(String call, int status, byte[] body, Duration retryAfter) {
        String detail = shorten(redact(extractFullMessage(body))); // redact before cutting: no partial secrets
        String where = "HTTP " + status + " on " + call;
        boolean retryable = RetryPolicy.retryableStatus(status);
        boolean unknownOutcome = status >= 500;
        ErrorCode code;
        String message;
        if (status >= 400 && status < 500 && status != 429 && detail.toLowerCase(Locale.ROOT).contains("quota")) {
            code = ErrorCode.QUOTA_EXCEEDED;
            message = "Exoscale quota exceeded (" + where + "): " + detail;
        } else if (status == 401 || status == 403) {
            code = ErrorCode.UNAVAILABLE;
            message = CREDENTIALS_HINT + " (" + where + ": " + detail + ")";
        } else if (status == 429) {
            code = ErrorCode.UNAVAILABLE;
            message = "Exoscale is rate limiting the platform's API requests (" + where + "); try again"
                    + (retryAfter != null ? " in " + retryAfter.toSeconds() + " s" : " later");
        } else if (status == 400 || status == 413 || status == 422) {
            code = ErrorCode.BAD_USER_INPUT;
            message = "Exoscale rejected the request as invalid (" + where + "): " + detail;
        } else if (status == 404) {
            code = ErrorCode.NOT_FOUND;
            message = "Not found on Exoscale (" + where + "): " + detail;
        } else if (status == 409) {
            code = ErrorCode.CONFLICT;
            message = "Exoscale refused the change because of a conflicting state (" + where + "): " + detail;
        } else if (status == 501) {
            code = ErrorCode.INTERNAL;
            message = "Exoscale does not implement this call (" + where + "): " + detail;
        } else if (status >= 500) {
            code = ErrorCode.UNAVAILABLE;
            message = "The Exoscale API is unavailable (" + where + "): " + detail;
        } else {
            code = ErrorCode.INTERNAL;
            message = "Unexpected answer from Exoscale (" + where + "): " + detail;
        }
        return new ExoscaleApiException(code, redact(message), status, retryable, unknownOutcome,
                retryAfter, null);
    }

    /** The error for a call that got no (complete) answer from {@code host}. */
    public ExoscaleApiException fromConnectionFailure(String call, String host, IOException failure) {
        boolean neverSent = failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException
                || failure.getCause() instanceof UnknownHostException || failure instanceof UnknownHostException;
        String reason;
        if (failure instanceof UnknownHostException || failure.getCause() instanceof UnknownHostException) {
            reason = "host not found";
        } else if (failure instanceof HttpConnectTimeoutException) {
            reason = "connection timed out";
        } else if (failure instanceof ConnectException) {
            reason = "connection refused";
        } else if (failure instanceof HttpTimeoutException) {
            reason = "no answer in time";
        } else {
            reason = "connection lost before a complete answer";
        }
        String message = "Could not reach the Exoscale API at " + host + " (" + call + "): " + reason;
        return new ExoscaleApiException(ErrorCode.UNAVAILABLE, redact(message), 0, true, !neverSent,
                null, failure);
    }

    /** The error for an operation that ended in {@code failure} or {@code timeout}. */
    public ExoscaleOperationException fromOperation(String zone, Operation op) {
        String reason = op.reason() == null ? "unknown" : op.reason();
        ErrorCode code = switch (reason) {
            case "conflict", "busy" -> ErrorCode.CONFLICT;
            case "incorrect", "unsupported" -> ErrorCode.BAD_USER_INPUT;
            case "not-found" -> ErrorCode.NOT_FOUND;
            default -> ErrorCode.UNAVAILABLE; // fault, forbidden, interrupted, partial, unavailable, unknown
        };
        String message = "Exoscale operation " + op.id() + describe(op) + " in zone " + zone + " ended in state "
                + op.stateName() + " (reason: " + reason + ")" + (op.message() == null ? "" : ": " + shorten(redact(op.message())));
        return new ExoscaleOperationException(code, redact(message), op);
    }

    /** The error for an operation still pending at the deadline. */
    public ExoscaleOperationException operationTimedOut(String zone, Operation op, Duration timeout) {
        String message = "Exoscale operation " + op.id() + describe(op) + " in zone " + zone
                + " did not finish within " + human(timeout) + "; it is not cancelled and may still complete";
        return new ExoscaleOperationException(ErrorCode.UNAVAILABLE, redact(message), op);
    }

    /** The error when polling an operation failed too many times in a row. */
    public ExoscaleOperationException pollingFailed(String zone, Operation op, int errors, RuntimeException last) {
        String message = "Gave up waiting for Exoscale operation " + op.id() + describe(op) + " in zone " + zone
                + " after " + errors + " consecutive errors; last: " + last.getMessage();
        return new ExoscaleOperationException(ErrorCode.UNAVAILABLE, redact(message), op);
    }

    /** Removes the key, the secret and anything that looks like a request signature from {@code text}. */
    String redact(String text) {
        String out = credentials.redact(text);
        out = SIGNATURE.matcher(out).replaceAll("signature=<redacted>");
        return AUTHORIZATION.matcher(out).replaceAll("EXO2-HMAC-SHA256 <redacted>");
    }

    private static String describe(Operation op) {
        return op.reference() != null && op.reference().link() != null ? " (" + op.reference().link() + ")" : "";
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
    }

    /** The error text of an Exoscale error body: message, error, detail, title, else the raw text. */
    public static String extractMessage(byte[] body) {
        return shorten(extractFullMessage(body));
    }

    private static String extractFullMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "no details";
        }
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode node = JSON.readTree(raw);
            if (node != null && node.isObject()) {
                for (String field : new String[] {"message", "error", "detail", "title"}) {
                    JsonNode v = node.get(field);
                    if (v != null && v.isTextual() && !v.asText().isBlank()) {
                        return v.asText();
                    }
                    if (v != null && v.isObject() && v.path("message").isTextual()) {
                        return v.path("message").asText();
                    }
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // raw text below
        }
        return raw.isEmpty() ? "no details" : raw;
    }

    private static String shorten(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}&&[^\\n]]", " ").replace('\n', ' ').strip();
        return clean.length() <= MAX_DETAIL ? clean : clean.substring(0, MAX_DETAIL) + "...";
    }
}
