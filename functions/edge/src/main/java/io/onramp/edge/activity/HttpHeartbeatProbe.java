package io.onramp.edge.activity;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.onramp.core.activity.HeartbeatProbe;
import io.onramp.core.activity.IdleConfig;
import io.onramp.core.activity.ProbeResult;
import io.onramp.core.activity.ProbeTarget;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * {@link HeartbeatProbe} over HTTP with the Vert.x client. Every probe uses a fresh connection that is closed after
 * the answer ({@code Connection: close}): code-server keeps its heartbeat going while any connection is open, so a
 * pooled keep-alive connection from Onramp would make every workspace look used. Bounded by the connect timeout
 * and an overall timeout, reads at most {@value #MAX_BODY} bytes, follows no redirect, and never fails: whatever goes
 * wrong becomes {@link ProbeResult.Unreachable} with a short reason.
 * <p>
 * HTTPS (VM workspaces, whose code-server usually has a self-signed certificate for its IP) is trusted on first use:
 * the certificate is not verified against a CA, its SHA-256 fingerprint is returned with the first answer to be
 * pinned, and later answers with another certificate are not believed. The probe sends nothing secret.
 */
@ApplicationScoped
public class HttpHeartbeatProbe implements HeartbeatProbe {

    static final int MAX_BODY = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient plain;
    private final HttpClient tls;
    private final long timeoutMs;

    @Inject
    public HttpHeartbeatProbe(Vertx vertx, IdleConfig config) {
        this(vertx, config.probe().connectTimeout(), config.probe().timeout());
    }

    public HttpHeartbeatProbe(Vertx vertx, Duration connectTimeout, Duration timeout) {
        this.timeoutMs = Math.max(1, timeout.toMillis());
        HttpClientOptions base = new HttpClientOptions()
                .setKeepAlive(false)
                .setConnectTimeout((int) Math.max(1, Math.min(connectTimeout.toMillis(), timeoutMs)))
                .setIdleTimeout((int) timeoutMs)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxPoolSize(64)
                .setName("onramp-heartbeat-probe");
        this.plain = vertx.createHttpClient(new HttpClientOptions(base));
        this.tls = vertx.createHttpClient(new HttpClientOptions(base).setSsl(true).setTrustAll(true).setVerifyHost(false));
    }

    @Override
    public CompletionStage<ProbeResult> probe(ProbeTarget target) {
        CompletableFuture<ProbeResult> done = new CompletableFuture<>();
        try {
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setAbsoluteURI(target.uri().toString())
                    .setFollowRedirects(false)
                    .setTimeout(timeoutMs)
                    .putHeader(HttpHeaders.ACCEPT, "application/json");
            (target.tls() ? tls : plain).request(options)
                    .compose(HttpClientRequest::send)
                    .onSuccess(response -> read(target, response, done))
                    .onFailure(e -> done.complete(unreachable(describe(e))));
        } catch (RuntimeException e) {
            done.complete(unreachable("cannot request " + target.uri().getScheme() + "://" + target.uri().getHost()));
        }
        return done.completeOnTimeout(unreachable("no answer within " + timeoutMs + " ms"), timeoutMs, TimeUnit.MILLISECONDS);
    }

    private static void read(ProbeTarget target, HttpClientResponse response, CompletableFuture<ProbeResult> done) {
        if (response.statusCode() != 200) {
            drop(response);
            done.complete(unreachable("HTTP " + response.statusCode()));
            return;
        }
        String certificate = null;
        if (target.tls()) {
            try {
                certificate = fingerprint(response.request().connection().peerCertificates());
            } catch (SSLPeerUnverifiedException | RuntimeException e) {
                drop(response);
                done.complete(unreachable("no server certificate"));
                return;
            }
            if (target.pinnedCertificate() != null && !target.pinnedCertificate().equals(certificate)) {
                drop(response);
                done.complete(unreachable("certificate differs from the one first seen"));
                return;
            }
        }
        String seen = certificate;
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (done.isDone()) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY) {
                done.complete(unreachable("answer larger than " + MAX_BODY + " bytes"));
                drop(response);
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(e -> done.complete(unreachable(describe(e))));
        response.endHandler(v -> done.complete(parse(body, seen)));
    }

    /** code-server's answer: {@code {"status":"alive|expired","lastHeartbeat":<epoch ms, 0 = none yet>}}. */
    static ProbeResult parse(Buffer body, String certificate) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            return unreachable("answer is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            return unreachable("answer is not code-server's /healthz");
        }
        String status = answer.path("status").asText("");
        JsonNode beat = answer.get("lastHeartbeat");
        if (!("alive".equals(status) || "expired".equals(status)) || beat == null || !beat.isIntegralNumber()
                || beat.asLong() < 0) {
            return unreachable("answer is not code-server's /healthz");
        }
        long millis = beat.asLong();
        return new ProbeResult.Answered("alive".equals(status), millis == 0 ? null : Instant.ofEpochMilli(millis),
                certificate);
    }

    static String fingerprint(List<Certificate> chain) {
        if (chain == null || chain.isEmpty()) {
            throw new IllegalStateException("no certificate");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(chain.get(0).getEncoded());
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void drop(HttpClientResponse response) {
        try {
            response.request().reset();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }

    private static ProbeResult unreachable(String reason) {
        return new ProbeResult.Unreachable(reason);
    }

    /** A short, fixed description: exception messages may be long or carry addresses that change per attempt. */
    static String describe(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof ConnectException) {
                return t.getClass().getSimpleName().contains("Timeout") ? "connect timed out" : "connection refused";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed";
            }
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return "timed out";
            }
        }
        return "connection failed (" + e.getClass().getSimpleName() + ")";
    }

    @PreDestroy
    void close() {
        plain.close();
        tls.close();
    }
}
