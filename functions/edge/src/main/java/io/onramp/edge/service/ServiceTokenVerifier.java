package io.onramp.edge.service;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.edge.service.ServiceTokenRejected.Reason;

/**
 * Verifies service tokens: signature (a PEM key, a JWK set, or the issuer's JWKS fetched over HTTPS and cached),
 * issuer, audience, expiry (60 s skew), and that the subject is one of the allowed service identities. A token that
 * does not verify is UNAUTHENTICATED; a valid token of a subject that is not allowed is FORBIDDEN. Neither the token
 * nor its claims ever reach a message or a log line above debug.
 */
public final class ServiceTokenVerifier {

    private static final Logger LOG = Logger.getLogger(ServiceTokenVerifier.class);
    static final String NOT_A_SERVICE_TOKEN = "This function accepts only Onramp's service identities, and this token "
            + "is not one here (expired, wrong issuer or audience, or bad signature).";

    /** What verification needs; {@code publicKey} or {@code jwksUrl} must be given. */
    public record Settings(String issuer, String audience, List<String> allowedSubjects, Optional<String> publicKey,
            Optional<String> jwksUrl, Optional<Path> jwksTokenFile, Optional<Path> jwksCaFile) {
    }

    private final JwtConsumer consumer;
    private final List<Pattern> allowed;

    private ServiceTokenVerifier(JwtConsumer consumer, List<Pattern> allowed) {
        this.consumer = consumer;
        this.allowed = allowed;
    }

    /** @throws IllegalStateException naming the setting when the key or a setting is unusable */
    public static ServiceTokenVerifier of(Settings settings) {
        return of(settings, UNKNOWN_KEY_REFETCH_MILLIS);
    }

    /** A token naming an unknown key makes the JWKS be fetched again, at most this often (keys rotate rarely). */
    static final long UNKNOWN_KEY_REFETCH_MILLIS = 5_000;

    static ServiceTokenVerifier of(Settings settings, long unknownKeyRefetchMillis) {
        if (settings.issuer() == null || settings.issuer().isBlank()) {
            throw new IllegalStateException("Set onramp.services.issuer (ONRAMP_SERVICES_ISSUER): service tokens are verified against it.");
        }
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(settings.issuer())
                .setExpectedAudience(settings.audience())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                        AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384);
        Optional<String> key = settings.publicKey().filter(k -> !k.isBlank());
        Optional<String> jwks = settings.jwksUrl().filter(u -> !u.isBlank());
        if (key.isPresent()) {
            configureKey(builder, key.get().trim());
        } else if (jwks.isPresent()) {
            HttpsJwks remote = new HttpsJwks(jwks.get().trim());
            remote.setSimpleHttpGet(new JwksFetcher(settings.jwksTokenFile(), settings.jwksCaFile()));
            remote.setDefaultCacheDuration(300);
            remote.setRetainCacheOnErrorDuration(3600);
            remote.setRefreshReprieveThreshold(unknownKeyRefetchMillis);
            builder.setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(remote));
        } else {
            throw new IllegalStateException("Set onramp.services.jwks-url (ONRAMP_SERVICES_JWKS_URL) or "
                    + "onramp.services.public-key (ONRAMP_SERVICES_PUBLIC_KEY) to verify service tokens.");
        }
        List<Pattern> allowed = new ArrayList<>();
        for (String subject : settings.allowedSubjects()) {
            if (!subject.isBlank()) {
                allowed.add(glob(subject.trim()));
            }
        }
        return new ServiceTokenVerifier(builder.build(), List.copyOf(allowed));
    }

    /** The identity of a valid service token of an allowed subject. */
    public ServiceIdentity verify(String token) {
        if (token == null || token.isBlank()) {
            throw new ServiceTokenRejected(Reason.MISSING, ErrorCode.UNAUTHENTICATED,
                    "This function accepts only Onramp's service identities: send 'Authorization: Bearer <service token>'.");
        }
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            if (keysUnreachable(e)) {
                LOG.warnf("Could not fetch the service-token keys (onramp.services.jwks-url): %s", rootMessage(e));
                throw OnrampException.unavailable("This function cannot fetch its service-token keys right now; try again shortly.");
            }
            Reason reason = reason(e);
            LOG.debugf("Rejected a service token (%s)", reason);
            throw new ServiceTokenRejected(reason, ErrorCode.UNAUTHENTICATED, NOT_A_SERVICE_TOKEN);
        }
        String subject;
        try {
            subject = claims.getSubject();
        } catch (MalformedClaimException e) {
            throw new ServiceTokenRejected(Reason.MALFORMED, ErrorCode.UNAUTHENTICATED, NOT_A_SERVICE_TOKEN);
        }
        for (Pattern pattern : allowed) {
            if (pattern.matcher(subject).matches()) {
                return new ServiceIdentity(subject);
            }
        }
        throw new ServiceTokenRejected(Reason.SUBJECT_NOT_ALLOWED, ErrorCode.FORBIDDEN, "The service identity '"
                + printable(subject) + "' may not call Onramp's functions (onramp.services.allowed-subjects).");
    }

    /** {@code *} matches any characters within one {@code :}-separated segment; everything else literally. */
    static Pattern glob(String subject) {
        String[] parts = subject.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[^:]*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    private static void configureKey(JwtConsumerBuilder builder, String key) {
        try {
            if (key.startsWith("{")) {
                List<JsonWebKey> keys = key.contains("\"keys\"") ? new JsonWebKeySet(key).getJsonWebKeys()
                        : List.of(JsonWebKey.Factory.newJwk(key));
                builder.setVerificationKeyResolver(new JwksVerificationKeyResolver(keys));
            } else {
                builder.setVerificationKey(pem(key));
            }
        } catch (JoseException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("onramp.services.public-key (ONRAMP_SERVICES_PUBLIC_KEY) is neither a PEM "
                    + "public key nor a JWK or JWK set.");
        }
    }

    static PublicKey pem(String text) throws GeneralSecurityException {
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static Reason reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return Reason.EXPIRED;
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return Reason.ISSUER;
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return Reason.AUDIENCE;
        }
        if (e.hasErrorCode(ErrorCodes.MISCELLANEOUS) && !causedBy(e, UnresolvableKeyException.class)) {
            return Reason.MALFORMED; // not a JWT at all
        }
        if (e.hasErrorCode(ErrorCodes.JSON_INVALID) || e.hasErrorCode(ErrorCodes.MALFORMED_CLAIM)
                || e.hasErrorCode(ErrorCodes.SUBJECT_MISSING) || e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return Reason.MALFORMED;
        }
        return Reason.SIGNATURE;
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean keysUnreachable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String printable(String value) {
        String v = value.codePoints().anyMatch(Character::isISOControl) ? "(unprintable)" : value;
        return v.length() > 120 ? v.substring(0, 120) + "..." : v;
    }
}
