package io.onramp.edge.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.onramp.core.activity.ProbeResult;
import io.onramp.core.activity.ProbeTarget;
import io.onramp.core.testing.CodeServerStandIn;
import io.onramp.core.testing.MutableClock;
import io.onramp.core.testing.SelfSignedTls;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/** The heartbeat probe over real HTTP and HTTPS against a stand-in code-server. */
class HttpHeartbeatProbeTest {

    static Vertx vertx;
    MutableClock clock;
    CodeServerStandIn codeServer;
    HttpHeartbeatProbe probe;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.now());
        codeServer = CodeServerStandIn.http(clock);
        // generous: the machine running the tests may be busy; the hang case uses its own short-timeout probe
        probe = new HttpHeartbeatProbe(vertx, Duration.ofSeconds(3), Duration.ofSeconds(8));
    }

    @AfterEach
    void tearDown() {
        codeServer.close();
    }

    ProbeResult probe(String url) {
        return probe(new ProbeTarget(URI.create(url), null));
    }

    ProbeResult probe(ProbeTarget target) {
        try {
            return probe.probe(target).toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the probe must never fail, it failed with " + e, e);
        }
    }

    @Test
    void readsCodeServersAnswer() {
        codeServer.started("fresh");
        ProbeResult.Answered fresh = answered(probe(codeServer.url("fresh")));
        assertFalse(fresh.alive());
        assertNull(fresh.lastHeartbeat(), "lastHeartbeat 0 means none since start");
        assertNull(fresh.certificate(), "plain HTTP: nothing to pin");

        Instant earlier = clock.instant().minus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        codeServer.heartbeat("quiet", earlier);
        ProbeResult.Answered quiet = answered(probe(codeServer.url("quiet")));
        assertFalse(quiet.alive());
        assertEquals(earlier, quiet.lastHeartbeat());

        codeServer.inUse("busy");
        ProbeResult.Answered busy = answered(probe(codeServer.url("busy")));
        assertTrue(busy.alive());
    }

    @Test
    void everyProbeClosesItsConnection() {
        codeServer.started("a");
        for (int i = 0; i < 3; i++) {
            answered(probe(codeServer.url("a")));
        }
        assertEquals(3, codeServer.requestsFor("a"));
        // code-server keeps beating while any connection is open: a kept-alive probe connection would look like use
        assertTrue(codeServer.requests().stream().allMatch(r -> "close".equalsIgnoreCase(r.connectionHeader())),
                codeServer.requests().toString());
    }

    @Test
    void whateverGoesWrongIsUnreachableWithAShortReason() throws IOException {
        assertEquals("HTTP 404", unreachable(codeServer.url("nobody")).reason());
        codeServer.misbehave("down", CodeServerStandIn.Mode.ERROR_503);
        assertEquals("HTTP 503", unreachable(codeServer.url("down")).reason());
        codeServer.misbehave("login-page", CodeServerStandIn.Mode.NOT_JSON);
        assertEquals("answer is not JSON", unreachable(codeServer.url("login-page")).reason());
        codeServer.misbehave("huge", CodeServerStandIn.Mode.HUGE);
        assertTrue(unreachable(codeServer.url("huge")).reason().startsWith("answer larger than"));

        codeServer.misbehave("hangs", CodeServerStandIn.Mode.HANG);
        HttpHeartbeatProbe impatient = new HttpHeartbeatProbe(vertx, Duration.ofSeconds(1), Duration.ofMillis(1500));
        long started = System.nanoTime();
        ProbeResult hungResult;
        try {
            hungResult = impatient.probe(new ProbeTarget(URI.create(codeServer.url("hangs")), null))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the probe must never fail", e);
        }
        ProbeResult.Unreachable hung = assertInstanceOf(ProbeResult.Unreachable.class, hungResult);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs < 6000, "bounded by the probe timeout (1.5 s), took " + tookMs + " ms");
        assertTrue(hung.reason().contains("timed out") || hung.reason().startsWith("no answer within"), hung.reason());

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertEquals("connection refused", unreachable("http://127.0.0.1:" + closedPort + "/healthz").reason());
        assertInstanceOf(ProbeResult.Unreachable.class, probe("http://onramp-no-such-host.invalid/healthz"));
    }

    @Test
    void httpsIsTrustedOnFirstUseAndAnotherCertificateIsNotBelieved() {
        SelfSignedTls first = SelfSignedTls.create("onramp-workspace");
        SelfSignedTls other = SelfSignedTls.create("onramp-workspace");
        try (CodeServerStandIn vm = CodeServerStandIn.https(clock, first.context())) {
            vm.inUse("vm");
            URI uri = URI.create(vm.url("vm"));
            assertTrue(uri.getScheme().equals("https"));

            ProbeResult.Answered unpinned = answered(probe(new ProbeTarget(uri, null)));
            assertEquals(first.fingerprint(), unpinned.certificate(), "the certificate to pin");
            assertTrue(unpinned.alive());

            ProbeResult.Answered pinned = answered(probe(new ProbeTarget(uri, first.fingerprint())));
            assertEquals(first.fingerprint(), pinned.certificate());

            ProbeResult.Unreachable mismatch = assertInstanceOf(ProbeResult.Unreachable.class,
                    probe(new ProbeTarget(uri, other.fingerprint())));
            assertEquals("certificate differs from the one first seen", mismatch.reason());
        }
        // plain HTTP spoken to a TLS port, and TLS to a plain one, fail cleanly too
        codeServer.started("plain");
        assertInstanceOf(ProbeResult.Unreachable.class,
                probe("https://127.0.0.1:" + codeServer.port() + "/plain/healthz"));
    }

    @Test
    void onlyCodeServersAnswerShapeCounts() {
        assertInstanceOf(ProbeResult.Answered.class, HttpHeartbeatProbe.parse(
                Buffer.buffer("{\"status\":\"expired\",\"lastHeartbeat\":1717228800000}"), null));
        for (String body : new String[] { "[]", "null", "{}", "{\"status\":\"alive\"}",
                "{\"status\":\"sleeping\",\"lastHeartbeat\":1}", "{\"status\":\"alive\",\"lastHeartbeat\":-5}",
                "{\"status\":\"alive\",\"lastHeartbeat\":\"yesterday\"}", "{\"status\":\"alive\",\"lastHeartbeat\":1.5}" }) {
            assertInstanceOf(ProbeResult.Unreachable.class, HttpHeartbeatProbe.parse(Buffer.buffer(body), null), body);
        }
    }

    static ProbeResult.Answered answered(ProbeResult r) {
        if (r instanceof ProbeResult.Answered a) {
            return a;
        }
        throw new AssertionError("expected an answer, got " + r);
    }

    ProbeResult.Unreachable unreachable(String url) {
        return assertInstanceOf(ProbeResult.Unreachable.class, probe(url));
    }
}
