package io.onramp.exoscale.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An in-process imitation of the Exoscale API v2 for the subset Onramp uses (templates, instance types,
 * instances and their lifecycle, operations, security groups and rules), for tests and for trying things out.
 *
 * <p><b>Zones.</b> The real API has one host per zone ({@code https://api-{zone}.exoscale.com/v2}). Here the zone is
 * the first path segment: point the client at the endpoint template {@link #endpointTemplate()}
 * ({@code http://127.0.0.1:<port>/{zone}/v2}). The path-less form {@code http://127.0.0.1:<port>/v2/...} is also
 * accepted and means the default zone ({@code ch-gva-2} unless configured). The signature covers the raw path as
 * sent, zone prefix included, exactly like the real API covers {@code /v2/...}. Unknown zones answer 404.
 * Instances and operations are per zone; security groups are global (shared by all zones).
 *
 * <p><b>Authentication.</b> Every request but {@code GET /zone} must carry a valid {@code EXO2-HMAC-SHA256}
 * signature by one of the configured key/secret pairs, checked by {@link SignatureVerifier} (its own
 * implementation) against the simulated clock; otherwise 403 {@code {"message":"Invalid request signature"}}.
 *
 * <p><b>Bodies</b> of {@code POST /instance}, {@code PUT /instance/{id}:start}, {@code POST /security-group} and
 * {@code POST /security-group/{id}/rules} are validated against the official schemas ({@link SchemaValidator});
 * violations answer 400 {@code {"message": ...}}.
 *
 * <p><b>Time.</b> State transitions end when their operation has been polled {@code pollsToComplete} times
 * (default 2) or when {@code transitionTime} (default 20 s) has passed on the {@link SimulatedClock}; see
 * {@link #advance(Duration)}. <b>Faults</b>: {@link #faults()}.
 */
public final class ExoscaleSimulator implements AutoCloseable {

    public static final String DEFAULT_ZONE = "ch-gva-2";
    private static final Pattern UUID_SEGMENT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ObjectMapper mapper = new ObjectMapper();
    private final SimulatedClock clock;
    private final SignatureVerifier verifier;
    private final FaultPlan faults = new FaultPlan();
    private final ComputeModel model;
    private final String defaultZone;
    private final int requestedPort;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    private ExoscaleSimulator(Builder b) {
        this.clock = b.clock != null ? b.clock : SimulatedClock.realTime();
        this.verifier = new SignatureVerifier(clock);
        b.credentials.forEach(verifier::addKey);
        this.defaultZone = b.defaultZone;
        this.requestedPort = b.port;
        this.model = new ComputeModel(mapper, clock, faults, SchemaValidator.bundled(mapper), b.seed,
                b.pollsToComplete, b.transitionTime);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configuration of a simulator; {@link #build()} does not start it. */
    public static final class Builder {
        private int port;
        private final Map<String, String> credentials = new java.util.LinkedHashMap<>();
        private SimulatedClock clock;
        private long seed = 42;
        private int pollsToComplete = 2;
        private Duration transitionTime = Duration.ofSeconds(20);
        private String defaultZone = DEFAULT_ZONE;

        private Builder() {
        }

        /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Adds an accepted key/secret pair (call several times for several). */
        public Builder credentials(String apiKey, String apiSecret) {
            credentials.put(apiKey, apiSecret);
            return this;
        }

        /** The clock: default {@link SimulatedClock#realTime()}; tests usually pass {@code frozenAt(...)}. */
        public Builder clock(SimulatedClock clock) {
            this.clock = clock;
            return this;
        }

        /** Seed for generated ids, addresses and the like. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder pollsToComplete(int polls) {
            this.pollsToComplete = polls;
            return this;
        }

        public Builder transitionTime(Duration time) {
            this.transitionTime = time;
            return this;
        }

        /** Zone used by the path-less form {@code /v2/...}. */
        public Builder defaultZone(String zone) {
            if (!ComputeModel.ZONES.contains(zone)) {
                throw new IllegalArgumentException("unknown zone " + zone);
            }
            this.defaultZone = zone;
            return this;
        }

        public ExoscaleSimulator build() {
            return new ExoscaleSimulator(this);
        }

        /** Builds and starts. */
        public ExoscaleSimulator start() {
            return build().start();
        }
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    /** Starts listening on 127.0.0.1. */
    public synchronized ExoscaleSimulator start() {
        if (server != null) {
            return this;
        }
        // answer without Nagle delays (headers and body are written separately); read once per JVM
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + requestedPort, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "exoscale-simulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** The client's endpoint template: {@code http://127.0.0.1:<port>/{zone}/v2}. */
    public String endpointTemplate() {
        return "http://127.0.0.1:" + port() + "/{zone}/v2";
    }

    /** The base URL of one zone, e.g. {@code http://127.0.0.1:<port>/de-fra-1/v2}. */
    public URI baseUri(String zone) {
        return URI.create(endpointTemplate().replace("{zone}", zone));
    }

    // ---------------------------------------------------------------------------------------------- controls

    public SimulatedClock clock() {
        return clock;
    }

    /** Moves simulated time forward and completes the transitions that are due. */
    public void advance(Duration duration) {
        clock.advance(duration);
        model.tick();
    }

    public FaultPlan faults() {
        return faults;
    }

    public void addCredentials(String apiKey, String apiSecret) {
        verifier.addKey(apiKey, apiSecret);
    }

    public void removeCredentials(String apiKey) {
        verifier.removeKey(apiKey);
    }

    /** How many polls of an operation complete it (at least 1). */
    public void setPollsToComplete(int polls) {
        model.setPollsToComplete(polls);
    }

    /** Simulated time after which a transition completes by itself. */
    public void setTransitionTime(Duration time) {
        model.setTransitionTime(time);
    }

    /** The instances of a zone (including those still {@code destroying}), oldest first. */
    public List<SimulatedInstance> instances(String zone) {
        return model.instances(zone);
    }

    public Optional<SimulatedInstance> instance(String zone, String id) {
        return model.instance(zone, id);
    }

    public List<SimulatedSecurityGroup> securityGroups() {
        return model.securityGroups();
    }

    /** Every request received since start or the last reset, in order of completion. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * Requests received for {@code method} and {@code path}, where {@code path} is either the exact path below
     * {@code /v2} or its pattern with {@code {id}} placeholders (e.g. {@code "/instance/{id}:stop"}).
     */
    public int callCount(String method, String path) {
        int n = 0;
        for (Call c : calls) {
            if (c.method().equalsIgnoreCase(method) && (c.path().equals(path) || c.pattern().equals(path))) {
                n++;
            }
        }
        return n;
    }

    public void resetCalls() {
        calls.clear();
    }

    /** Forgets all instances, operations, security groups, calls and faults; keeps keys and configuration. */
    public void reset() {
        model.reset();
        faults.clear();
        faults.resetCount();
        calls.clear();
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    /** What is known about the request being handled, for the call log. */
    private static final class Exchange {
        final HttpExchange http;
        final String method;
        String zone;
        String path = "";
        String pattern = "";
        boolean recorded;

        Exchange(HttpExchange http, String defaultZone) {
            this.http = http;
            this.method = http.getRequestMethod();
            this.zone = defaultZone;
        }
    }

    private void handle(HttpExchange http) {
        Exchange ex = new Exchange(http, defaultZone);
        try {
            byte[] body = http.getRequestBody().readAllBytes();
            URI uri = http.getRequestURI();
            String rawPath = uri.getRawPath();
            List<String> segments = new ArrayList<>();
            for (String s : rawPath.split("/")) {
                if (!s.isEmpty()) {
                    segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
                }
            }
            if (!segments.isEmpty() && !segments.get(0).equals("v2")) {
                ex.zone = segments.remove(0);
            }
            if (segments.isEmpty() || !segments.get(0).equals("v2")) {
                send(ex, 404, error("Not found"), null);
                return;
            }
            segments.remove(0);
            ex.path = "/" + String.join("/", segments);
            ex.pattern = pattern(segments);
            if (!ComputeModel.ZONES.contains(ex.zone)) {
                send(ex, 404, error("Unknown zone " + ex.zone), null);
                return;
            }

            Fault fault = faults.draw(ex.method, ex.pattern);
            if (fault != null) {
                switch (fault.kind()) {
                    case STATUS -> {
                        send(ex, fault.status(), error("Simulated failure (HTTP " + fault.status() + ")"),
                                fault.retryAfterSeconds());
                        return;
                    }
                    case RATE_LIMITED -> {
                        ObjectNode limited = mapper.createObjectNode().put("error", "Rate limit exceeded")
                                .put("retry_after", fault.retryAfterSeconds());
                        send(ex, 429, limited, fault.retryAfterSeconds());
                        return;
                    }
                    case DROP_CONNECTION -> {
                        return; // closing the exchange before any response drops the connection
                    }
                    case SLOW -> sleep(fault.delay());
                    case LOST_RESPONSE -> { /* handled after the change is made */ }
                    default -> throw new IllegalStateException();
                }
            }

            boolean open = ex.method.equals("GET") && ex.path.equals("/zone");
            if (!open) {
                SignatureVerifier.Verdict verdict = verifier.verify(ex.method, rawPath, uri.getRawQuery(), body,
                        http.getRequestHeaders().getFirst("Authorization"));
                if (verdict != SignatureVerifier.Verdict.VALID) {
                    send(ex, 403, error("Invalid request signature"), null);
                    return;
                }
            }

            ComputeModel.Response response;
            try {
                response = model.handle(ex.zone, ex.method, segments,
                        SignatureVerifier.parseQuery(uri.getRawQuery()), body);
            } catch (ComputeModel.ApiError e) {
                response = new ComputeModel.Response(e.status, error(e.getMessage()));
            }
            if (fault != null && fault.kind() == Fault.Kind.LOST_RESPONSE) {
                if (fault.status() == 0) {
                    return; // the change is made, the answer is lost with the connection
                }
                send(ex, fault.status(), error("Simulated failure after the change was made"), null);
                return;
            }
            send(ex, response.status(), response.body(), null);
        } catch (IOException e) {
            // the client went away (e.g. it timed out while a slow answer was prepared): nothing to answer
        } catch (RuntimeException e) {
            System.err.println("exoscale-simulator: internal error on " + ex.method + " " + ex.path + ": " + e);
            if (!ex.recorded) {
                try {
                    send(ex, 500, error("Internal simulator error"), null);
                } catch (IOException | RuntimeException ignored) {
                    // nothing more to do
                }
            }
        } finally {
            record(ex, -1);
            http.close(); // without a response sent, this drops the connection
        }
    }

    private void record(Exchange ex, int status) {
        if (!ex.recorded) {
            ex.recorded = true;
            calls.add(new Call(ex.method, ex.zone, ex.path, ex.pattern, status));
        }
    }

    private ObjectNode error(String message) {
        return mapper.createObjectNode().put("message", message);
    }

    /** Records the call (before answering, so a client never sees an answer its call is not counted for). */
    private void send(Exchange ex, int status, JsonNode body, Integer retryAfterSeconds) throws IOException {
        record(ex, status);
        byte[] bytes = mapper.writeValueAsBytes(body);
        ex.http.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfterSeconds != null && retryAfterSeconds > 0) {
            ex.http.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
        }
        ex.http.sendResponseHeaders(status, bytes.length);
        ex.http.getResponseBody().write(bytes);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String pattern(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/');
            int colon = s.indexOf(':');
            String id = colon < 0 ? s : s.substring(0, colon);
            if (UUID_SEGMENT.matcher(id).matches()) {
                sb.append("{id}").append(colon < 0 ? "" : s.substring(colon));
            } else {
                sb.append(s);
            }
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    // ---------------------------------------------------------------------------------------------- main

    /**
     * Runs a simulator until interrupted: {@code --port N --key K --secret S} (key and secret default to the
     * environment variables {@code EXOSCALE_API_KEY} / {@code EXOSCALE_API_SECRET}). Prints the endpoint setting
     * to use; never prints the key or the secret.
     */
    public static void main(String[] args) throws InterruptedException {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err)
            throws InterruptedException {
        ExoscaleSimulator simulator = startFromArgs(args, env, out, err);
        if (simulator == null) {
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "exoscale-simulator-shutdown"));
        stopped.await();
        return 0;
    }

    /** Parses the arguments, starts a simulator and prints its settings; null (after printing usage) on errors. */
    static ExoscaleSimulator startFromArgs(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        int port = 8089;
        String key = env.get("EXOSCALE_API_KEY");
        String secret = env.get("EXOSCALE_API_SECRET");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--key" -> key = args[++i];
                    case "--secret" -> secret = args[++i];
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            err.println("exoscale-simulator: " + (e instanceof IllegalArgumentException
                    && !(e instanceof NumberFormatException) ? e.getMessage() : "bad arguments"));
            usage(err);
            return null;
        }
        if (key == null || key.isBlank() || secret == null || secret.isEmpty()) {
            err.println("exoscale-simulator: an API key and secret are required");
            usage(err);
            return null;
        }
        ExoscaleSimulator simulator = builder().port(port).credentials(key, secret).start();
        out.println("ONRAMP_EXOSCALE_ENDPOINT=" + simulator.endpointTemplate());
        out.println("# Exoscale API simulator on 127.0.0.1:" + simulator.port() + " since " + Instant.now()
                + "; zones " + String.join(", ", ComputeModel.ZONES)
                + "; accepts the API key and secret it was given (not shown). Ctrl-C stops it.");
        return simulator;
    }

    private static void usage(PrintStream err) {
        err.println("usage: exoscale-simulator [--port N] [--key K] [--secret S]"
                + "  (key/secret default to $EXOSCALE_API_KEY / $EXOSCALE_API_SECRET)");
    }

    @Override
    public String toString() {
        return "ExoscaleSimulator[" + (server == null ? "stopped" : "127.0.0.1:" + port()) + "]";
    }
}
