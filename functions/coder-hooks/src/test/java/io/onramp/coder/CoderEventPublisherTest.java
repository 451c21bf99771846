package io.onramp.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;

/** The CloudEvent a Knative Broker receives, checked by a real HTTP server standing in for the broker ingress. */
class CoderEventPublisherTest {

    HttpServer broker;
    final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(202);

    @BeforeEach
    void start() throws IOException {
        broker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        broker.createContext("/onramp/default", exchange -> {
            Map<String, String> h = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.get(0)));
            headers.add(h);
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        broker.start();
    }

    @AfterEach
    void stop() {
        broker.stop(0);
    }

    CoderEventPublisher publisher() {
        return new CoderEventPublisher(Optional.of(URI.create(
                "http://127.0.0.1:" + broker.getAddress().getPort() + "/onramp/default")));
    }

    static CoderNotification dormant(String coderId) {
        return new CoderNotification(UUID.randomUUID(), "1.1", CoderEventKind.DORMANT, "Workspace Marked as Dormant",
                "0ea69165-ec14-4314-91f1-69566ac3c5a0", "bobby", Map.of("name", "bobby-workspace"),
                List.of(coderId), "Workspace marked as dormant");
    }

    @Test
    void publishesABinaryModeCloudEvent() throws Exception {
        String coderId = UUID.randomUUID().toString();
        CoderNotification n = dormant(coderId);
        publisher().publish(n);
        assertEquals(1, headers.size());
        Map<String, String> h = headers.get(0);
        assertEquals("1.0", h.get("ce-specversion"));
        assertEquals(n.msgId().toString(), h.get("ce-id"), "the Coder msg_id is the event id, so duplicates stay duplicates");
        assertEquals("io.onramp.coder.dormant", h.get("ce-type"));
        assertEquals(CoderEventPublisher.SOURCE, h.get("ce-source"));
        assertEquals(coderId, h.get("ce-subject"));
        assertTrue(h.get("content-type").startsWith("application/json"));
        var data = new ObjectMapper().readTree(bodies.get(0));
        assertEquals("DORMANT", data.get("kind").asText());
        assertEquals(coderId, data.get("coderWorkspaceId").asText());
        assertEquals("bobby-workspace", data.get("workspaceName").asText());
    }

    @Test
    void sendsTheCurrentTokenOfTheTokenFileToTheBroker() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("broker-token", "");
        try {
            java.nio.file.Files.writeString(file, "first-token\n");
            CoderEventPublisher publisher = new CoderEventPublisher(Optional.of(URI.create(
                    "http://127.0.0.1:" + broker.getAddress().getPort() + "/onramp/default")), Optional.of(file));
            publisher.publish(dormant("a"));
            java.nio.file.Files.writeString(file, "rotated-token");
            publisher.publish(dormant("b"));
            assertEquals("Bearer first-token", headers.get(0).get("authorization"));
            assertEquals("Bearer rotated-token", headers.get(1).get("authorization"), "read again for every event");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void anUnreadableTokenFileIsUnavailableAndNothingIsSent() {
        CoderEventPublisher publisher = new CoderEventPublisher(Optional.of(URI.create(
                "http://127.0.0.1:" + broker.getAddress().getPort() + "/onramp/default")),
                Optional.of(java.nio.file.Path.of("/nonexistent/onramp/broker-token")));
        OnrampException e = assertThrows(OnrampException.class, () -> publisher.publish(dormant("x")));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("broker-token-file"), e.getMessage());
        assertTrue(headers.isEmpty());
    }

    @Test
    void withoutATokenFileNoAuthorizationIsSent() {
        publisher().publish(dormant("x"));
        assertFalse(headers.get(0).containsKey("authorization"));
    }

    @Test
    void aRefusingBrokerIsUnavailableSoCoderRetries() {
        status.set(500);
        OnrampException e = assertThrows(OnrampException.class, () -> publisher().publish(dormant("x")));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
    }

    @Test
    void offWithoutABrokerUrl() {
        CoderEventPublisher off = new CoderEventPublisher(Optional.empty());
        assertFalse(off.enabled());
        off.publish(dormant("x"));
        assertTrue(headers.isEmpty());
    }

    @Test
    void typesFollowTheKinds() {
        assertEquals("io.onramp.coder.marked-for-deletion", CoderEventPublisher.type(CoderEventKind.MARKED_FOR_DELETION));
        assertEquals("io.onramp.coder.created", CoderEventPublisher.type(CoderEventKind.CREATED));
    }
}
