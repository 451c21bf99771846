package io.onramp.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs RS256 tokens with the service-account key local mode keeps in its data directory (keys/services), as a
 * cluster's issuer would for a PingSource's OIDC identity. Plain JDK: the black-box tests share no code with the app.
 */
final class ServiceTokenMint {

    static final String ISSUER = "https://onramp.local/services";
    static final String AUDIENCE = "onramp-functions";

    private final PrivateKey key;

    ServiceTokenMint(Path dataDir) throws IOException, GeneralSecurityException {
        String pem = Files.readString(dataDir.resolve("keys/services/signing-key.pem"), StandardCharsets.US_ASCII);
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    String token(String subject, String audience, long lifetimeSeconds) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + audience
                + "\",\"iat\":" + (now - 10) + ",\"exp\":" + (now + lifetimeSeconds) + "}";
        String signingInput = b64(header) + "." + b64(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String token(String subject) {
        return token(subject, AUDIENCE, 600);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
