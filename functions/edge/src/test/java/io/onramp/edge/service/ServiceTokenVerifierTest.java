package io.onramp.edge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.edge.service.ServiceTokenRejected.Reason;

/** The service-token verifier with real RS256 tokens, against a PEM key and against a JWKS served over HTTP. */
class ServiceTokenVerifierTest {

    static final List<String> ALLOWED = List.of(ServiceKeys.GATEWAY,
            "system:serviceaccount:onramp:*-oidc-sources.knative.dev-pingsource");

    final ServiceKeys keys = new ServiceKeys("k1");

    ServiceTokenVerifier withPem() {
        return ServiceTokenVerifier.of(new ServiceTokenVerifier.Settings(ServiceKeys.ISSUER, "onramp-functions", ALLOWED,
                Optional.of(keys.pem()), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    static Reason rejected(ServiceTokenVerifier verifier, String token, ErrorCode expected) {
        ServiceTokenRejected e = assertThrows(ServiceTokenRejected.class, () -> verifier.verify(token));
        assertEquals(expected, e.code());
        assertFalse(token != null && e.getMessage().contains(token), "the token never appears in a message");
        return e.reason();
    }

    @Test
    void theGatewayAndAPingSourceAreLetIn() {
        ServiceTokenVerifier verifier = withPem();
        assertEquals(ServiceKeys.GATEWAY, verifier.verify(keys.token(ServiceKeys.GATEWAY)).subject());
        assertEquals(ServiceKeys.PING, verifier.verify(keys.token(ServiceKeys.PING)).subject());
    }

    @Test
    void wrongAudienceIsUnauthenticated() {
        String token = keys.token(ServiceKeys.ISSUER, ServiceKeys.GATEWAY, "https://kubernetes.default.svc",
                Instant.now().plusSeconds(600));
        assertEquals(Reason.AUDIENCE, rejected(withPem(), token, ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void wrongIssuerIsUnauthenticated() {
        String token = keys.token("https://issuer.elsewhere.example", ServiceKeys.GATEWAY, "onramp-functions",
                Instant.now().plusSeconds(600));
        assertEquals(Reason.ISSUER, rejected(withPem(), token, ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void anExpiredTokenIsUnauthenticated() {
        String token = keys.token(ServiceKeys.ISSUER, ServiceKeys.GATEWAY, "onramp-functions",
                Instant.now().minusSeconds(300)); // beyond the 60 s skew
        assertEquals(Reason.EXPIRED, rejected(withPem(), token, ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthenticated() {
        String token = new ServiceKeys("k1").token(ServiceKeys.GATEWAY);
        assertEquals(Reason.SIGNATURE, rejected(withPem(), token, ErrorCode.UNAUTHENTICATED));
        assertEquals(Reason.MALFORMED, rejected(withPem(), "not.a.jwt", ErrorCode.UNAUTHENTICATED));
        assertEquals(Reason.MISSING, rejected(withPem(), null, ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void aValidTokenOfAnUnlistedSubjectIsForbidden() {
        ServiceTokenVerifier verifier = withPem();
        // a workspace's own service account: a valid cluster token, but not one Onramp's functions accept
        assertEquals(Reason.SUBJECT_NOT_ALLOWED,
                rejected(verifier, keys.token("system:serviceaccount:onramp-alice:developer"), ErrorCode.FORBIDDEN));
        // the wildcard stays within one segment: another namespace's PingSource identity is not Onramp's
        assertEquals(Reason.SUBJECT_NOT_ALLOWED, rejected(verifier,
                keys.token("system:serviceaccount:other:x-oidc-sources.knative.dev-pingsource"), ErrorCode.FORBIDDEN));
        assertEquals(Reason.SUBJECT_NOT_ALLOWED, rejected(verifier,
                keys.token("system:serviceaccount:onramp:onramp-gateway-2"), ErrorCode.FORBIDDEN));
    }

    @Test
    void theJwksIsFetchedWithTheBearerTokenFileCachedAndRefreshedForANewKey(@TempDir Path dir) throws IOException {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "pod-token-1\n");
        ServiceKeys rotated = new ServiceKeys("k2");
        AtomicInteger fetches = new AtomicInteger();
        String[] served = { keys.jwks() };
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/openid/v1/jwks", exchange -> {
            boolean authorized = "Bearer pod-token-1".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorized ? served[0] : "{\"kind\":\"Status\",\"code\":401}").getBytes(StandardCharsets.UTF_8);
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/openid/v1/jwks";
            ServiceTokenVerifier verifier = ServiceTokenVerifier.of(new ServiceTokenVerifier.Settings(ServiceKeys.ISSUER,
                    "onramp-functions", ALLOWED, Optional.empty(), Optional.of(url), Optional.of(tokenFile),
                    Optional.empty()), 0);
            assertEquals(ServiceKeys.GATEWAY, verifier.verify(keys.token(ServiceKeys.GATEWAY)).subject());
            assertEquals(ServiceKeys.PING, verifier.verify(keys.token(ServiceKeys.PING)).subject());
            assertEquals(1, fetches.get(), "the key set is cached");

            // The issuer rotates its key: a token with an unknown kid makes the verifier fetch again.
            served[0] = ServiceKeys.jwksOf(keys, rotated);
            assertEquals(ServiceKeys.GATEWAY, verifier.verify(rotated.token(ServiceKeys.GATEWAY)).subject());
            assertEquals(2, fetches.get());

            // Without the pod's token the API server refuses the JWKS: that is UNAVAILABLE, not the caller's fault.
            ServiceTokenVerifier anonymous = ServiceTokenVerifier.of(new ServiceTokenVerifier.Settings(ServiceKeys.ISSUER,
                    "onramp-functions", ALLOWED, Optional.empty(), Optional.of(url), Optional.empty(), Optional.empty()));
            OnrampException e = assertThrows(OnrampException.class, () -> anonymous.verify(keys.token(ServiceKeys.GATEWAY)));
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aJwkSetGivenInlineWorksToo() {
        ServiceTokenVerifier verifier = ServiceTokenVerifier.of(new ServiceTokenVerifier.Settings(ServiceKeys.ISSUER,
                "onramp-functions", ALLOWED, Optional.of(keys.jwks()), Optional.empty(), Optional.empty(), Optional.empty()));
        assertEquals(ServiceKeys.GATEWAY, verifier.verify(keys.token(ServiceKeys.GATEWAY)).subject());
    }

    @Test
    void unusableSettingsFailNamingTheSetting() {
        IllegalStateException noKey = assertThrows(IllegalStateException.class, () -> ServiceTokenVerifier.of(
                new ServiceTokenVerifier.Settings(ServiceKeys.ISSUER, "onramp-functions", ALLOWED, Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty())));
        assertTrue(noKey.getMessage().contains("ONRAMP_SERVICES_JWKS_URL"));
        IllegalStateException badKey = assertThrows(IllegalStateException.class, () -> ServiceTokenVerifier.of(
                new ServiceTokenVerifier.Settings(ServiceKeys.ISSUER, "onramp-functions", ALLOWED,
                        Optional.of("-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----"),
                        Optional.empty(), Optional.empty(), Optional.empty())));
        assertTrue(badKey.getMessage().contains("ONRAMP_SERVICES_PUBLIC_KEY"));
        IllegalStateException noIssuer = assertThrows(IllegalStateException.class, () -> ServiceTokenVerifier.of(
                new ServiceTokenVerifier.Settings(null, "onramp-functions", ALLOWED, Optional.of(keys.pem()),
                        Optional.empty(), Optional.empty(), Optional.empty())));
        assertTrue(noIssuer.getMessage().contains("ONRAMP_SERVICES_ISSUER"));
    }
}
