package io.onramp.edge.split;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.edge.service.ServiceCalls;

/**
 * Calls one function service's Funqy routes ({@code POST <url>/<function>} with the function's JSON input) as the
 * gateway: {@code Authorization} carries the gateway's service token, {@link ServiceCalls#CALLER_TOKEN} the end user's
 * own token. The function's error envelope comes back as the same {@link OnrampException}, so a caller sees the same
 * code and message as in the all-in-one process; an unreachable function is UNAVAILABLE, with neither URL nor token
 * in the message.
 */
public final class FunctionClient {

    private static final Logger LOG = Logger.getLogger(FunctionClient.class);

    private final FunctionGroup group;
    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Supplier<String> serviceToken;
    private final Duration timeout;

    public FunctionClient(FunctionGroup group, URI base, HttpClient http, ObjectMapper json, Supplier<String> serviceToken,
            Duration timeout) {
        this.group = group;
        this.base = base;
        this.http = http;
        this.json = json;
        this.serviceToken = serviceToken;
        this.timeout = timeout;
    }

    public FunctionGroup group() {
        return group;
    }

    /** Calls {@code function} with {@code input} on behalf of the user whose token is {@code callerToken} (null: anonymous). */
    public <T> T call(String function, Object input, String callerToken, JavaType type) {
        HttpRequest request = request(function, input, callerToken);
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            LOG.warnf("The %s function (%s) did not answer %s within %s", name(), base, function, timeout);
            throw unreachable();
        } catch (IOException e) {
            LOG.warnf("Could not call %s on the %s function (%s): %s", function, name(), base, e.getClass().getSimpleName());
            throw unreachable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable();
        }
        return read(function, response, type);
    }

    /** Fire and forget, as this service alone (no user): wakes the function to run a duty. */
    public CompletableFuture<Integer> send(String function, Object input) {
        return http.sendAsync(request(function, input, null), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    private HttpRequest request(String function, Object input, String callerToken) {
        String body;
        try {
            body = input == null ? "{}" : json.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw OnrampException.internal("Something went wrong on our side; it has been logged.");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + "/" + function))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + serviceToken.get())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (callerToken != null && !callerToken.isBlank()) {
            builder.header(ServiceCalls.CALLER_TOKEN, callerToken);
        }
        return builder.build();
    }

    private <T> T read(String function, HttpResponse<String> response, JavaType type) {
        int status = response.statusCode();
        String body = response.body();
        if (status >= 200 && status < 300) {
            if (status == 204 || body == null || body.isBlank()) {
                return null;
            }
            try {
                // a newer function may answer fields this gateway does not know yet
                return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
            } catch (JsonProcessingException e) {
                LOG.errorf("The %s function answered %s with a body that is not a %s: %s", name(), function,
                        type.getRawClass().getSimpleName(), e.getOriginalMessage());
                throw OnrampException.internal("Something went wrong on our side; it has been logged.");
            }
        }
        OnrampException envelope = envelope(body);
        if (response.headers().firstValue(ServiceCalls.REFUSED).isPresent()) {
            LOG.errorf("The %s function refused this gateway's service identity (%s): %s", name(),
                    envelope == null ? "HTTP " + status : envelope.code(), envelope == null ? "" : envelope.getMessage());
            throw OnrampException.unavailable("The " + name() + " function refused Onramp's own service identity; an "
                    + "administrator must check the onramp.services settings.");
        }
        if (envelope != null) {
            return throwing(envelope);
        }
        ErrorCode code = ErrorCode.fromHttpStatus(status);
        LOG.warnf("The %s function answered %s with HTTP %d and no error envelope", name(), function, status);
        if (code == ErrorCode.UNAVAILABLE || status >= 500) {
            throw unreachable();
        }
        throw new OnrampException(code, "The " + name() + " function refused the request (HTTP " + status + ").");
    }

    private static <T> T throwing(OnrampException e) {
        throw e;
    }

    /** The function's {@code {"code", "message"}}, or null when the body is not one (a proxy's page, say). */
    private OnrampException envelope(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.path("code").isTextual() || !node.path("message").isTextual()) {
                return null;
            }
            ErrorCode code = ErrorCode.valueOf(node.get("code").asText());
            return new OnrampException(code, node.get("message").asText());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private OnrampException unreachable() {
        return OnrampException.unavailable("The " + name() + " function is not reachable right now; try again shortly.");
    }

    private String name() {
        return group.name().toLowerCase(java.util.Locale.ROOT);
    }
}
