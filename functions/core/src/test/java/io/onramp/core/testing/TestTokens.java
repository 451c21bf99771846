package io.onramp.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Real signed JWTs for tests: one RSA key pair per test JVM, whose public key the application under test is
 * configured to trust (see {@link OnrampTestResource}), and helpers to mint valid and deliberately invalid tokens.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.onramp.test";
    public static final String AUDIENCE = "onramp";
    public static final String ADMIN = "onramp-admin";
    public static final String DEVELOPER = "onramp-developer";
    public static final String CODER = "onramp-coder";

    private static KeyPair keys;
    private static KeyPair strangerKeys;
    private static Path publicKeyFile;

    private TestTokens() {
    }

    private static synchronized void init() {
        if (keys != null) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            strangerKeys = generator.generateKeyPair();
            publicKeyFile = Files.createTempFile("onramp-test-key", ".pem");
            publicKeyFile.toFile().deleteOnExit();
            Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that make the application trust these tokens. */
    public static Map<String, String> config() {
        init();
        return Map.of(
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE,
                "mp.jwt.verify.publickey.location", publicKeyFile.toUri().toString());
    }

    public static String developer(String username) {
        return token(username, DEVELOPER);
    }

    public static String admin(String username) {
        return token(username, ADMIN, DEVELOPER);
    }

    public static String coder() {
        return token("coder", CODER);
    }

    public static String token(String username, String... groups) {
        init();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("sub-" + username)
                .claim("preferred_username", username).groups(Set.of(groups))
                .expiresIn(Duration.ofHours(1)).jws().sign(keys.getPrivate());
    }

    /** A token with only {@code sub}: the username must fall back to it. */
    public static String subjectOnly(String subject, String... groups) {
        init();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(Set.of(groups))
                .expiresIn(Duration.ofHours(1)).jws().sign(keys.getPrivate());
    }

    public static String wrongIssuer(String username) {
        init();
        return Jwt.issuer("https://evil.example.com").audience(AUDIENCE).subject(username)
                .claim("preferred_username", username).groups(Set.of(ADMIN))
                .expiresIn(Duration.ofHours(1)).jws().sign(keys.getPrivate());
    }

    public static String wrongAudience(String username) {
        init();
        return Jwt.issuer(ISSUER).audience("someone-else").subject(username)
                .claim("preferred_username", username).groups(Set.of(ADMIN))
                .expiresIn(Duration.ofHours(1)).jws().sign(keys.getPrivate());
    }

    public static String expired(String username) {
        init();
        Instant past = Instant.now().minus(Duration.ofHours(3));
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(username)
                .claim("preferred_username", username).groups(Set.of(ADMIN))
                .issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(5))).jws().sign(keys.getPrivate());
    }

    /** Signed by a key the application does not trust. */
    public static String foreignKey(String username) {
        init();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(username)
                .claim("preferred_username", username).groups(Set.of(ADMIN))
                .expiresIn(Duration.ofHours(1)).jws().sign(strangerKeys.getPrivate());
    }
}
