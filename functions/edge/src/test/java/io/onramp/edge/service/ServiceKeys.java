package io.onramp.edge.service;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** A local key pair standing in for a cluster's service-account issuer, and tokens signed with it. */
final class ServiceKeys {

    static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    static final String GATEWAY = "system:serviceaccount:onramp:onramp-gateway";
    static final String PING = "system:serviceaccount:onramp:onramp-pods-jobs-oidc-sources.knative.dev-pingsource";

    final KeyPair pair;
    final String kid;

    ServiceKeys(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.pair = generator.generateKeyPair();
            this.kid = kid;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String pem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    String jwk() {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
        jwk.setKeyId(kid);
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        jwk.setUse("sig");
        return jwk.toJson();
    }

    String jwks() {
        return jwksOf(this);
    }

    static String jwksOf(ServiceKeys... all) {
        return "{\"keys\":[" + String.join(",", java.util.Arrays.stream(all).map(ServiceKeys::jwk).toList()) + "]}";
    }

    String token(String issuer, String subject, String audience, Instant expires) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience(List.of(audience));
        claims.setIssuedAt(NumericDate.fromSeconds(expires.getEpochSecond() - 3600));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(pair.getPrivate());
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    String token(String subject) {
        return token(ISSUER, subject, "onramp-functions", Instant.now().plusSeconds(3600));
    }
}
