package io.onramp.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real little HTTP(S) server standing in for code-server's {@code GET /healthz}, for many workspaces at once: each
 * answers under {@code /<key>/healthz} (the key is e.g. the namespace). Like code-server it reports
 * {@code {"status":"alive|expired","lastHeartbeat":<ms>}}, alive when the heartbeat is under a minute old on the
 * given clock, and {@code lastHeartbeat: 0} after a start. It can also misbehave (error status, garbage, a body too
 * large, no answer at all) and records every request's {@code Connection} header.
 */
public final class CodeServerStandIn implements AutoCloseable {

    /** How the stand-in answers for one key. */
    public enum Mode {
        CODE_SERVER,
        ERROR_503,
        NOT_JSON,
        HUGE,
        HANG
    }

    private record Behaviour(Mode mode, long lastHeartbeatMillis) {
    }

    /** One request as received. */
    public record Request(String key, String connectionHeader) {
    }

    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "code-server-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Behaviour> keys = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private CodeServerStandIn(Clock clock, SSLContext tls) {
        this.clock = clock;
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            if (tls == null) {
                server = HttpServer.create(address, 50);
            } else {
                HttpsServer https = HttpsServer.create(address, 50);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static CodeServerStandIn http(Clock clock) {
        return new CodeServerStandIn(clock, null);
    }

    public static CodeServerStandIn https(Clock clock, SSLContext tls) {
        return new CodeServerStandIn(clock, tls);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http(s)://127.0.0.1:<port>/<key>/healthz}. */
    public String url(String key) {
        return base() + "/" + key + "/healthz";
    }

    /** The URL with a placeholder as key, e.g. {@code urlTemplate("{namespace}")}. */
    public String urlTemplate(String placeholder) {
        return base() + "/" + placeholder + "/healthz";
    }

    private String base() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port();
    }

    /** code-server just started: no heartbeat yet ({@code lastHeartbeat: 0}). */
    public CodeServerStandIn started(String key) {
        keys.put(key, new Behaviour(Mode.CODE_SERVER, 0));
        return this;
    }

    /** A browser was last active at {@code at}. */
    public CodeServerStandIn heartbeat(String key, Instant at) {
        keys.put(key, new Behaviour(Mode.CODE_SERVER, at.toEpochMilli()));
        return this;
    }

    /** Someone is using it now. */
    public CodeServerStandIn inUse(String key) {
        return heartbeat(key, clock.instant());
    }

    public CodeServerStandIn misbehave(String key, Mode mode) {
        keys.put(key, new Behaviour(mode, 0));
        return this;
    }

    /** Unknown keys answer 404, like a Service without code-server behind it. */
    public CodeServerStandIn forget(String key) {
        keys.remove(key);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public long requestsFor(String key) {
        return requests.stream().filter(r -> key.equals(r.key())).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            String[] parts = exchange.getRequestURI().getPath().split("/");
            String key = parts.length >= 3 && "healthz".equals(parts[2]) ? parts[1] : null;
            requests.add(new Request(key, exchange.getRequestHeaders().getFirst("Connection")));
            Behaviour b = key == null ? null : keys.get(key);
            if (b == null) {
                send(exchange, 404, "{\"error\":\"Not Found\"}");
                return;
            }
            switch (b.mode()) {
                case CODE_SERVER -> {
                    boolean alive = b.lastHeartbeatMillis() > 0
                            && Duration.between(Instant.ofEpochMilli(b.lastHeartbeatMillis()), clock.instant())
                                    .compareTo(Duration.ofMinutes(1)) < 0;
                    send(exchange, 200, "{\"status\":\"" + (alive ? "alive" : "expired") + "\",\"lastHeartbeat\":"
                            + b.lastHeartbeatMillis() + "}");
                }
                case ERROR_503 -> send(exchange, 503, "Service Unavailable");
                case NOT_JSON -> send(exchange, 200, "<html>login</html>");
                case HUGE -> send(exchange, 200, "{\"status\":\"alive\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}");
                case HANG -> {
                    try {
                        closing.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
