package io.onramp.gateway;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;

/** A stand-in for the cluster's service-account issuer in the gateway's tests: one key pair per test JVM. */
final class ServiceTestTokens {

    static final String ISSUER = "https://kubernetes.default.svc.test";
    static final String AUDIENCE = "onramp-functions";
    static final String PING_SOURCE = "system:serviceaccount:onramp:onramp-idle-oidc-sources.knative.dev-pingsource";

    private static KeyPair keys;

    private ServiceTestTokens() {
    }

    private static synchronized KeyPair keys() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    static Map<String, String> config() {
        return Map.of("onramp.services.issuer", ISSUER,
                "onramp.services.public-key", "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(keys().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----");
    }

    static String token(String subject) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).expiresIn(Duration.ofMinutes(10)).jws()
                .sign(keys().getPrivate());
    }
}
