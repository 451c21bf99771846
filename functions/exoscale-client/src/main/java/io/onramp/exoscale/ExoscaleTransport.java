package io.onramp.exoscale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.core.error.OnrampException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Sends signed requests with the retry rules of {@link RetryPolicy}: a fresh signature per attempt (so the 10-minute
 * expiry never lapses during long back-offs), the body serialized once and sent as signed.
 */
final class ExoscaleTransport {

    /** Which failures a request may be repeated after. */
    enum Retry {
        /** Never: exactly one attempt ({@code POST /instance}). */
        NEVER,
        /** Only when the request surely had no effect: 429 and connections that could not be opened. */
        SAFE,
        /** Also 5xx (but 501), dropped connections and timeouts: for reads and idempotent changes. */
        IDEMPOTENT
    }

    private static final System.Logger LOG = System.getLogger("io.onramp.exoscale");

    private final HttpClient http;
    private final ExoscaleEndpoint endpoint;
    private final RequestSigner signer;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration requestTimeout;
    private final ExoscaleErrorMapper errors;
    private final ObjectMapper json;

    ExoscaleTransport(HttpClient http, ExoscaleEndpoint endpoint, RequestSigner signer, RetryPolicy policy,
            Sleeper sleeper, Clock clock, Duration requestTimeout, ExoscaleErrorMapper errors, ObjectMapper json) {
        this.http = http;
        this.endpoint = endpoint;
        this.signer = signer;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.errors = errors;
        this.json = json;
    }

    ExoscaleEndpoint endpoint() {
        return endpoint;
    }

    JsonNode get(String zone, String path, Map<String, String> query) {
        return call(zone, "GET", path, query, null, Retry.IDEMPOTENT);
    }

    /** Sends a request and parses the JSON answer; throws {@link ExoscaleApiException} when it fails. */
    JsonNode call(String zone, String method, String path, Map<String, String> query, byte[] body, Retry retry) {
        byte[] answer = send(zone, method, path, query, body, retry);
        try {
            return answer.length == 0 ? json.createObjectNode() : json.readTree(answer);
        } catch (IOException e) {
            throw OnrampException.unavailable("Exoscale answered " + method + " " + path + " in zone " + zone
                    + " with something that is not JSON");
        }
    }

    byte[] send(String zone, String method, String path, Map<String, String> query, byte[] body, Retry retry) {
        URI uri = endpoint.uri(zone, path, query);
        String call = method + " " + path + " in zone " + zone;
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Accept", "application/json")
                    .header("Authorization", signer.authorization(method, uri, body));
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            ExoscaleApiException failure;
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response.body() == null ? new byte[0] : response.body();
                }
                failure = errors.fromResponse(call, status, response.body(), retryAfter(response));
            } catch (IOException e) {
                failure = errors.fromConnectionFailure(call, endpoint.host(zone), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw OnrampException.unavailable("Interrupted while calling Exoscale (" + call + ")");
            }
            boolean retryable = switch (retry) {
                case NEVER -> false;
                case SAFE -> failure.isTransient() && !failure.outcomeUnknown();
                case IDEMPOTENT -> failure.isTransient();
            };
            if (!retryable || attempt >= policy.maxRetries()) {
                throw failure;
            }
            Optional<Duration> wait = policy.delay(attempt, failure.retryAfter().orElse(null));
            if (wait.isEmpty()) {
                throw failure;
            }
            LOG.log(System.Logger.Level.DEBUG, "Exoscale {0} failed ({1}); retry {2}/{3} in {4} ms", call,
                    failure.httpStatus() == 0 ? "no answer" : "HTTP " + failure.httpStatus(), attempt + 1,
                    policy.maxRetries(), wait.get().toMillis());
            sleep(wait.get());
        }
    }

    void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OnrampException.unavailable("Interrupted while waiting for Exoscale");
        }
    }

    /** {@code Retry-After} in seconds or as HTTP date; for 429 also {@code retry_after} of the body. */
    private Duration retryAfter(HttpResponse<byte[]> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isPresent()) {
            String v = header.get().strip();
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(clock.instant(), at.toInstant());
                    return d.isNegative() ? Duration.ZERO : d;
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
        if (response.statusCode() == 429 && response.body() != null) {
            try {
                JsonNode body = json.readTree(response.body());
                if (body != null && body.path("retry_after").canConvertToLong()) {
                    return Duration.ofSeconds(Math.max(0, body.path("retry_after").asLong()));
                }
            } catch (IOException | RuntimeException ignored) {
                // no usable hint
            }
        }
        return null;
    }
}
