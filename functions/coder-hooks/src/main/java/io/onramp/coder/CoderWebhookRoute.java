package io.onramp.coder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.onramp.core.error.OnrampException;
import io.onramp.edge.http.ErrorResponses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /hooks/coder}: Coder cannot sign its webhooks, but it sends the user-info of
 * {@code CODER_NOTIFICATIONS_WEBHOOK_ENDPOINT} ({@code https://coder:<secret>@onramp.example.com/hooks/coder}) as HTTP
 * Basic credentials. The password is compared in constant time with {@code ONRAMP_CODER_WEBHOOK_SECRET}; anything
 * else ends with 401 and nothing happens. A plain route (Funqy can neither read path parameters nor set statuses)
 * that calls {@link CoderHooks}, answering with the error envelope.
 */
@ApplicationScoped
public class CoderWebhookRoute {

    public static final String PATH = "/hooks/coder";

    private final CoderHooks hooks;
    private final CoderConfig config;
    private final ObjectMapper json = new ObjectMapper();

    public CoderWebhookRoute(CoderHooks hooks, CoderConfig config) {
        this.hooks = hooks;
        this.config = config;
    }

    void install(@Observes Router router) {
        router.post(PATH).order(-800).handler(this::authenticate);
        router.post(PATH).order(-799).handler(BodyHandler.create(false).setBodyLimit(config.maxBodyKib() * 1024L));
        router.post(PATH).order(-798).blockingHandler(this::handle, false);
    }

    void authenticate(RoutingContext rc) {
        if (config.webhookSecret().isEmpty()) {
            ErrorResponses.send(rc, OnrampException.unavailable(
                    "The Coder webhook receiver is off: set ONRAMP_CODER_WEBHOOK_SECRET."));
            return;
        }
        if (!matches(rc.request().getHeader("Authorization"), config.webhookSecret().get())) {
            rc.response().putHeader("WWW-Authenticate", "Basic realm=\"onramp-coder-webhook\"");
            ErrorResponses.send(rc, OnrampException.unauthenticated(
                    "Wrong or missing webhook credentials: put them in CODER_NOTIFICATIONS_WEBHOOK_ENDPOINT's user-info."));
            return;
        }
        rc.next();
    }

    void handle(RoutingContext rc) {
        JsonNode body;
        try {
            if (rc.body() != null && rc.body().length() > config.maxBodyKib() * 1024) {
                // the process-wide body limit is larger; Coder's notifications are small
                ErrorResponses.send(rc, OnrampException.badInput("The body is larger than " + config.maxBodyKib() + " KiB."));
                return;
            }
            String text = rc.body() == null ? null : rc.body().asString();
            body = text == null || text.isBlank() ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            ErrorResponses.send(rc, OnrampException.badInput("The body is not valid JSON."));
            return;
        }
        try {
            HookOutcome outcome = hooks.receive(body);
            rc.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(json.writeValueAsString(outcome));
        } catch (OnrampException e) {
            ErrorResponses.send(rc, e);
        } catch (JsonProcessingException e) {
            ErrorResponses.send(rc, OnrampException.internal("Could not write the answer."));
        }
    }

    /** Constant-time comparison of the Basic password with the secret (the user name is not checked). */
    static boolean matches(String authorization, String secret) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        return MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }
}
