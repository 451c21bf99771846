package io.onramp.gateway.local;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Mints the tokens local mode prints, signed with the local key, for the local issuer and audience. */
public final class LocalTokens {

    /** Long enough for a working day or a week of trying things; local mode reprints fresh ones on every start. */
    public static final Duration LIFETIME = Duration.ofDays(7);

    private final PrivateKey key;
    private final String issuer;
    private final String audience;

    public LocalTokens(PrivateKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    public String mint(String username, Set<String> groups) {
        return Jwt.issuer(issuer)
                .audience(audience)
                .subject(username)
                .claim("preferred_username", username)
                .groups(groups)
                .expiresIn(LIFETIME)
                .jws()
                .sign(key);
    }
}
