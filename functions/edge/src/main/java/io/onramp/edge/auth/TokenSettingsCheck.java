package io.onramp.edge.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start without the settings token verification needs. There is no mode that silently turns
 * authentication off: a process that cannot verify tokens does not serve.
 */
@ApplicationScoped
public class TokenSettingsCheck {

    void verify(@Observes StartupEvent event, Config config) {
        Optional<String> issuer = setting(config, "mp.jwt.verify.issuer");
        Optional<String> key = setting(config, "mp.jwt.verify.publickey");
        Optional<String> location = setting(config, "mp.jwt.verify.publickey.location");
        Optional<String> audiences = setting(config, "mp.jwt.verify.audiences");
        if (issuer.isEmpty()) {
            throw new IllegalStateException("Set ONRAMP_JWT_ISSUER to your OIDC provider's issuer: Onramp verifies every token's issuer.");
        }
        if (key.isEmpty() && location.isEmpty()) {
            throw new IllegalStateException(
                    "Set ONRAMP_JWT_JWKS_URL (or ONRAMP_JWT_PUBLIC_KEY / ONRAMP_JWT_PUBLIC_KEY_LOCATION) so Onramp can verify tokens.");
        }
        if (audiences.isEmpty()) {
            throw new IllegalStateException("Set ONRAMP_JWT_AUDIENCE: Onramp verifies every token's audience.");
        }
    }

    /** SmallRye JWT spells "not set" as NONE. */
    private static Optional<String> setting(Config config, String name) {
        return config.getOptionalValue(name, String.class).filter(v -> !v.isBlank() && !v.equals("NONE"));
    }
}
