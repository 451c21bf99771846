package io.onramp.exoscale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.onramp.core.error.OnrampException;
import io.onramp.exoscale.simulator.Fault;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walks every error path and checks that neither the API key, nor the secret, nor any Authorization header value
 * or signature that was sent shows up in an exception message, its toString, its causes, or the logs.
 */
class SecretLeakTest extends SimulatorTestBase {

    private static final Logger LOGGER = Logger.getLogger("io.onramp.exoscale");

    private final List<String> headers = Collections.synchronizedList(new ArrayList<>());
    private final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    private final List<String> texts = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logs.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = LOGGER.getLevel();
        LOGGER.setLevel(Level.ALL);
        LOGGER.addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        LOGGER.removeHandler(capture);
        LOGGER.setLevel(previousLevel);
    }

    /** A client whose signer records every header it produces. */
    private ExoscaleClient recording(ExoscaleClient.Builder builder, String key, String secret) {
        RequestSigner signer = new RequestSigner(ExoscaleCredentials.of(key, secret), sim.clock()) {
            @Override
            public String authorization(String method, URI uri, byte[] body, long expires) {
                String header = super.authorization(method, uri, body, expires);
                headers.add(header);
                return header;
            }
        };
        return builder.signer(signer).build();
    }

    private void expectFailure(String what, Supplier<?> call) {
        try {
            call.get();
        } catch (OnrampException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                texts.add(what + ": " + t.getMessage());
                texts.add(what + ": " + t);
            }
            return;
        }
        throw new AssertionError(what + " did not fail");
    }

    @Test
    void noErrorPathRevealsCredentialsOrSignatures() throws Exception {
        ExoscaleClient good = recording(clientBuilder(KEY, SECRET), KEY, SECRET);
        CreateInstanceRequest req = request("lab");

        expectFailure("wrong secret", () -> recording(clientBuilder(KEY, SECRET + "x"), KEY, SECRET + "x").listInstances(ZONE));
        expectFailure("unknown key", () -> recording(clientBuilder("EXOother000000000000000000", SECRET),
                "EXOother000000000000000000", SECRET).ensureInstance(ZONE, "ws", req));
        expectFailure("400", () -> good.createInstanceOnce(ZONE, CreateInstanceRequest.builder().name("x")
                .instanceTypeId(req.instanceTypeId()).templateId("00000000-0000-4000-8000-000000000000").build()));
        expectFailure("404", () -> good.deleteInstance(ZONE, "00000000-0000-4000-8000-000000000000"));
        good.awaitOperation(ZONE, good.createSecurityGroup(ZONE, "g", null));
        expectFailure("409", () -> good.createSecurityGroup(ZONE, "g", null));
        sim.faults().next(5, Fault.rateLimited(1));
        expectFailure("429", () -> good.listInstances(ZONE));
        sim.faults().next(5, Fault.status(503));
        expectFailure("503", () -> good.listTemplates(ZONE, "public"));
        sim.faults().next(1, Fault.status(501));
        expectFailure("501", () -> good.listInstanceTypes(ZONE));
        sim.faults().crashAfterCreateInstance(1, true);
        expectFailure("dropped", () -> good.createInstanceOnce(ZONE, req));
        sim.faults().next(1, Fault.slow(Duration.ofMillis(800)));
        expectFailure("timeout", () -> recording(clientBuilder(KEY, SECRET).requestTimeout(Duration.ofMillis(200))
                .retryPolicy(RetryPolicy.NONE), KEY, SECRET).listInstances(ZONE));
        sim.faults().failNextOperations(1);
        expectFailure("operation failure", () -> good.ensureInstance(ZONE, "ws-f", req));
        sim.faults().stallNextOperations(1);
        expectFailure("operation timeout", () -> good.awaitOperation(ZONE, good.createInstanceOnce(ZONE, req)));
        Operation op = good.createInstanceOnce(ZONE, req);
        sim.faults().next(5, Fault.status(500), "GET", "/operation/{id}");
        expectFailure("polling", () -> good.awaitOperation(ZONE, op));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        expectFailure("refused", () -> recording(clientBuilder(KEY, SECRET)
                .endpoint(ExoscaleEndpoint.of("http://127.0.0.1:" + port + "/{zone}/v2")), KEY, SECRET).listInstances(ZONE));

        // a server that echoes the Authorization header and the credentials back
        HttpServer echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echo.createContext("/", ex -> {
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"message\":\"rejected " + auth + " key " + KEY + " secret " + SECRET + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(400, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        echo.start();
        try {
            expectFailure("echo", () -> recording(clientBuilder(KEY, SECRET).endpoint(ExoscaleEndpoint.of(
                    "http://127.0.0.1:" + echo.getAddress().getPort() + "/{zone}/v2")), KEY, SECRET).listInstances(ZONE));
        } finally {
            echo.stop(0);
        }

        texts.add(ExoscaleCredentials.of(KEY, SECRET).toString());
        texts.add(good.toString());
        texts.add(new RequestSigner(ExoscaleCredentials.of(KEY, SECRET), sim.clock()).toString());
        texts.add(req.toString());

        assertTrue(headers.size() > 20, "headers recorded: " + headers.size());
        assertTrue(logs.size() > 5, "log records: " + logs.size());
        List<String> forbidden = new ArrayList<>(List.of(KEY, SECRET, SECRET + "x"));
        synchronized (headers) {
            for (String h : headers) {
                forbidden.add(h);
                forbidden.add(h.substring(h.indexOf("signature=") + "signature=".length()));
            }
        }
        List<String> everything = new ArrayList<>(texts);
        synchronized (logs) {
            everything.addAll(logs);
        }
        for (String text : everything) {
            for (String secret : forbidden) {
                assertFalse(text.contains(secret), () -> "leak in: " + text);
            }
        }
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("wrong secret: Exoscale rejected the API credentials")));
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("echo: ") && t.contains("<redacted>")));
    }
}
