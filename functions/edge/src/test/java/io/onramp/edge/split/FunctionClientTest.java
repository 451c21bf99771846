package io.onramp.edge.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.edge.service.ServiceCalls;

/**
 * The gateway's HTTP client of a function against a real HTTP server standing in for the function: what it sends,
 * and how every kind of answer comes back as the all-in-one process would have answered.
 */
class FunctionClientTest {

    record Started(String labId, String workspaceId, List<String> created) {
    }

    static final String SERVICE_TOKEN = "service.token.value";
    static final String USER_TOKEN = "user.token.value";

    final ObjectMapper json = new ObjectMapper();
    final Map<String, String> seen = new ConcurrentHashMap<>();
    HttpServer server;
    FunctionClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/startLab", exchange -> {
            seen.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            seen.put("caller", String.valueOf(exchange.getRequestHeaders().getFirst(ServiceCalls.CALLER_TOKEN)));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, 200, "{\"labId\":\"pods-and-labels\",\"workspaceId\":\"w-1\",\"created\":[\"Pod/web\"],\"extra\":1}");
        });
        server.createContext("/unknownLab", exchange -> respond(exchange, 404,
                "{\"code\":\"NOT_FOUND\",\"message\":\"There is no lab 'nope'.\"}"));
        server.createContext("/notYours", exchange -> respond(exchange, 403,
                "{\"code\":\"FORBIDDEN\",\"message\":\"You may act only on your own workspaces.\"}"));
        server.createContext("/refused", exchange -> {
            exchange.getResponseHeaders().add(ServiceCalls.REFUSED, "service");
            respond(exchange, 401, "{\"code\":\"UNAUTHENTICATED\",\"message\":\"not a service token\"}");
        });
        server.createContext("/activator", exchange -> respond(exchange, 502, "upstream connect error"));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{}");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        client = client(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), Duration.ofSeconds(5));
    }

    FunctionClient client(URI base, Duration timeout) {
        return new FunctionClient(FunctionGroup.LABS, base,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), json, () -> SERVICE_TOKEN, timeout);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    OnrampException failure(String function) {
        return assertThrows(OnrampException.class,
                () -> client.call(function, Map.of(), USER_TOKEN, json.constructType(Started.class)));
    }

    @Test
    void sendsTheInputAsJsonWithBothTokensAndReadsTheAnswer() throws Exception {
        Started started = client.call("startLab", Map.of("labId", "pods-and-labels", "workspaceId", "w-1"), USER_TOKEN,
                json.constructType(Started.class));
        assertEquals(new Started("pods-and-labels", "w-1", List.of("Pod/web")), started);
        assertEquals("Bearer " + SERVICE_TOKEN, seen.get("authorization"));
        assertEquals(USER_TOKEN, seen.get("caller"));
        assertEquals(Map.of("labId", "pods-and-labels", "workspaceId", "w-1"), json.readValue(seen.get("body"), Map.class));
    }

    @Test
    void anAnonymousCallForwardsNoCallerToken() {
        client.call("startLab", null, null, json.constructType(Started.class));
        assertEquals("null", seen.get("caller"));
        assertEquals("{}", seen.get("body"));
    }

    @Test
    void theFunctionsErrorEnvelopeComesBackAsTheSameError() {
        OnrampException notFound = failure("unknownLab");
        assertEquals(ErrorCode.NOT_FOUND, notFound.code());
        assertEquals("There is no lab 'nope'.", notFound.getMessage());
        OnrampException forbidden = failure("notYours");
        assertEquals(ErrorCode.FORBIDDEN, forbidden.code());
        assertEquals("You may act only on your own workspaces.", forbidden.getMessage());
    }

    @Test
    void aRefusalOfTheGatewaysOwnIdentityIsUnavailableNotTheUsersFault() {
        OnrampException e = failure("refused");
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertFalse(e.getMessage().contains(SERVICE_TOKEN));
    }

    @Test
    void unreachableSlowOrProxiedFunctionsAreUnavailableWithoutSecrets() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        FunctionClient gone = client(URI.create("http://127.0.0.1:" + closed), Duration.ofSeconds(5));
        OnrampException down = assertThrows(OnrampException.class,
                () -> gone.call("startLab", Map.of(), USER_TOKEN, json.constructType(Started.class)));
        assertEquals(ErrorCode.UNAVAILABLE, down.code());
        for (String secret : List.of(SERVICE_TOKEN, USER_TOKEN, Integer.toString(closed), "127.0.0.1")) {
            assertFalse(down.getMessage().contains(secret), down.getMessage());
        }
        assertEquals(ErrorCode.UNAVAILABLE, failure("activator").code());

        FunctionClient impatient = client(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofMillis(300));
        OnrampException slow = assertThrows(OnrampException.class,
                () -> impatient.call("slow", Map.of(), USER_TOKEN, json.constructType(Started.class)));
        assertEquals(ErrorCode.UNAVAILABLE, slow.code());
    }
}
