package io.onramp.coder;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.onramp.core.error.OnrampException;

/**
 * In cluster mode, republishes each accepted Coder notification as a CloudEvent (binary content mode, type
 * {@code io.onramp.coder.<kind>}) to the Knative Broker, where Triggers route it to the functions that act on it.
 * Off when {@code onramp.coder.broker-url} is not set (all-in-one mode dispatches in-process). With
 * {@code onramp.coder.broker-token-file} the file's token is sent as a bearer token (Knative's sender identity).
 */
@ApplicationScoped
public class CoderEventPublisher {

    public static final String SOURCE = "/onramp/hooks/coder";

    private final Optional<URI> broker;
    private final Optional<Path> tokenFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    public CoderEventPublisher(CoderConfig config) {
        this(config.brokerUrl().map(URI::create), config.brokerTokenFile().filter(f -> !f.isBlank()).map(Path::of));
    }

    CoderEventPublisher(Optional<URI> broker) {
        this(broker, Optional.empty());
    }

    CoderEventPublisher(Optional<URI> broker, Optional<Path> tokenFile) {
        this.broker = broker;
        this.tokenFile = tokenFile;
    }

    public boolean enabled() {
        return broker.isPresent();
    }

    public static String type(CoderEventKind kind) {
        return "io.onramp.coder." + kind.name().toLowerCase().replace('_', '-');
    }

    /** The current token (re-read each time: the kubelet rotates projected tokens); never logged. */
    private static String token(Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw OnrampException.unavailable("The token for the event broker cannot be read from " + file
                    + " (onramp.coder.broker-token-file).");
        }
        if (token.isEmpty()) {
            throw OnrampException.unavailable("The token file for the event broker is empty: " + file + ".");
        }
        return token;
    }

    /** Publishes; a broker that does not accept it is UNAVAILABLE, so Coder's retry will deliver it again. */
    public void publish(CoderNotification n) {
        if (broker.isEmpty()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", n.kind().name());
        data.put("notificationName", n.notificationName());
        data.put("coderWorkspaceId", n.coderWorkspaceId());
        data.put("owner", n.owner());
        data.put("workspaceName", n.workspaceName());
        data.put("labels", n.labels());
        byte[] body;
        try {
            body = json.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(broker.get())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("ce-specversion", "1.0")
                .header("ce-id", n.msgId().toString())
                .header("ce-source", SOURCE)
                .header("ce-type", type(n.kind()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (n.coderWorkspaceId() != null) {
            request.header("ce-subject", n.coderWorkspaceId());
        }
        if (tokenFile.isPresent()) {
            request.header("Authorization", "Bearer " + token(tokenFile.get()));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw OnrampException.unavailable("The event broker refused the event (HTTP " + response.statusCode() + ").");
            }
        } catch (IOException e) {
            throw OnrampException.unavailable("The event broker is not reachable.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OnrampException.unavailable("Interrupted while publishing the event.");
        }
    }
}
